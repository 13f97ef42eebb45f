import type { FactWrites, Store } from '../../store/store.js';
import type { TrackingSettings } from './credentials.js';
import { clientsFromSettings, pollOnce, type PassSummary } from './poller.js';

export interface TrackingWorkerOptions {
  store: Store;
  /** Keeps the figures current with the events stored (src/app/kept-figures.ts). */
  figures?: FactWrites;
  /** Credentials, paces and the pause between passes, as configured (`Config.tracking`). */
  settings: TrackingSettings;
  now?: () => number;
  log?: (line: string) => void;
  /** Runs before each pass (re-reading sellers' stored credentials); a failure skips that pass, logged. */
  beforePass?: () => Promise<void>;
}

export interface TrackingWorker {
  stop(): Promise<void>;
  /** Resolves when the pass under way (if any) ends; for tests. */
  idle(): Promise<PassSummary | null>;
}

/**
 * The poller inside `vtrguard serve`: runs polling passes one after another with a pause between them.
 * Safe to run in many processes against one PostgreSQL database.
 */
export async function startTrackingWorker(options: TrackingWorkerOptions): Promise<TrackingWorker> {
  const now = options.now ?? Date.now;
  const clients = clientsFromSettings(options.settings);
  const intervalMs = options.settings.intervalMs;
  let stopped = false;
  let current: Promise<PassSummary | null> = Promise.resolve(null);
  let timer: NodeJS.Timeout | undefined;

  const pass = async (): Promise<PassSummary | null> => {
    try {
      await options.beforePass?.();
      return await pollOnce({
        store: options.store, clients, now, ...(options.figures ? { figures: options.figures } : {}), ...(options.log ? { log: options.log } : {}),
      });
    } catch (error) {
      options.log?.(`tracking pass failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = pass().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  current = pass().finally(schedule);

  return {
    idle: () => current,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current.catch(() => null);
    },
  };
}
