import { randomUUID } from 'node:crypto';
import { isCarrierScan } from '../../core/domain.js';
import { VtrguardError } from '../../core/errors.js';
import type { FactWrites, Store } from '../../store/store.js';
import { claimDue, finishPoll, type PollTask } from '../../store/tracking-poll.js';
import { writeEvents } from '../write-events.js';
import type { TrackingClient, TrackOutcome } from './client.js';
import { API_CARRIER_KEYS, createTrackingClient, PULL_CARRIERS, type PullCarrier } from './clients/index.js';
import type { ClientOptions } from './client-options.js';
import type { CredentialSource, TrackingSettings } from './credentials.js';
import { DEFAULT_SCHEDULE, MAX_AGE_MS, nextPollAt, type ScheduleStep } from './schedule.js';

const HOUR = 3_600_000;

export type ClientSource = (sellerId: string, carrier: PullCarrier) => TrackingClient | null;

/**
 * Clients built from configured credentials, one per API account: sellers sharing an account share its token
 * cache and its rate-limit bucket, which is what the carrier counts.
 */
export function clientsFromCredentials(credentials: CredentialSource, options: (carrier: PullCarrier) => ClientOptions = () => ({})): ClientSource {
  const byAccount = new Map<string, TrackingClient | null>();
  return (sellerId, carrier) => {
    const c = credentials(sellerId, carrier);
    // The secret is part of the account's identity here: a seller's rotated secret (set through the API) gets a new client.
    const account = `${carrier}\u0000${c.clientId ?? ''}\u0000${c.clientSecret ?? ''}\u0000${c.apiKey ?? ''}\u0000${c.baseUrl ?? ''}`;
    if (!byAccount.has(account)) byAccount.set(account, createTrackingClient(carrier, c, options(carrier)));
    return byAccount.get(account) ?? null;
  };
}

/** The client source the CLI and the server use: credentials and paces from configuration. */
export function clientsFromSettings(settings: Pick<TrackingSettings, 'credentials' | 'rateLimit'>): ClientSource {
  return clientsFromCredentials(settings.credentials, (carrier) => {
    const rateLimit = settings.rateLimit(carrier);
    return rateLimit ? { rateLimit } : {};
  });
}

export interface PollDeps {
  store: Store;
  /** Keeps the figures current with the events each poll stores (src/app/kept-figures.ts). */
  figures?: FactWrites;
  clients: ClientSource;
  now: () => number;
  carriers?: readonly PullCarrier[];
  /** Only this seller's packages (the CLI's --seller); all sellers otherwise. */
  sellerId?: string;
  /** Rows leased per claim. */
  claimSize?: number;
  leaseMs?: number;
  /** Stops the pass after this many polls (0 = until nothing is due). */
  maxPolls?: number;
  log?: (line: string) => void;
  random?: () => number;
}

export interface PassSummary {
  polled: number;
  events: number;
  inserted: number;
  notFound: number;
  failed: number;
  /** Carriers skipped because no credentials are configured, or refused them. */
  skipped: string[];
}

/**
 * One polling pass: per carrier lease due packages, call the API in the largest batches it takes, store the events
 * and schedule each package's next poll. The queue is fed where packages are written (src/ingest/tracking/queue.ts),
 * so a pass does only its polls' work, whatever the size of the store. Several passes may run at once (several
 * processes on PostgreSQL); the leases keep them from polling the same package.
 */
export async function pollOnce(deps: PollDeps): Promise<PassSummary> {
  const owner = randomUUID();
  // The default schedule, as the queue's window (src/ingest/tracking/queue.ts): packages older than it are never queued.
  const schedule = DEFAULT_SCHEDULE;
  const carriers = deps.carriers ?? PULL_CARRIERS;
  const summary: PassSummary = { polled: 0, events: 0, inserted: 0, notFound: 0, failed: 0, skipped: [] };
  for (const carrier of carriers) {
    const refused = new Set<string>();
    for (;;) {
      if (deps.maxPolls && summary.polled >= deps.maxPolls) return summary;
      const now = deps.now();
      const tasks = await claimDue(deps.store, API_CARRIER_KEYS[carrier], now, deps.claimSize ?? 120, owner, deps.leaseMs ?? 10 * 60_000, deps.sellerId);
      if (tasks.length === 0) break;
      for (const [sellerId, sellerTasks] of groupBy(tasks, (t) => t.sellerId)) {
        const client = refused.has(sellerId) ? null : deps.clients(sellerId, carrier);
        if (!client) {
          // No usable credentials: look again in an hour rather than spin on these rows.
          if (!summary.skipped.includes(carrier)) summary.skipped.push(carrier);
          for (const task of sellerTasks) await finishPoll(deps.store, task, owner, now, 'no_credentials', inAnHour(task, now, schedule));
          continue;
        }
        try {
          await pollWithClient(deps, client, sellerId, sellerTasks, owner, schedule, summary);
        } catch (error) {
          if (!(error instanceof VtrguardError)) throw error;
          // Refused credentials or an API down for good: record it, release the rows, try again in an hour.
          deps.log?.(`${carrier} (seller ${sellerId}): ${error.code}: ${error.message}`);
          if (error.code === 'CARRIER_AUTH_FAILED') refused.add(sellerId);
          if (!summary.skipped.includes(carrier)) summary.skipped.push(carrier);
          summary.failed += sellerTasks.length;
          for (const task of sellerTasks) await finishPoll(deps.store, task, owner, deps.now(), error.code.toLowerCase(), inAnHour(task, deps.now(), schedule));
        }
      }
    }
  }
  return summary;
}

/**
 * A row that could not be polled is tried again in an hour, until its schedule ends like a polled one's: a carrier
 * without an account would otherwise keep every package of it ever confirmed in the queue, each rewritten every hour.
 */
function inAnHour(task: PollTask, now: number, schedule: readonly ScheduleStep[]): number | null {
  return now - task.confirmedAt >= MAX_AGE_MS(schedule) ? null : now + HOUR;
}

async function pollWithClient(
  deps: PollDeps,
  client: TrackingClient,
  sellerId: string,
  tasks: readonly PollTask[],
  owner: string,
  schedule: readonly ScheduleStep[],
  summary: PassSummary,
): Promise<void> {
  const batches: PollTask[][] = [];
  for (let i = 0; i < tasks.length; i += client.maxBatch) batches.push(tasks.slice(i, i + client.maxBatch));
  // A few calls in flight keep a slow API busy; the client's token bucket still paces them.
  await runLimited(batches, 4, async (batch) => {
    const outcomes = await client.track(batch.map((t) => t.trackingNumber));
    const now = deps.now();
    const events = outcomes.flatMap((o) => o.events);
    if (events.length > 0) {
      const result = await writeEvents(deps.store, deps.figures, sellerId, events, now);
      summary.inserted += result.inserted;
    }
    summary.events += events.length;
    for (const [i, task] of batch.entries()) {
      const outcome: TrackOutcome = outcomes[i] ?? { trackingNumber: task.trackingNumber, kind: 'error', events: [] };
      summary.polled++;
      if (outcome.kind === 'not_found') summary.notFound++;
      if (outcome.kind === 'error') summary.failed++;
      const delivered = outcome.events.some((e) => e.status === 'delivered');
      const scanned = outcome.events.some((e) => isCarrierScan(e.status));
      const label = outcome.kind === 'found' ? (delivered ? 'delivered' : scanned ? 'scanned' : 'no_scan') : outcome.kind;
      await finishPoll(deps.store, task, owner, now, label, nextPollAt(task.confirmedAt, now, delivered, schedule, deps.random));
    }
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

async function runLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
