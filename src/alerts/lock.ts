import type { Store } from '../store/store.js';

const tails = new WeakMap<Store, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call for the same store has finished. The SQLite driver has one connection,
 * and two transactions that interleave on it (two evaluations started together) would nest by accident;
 * queueing alert transactions within the process avoids that. Across processes, the compare-and-set in
 * `applyFindings` is what keeps changes single.
 */
export function serialized<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(store) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  tails.set(store, run.catch(() => undefined));
  return run;
}
