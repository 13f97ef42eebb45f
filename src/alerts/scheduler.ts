import type { Store } from '../store/store.js';
import { evaluateAlerts } from './evaluate.js';
import type { EvaluateOptions } from './evaluate.js';

export interface SchedulerOptions extends EvaluateOptions {
  intervalMs: number;
  clock: () => number;
  onError: (sellerId: string, error: unknown) => void;
}

export interface Scheduler {
  /** Runs one round now (the timer's work); resolves when every seller was evaluated. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Evaluates every seller's alerts every `intervalMs`. Rounds never overlap: the next is scheduled when the
 * last one ends, so a slow notifier cannot pile rounds up. One seller's failure does not stop the others.
 */
export function startAlertScheduler(store: Store, options: SchedulerOptions): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const round = async (): Promise<void> => {
    for (const { sellerId } of await store.listSellers()) {
      if (stopped) return;
      try {
        await evaluateAlerts(store, sellerId, options.clock(), options);
      } catch (error) {
        options.onError(sellerId, error);
      }
    }
  };
  const runOnce = (): Promise<void> => {
    running ??= round().catch((error: unknown) => options.onError('*', error)).finally(() => { running = undefined; });
    return running;
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().then(schedule), options.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
