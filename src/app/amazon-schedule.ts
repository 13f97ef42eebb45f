import { latestReports, listConnections } from '../store/amazon.js';
import { processHeld } from './amazon-confirm.js';
import { nowOf, type AmazonDeps } from './amazon-context.js';
import { FEED_POLL_MS, resumeFeeds } from './amazon-feed.js';
import { fetchPerformanceReport, PERFORMANCE_REPORT } from './amazon-reports.js';
import { syncOrders } from './amazon-sync.js';

export interface AmazonScheduleOptions {
  /** Between order syncs of each connected seller (searchOrders allows one page per ~3 minutes after its burst). */
  syncEveryMs: number;
  /** Between passes over the held confirmations; keep it well under the hold margin. */
  heldEveryMs: number;
  /** Between polls of the confirmation feeds Amazon is processing (default: the configuration's, else 30 s). */
  feedsEveryMs?: number;
  /** A seller's performance report is fetched when its last one is older than this (daily). */
  reportEveryMs: number;
  /** Pages per sync run, so one seller's backfill does not hold the others back. */
  maxPagesPerRun?: number;
  onError: (sellerId: string, task: string, error: unknown) => void;
}

export interface AmazonScheduler {
  /** One round of every task now; resolves when it ends. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `vtrguard serve`'s Amazon work for every connected seller: the order sync, the held queue, the confirmation feeds
 * Amazon is processing (also those a stopped process left) and the daily performance report. Each task's rounds never overlap (the next is scheduled when the last ends); one seller's
 * failure is reported and the others go on.
 */
export function startAmazonScheduler(deps: AmazonDeps, options: AmazonScheduleOptions): AmazonScheduler {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const forEachSeller = async (task: string, fn: (sellerId: string) => Promise<unknown>): Promise<void> => {
    for (const { sellerId } of await listConnections(deps.store)) {
      if (stopped) return;
      try {
        await fn(sellerId);
      } catch (error) {
        options.onError(sellerId, task, error);
      }
    }
  };
  const tasks: [string, number, () => Promise<void>][] = [
    ['sync', options.syncEveryMs, () => forEachSeller('sync', (s) => syncOrders(deps, s, { maxPages: options.maxPagesPerRun ?? 200 }))],
    ['held', options.heldEveryMs, () => forEachSeller('held', (s) => processHeld(deps, s))],
    ['feeds', options.feedsEveryMs ?? deps.amazon.feedPollMs ?? FEED_POLL_MS, () => forEachSeller('feeds', (s) => resumeFeeds(deps, s))],
    ['report', Math.min(options.reportEveryMs, 3_600_000), () => forEachSeller('report', async (s) => {
      const [last] = (await latestReports(deps.store, s, 5)).filter((r) => r.reportType === PERFORMANCE_REPORT);
      if (!last || nowOf(deps) - last.requestedAt >= options.reportEveryMs) await fetchPerformanceReport(deps, s);
    })],
  ];
  const track = (work: Promise<void>): Promise<void> => {
    running.add(work);
    return work.finally(() => running.delete(work));
  };
  for (const [name, every, run] of tasks) {
    const loop = (): void => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void track(run().catch((error: unknown) => options.onError('*', name, error))).then(loop);
      }, every);
      timer.unref();
      timers.add(timer);
    };
    loop();
  }
  return {
    runOnce: () => track(Promise.all(tasks.map(([, , run]) => run())).then(() => undefined)),
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
