import { exemptionFingerprint } from '../metrics/config.js';
import type { MetricsConfig } from '../metrics/config.js';
import { figuresCurrent } from '../store/rollups.js';
import type { Store } from '../store/store.js';
import { rebuildKeptFigures } from './kept-figures.js';
import type { SpanThreads } from './span-threads.js';

export interface RebuiltSeller {
  sellerId: string;
  ms: number;
}

export interface RebuildOptions {
  /** Only these sellers (default: every seller of the store). */
  sellerIds?: readonly string[];
  /**
   * Leave sellers whose figures this build kept with this configuration. After an upgrade that changes what is kept,
   * or a changed exemption, the others are read from raw rows (slow at scale) until counted again.
   */
  onlyStale?: boolean;
  /** Count each seller's spans on threads (span-threads.ts); on this thread when absent. */
  spanThreads?: SpanThreads;
  clock?: () => number;
  onRebuilt?: (seller: RebuiltSeller) => void;
}

/** Counts sellers' kept figures again from raw rows, one seller (one transaction) at a time. */
export async function rebuildFigures(store: Store, config: MetricsConfig, options: RebuildOptions = {}): Promise<RebuiltSeller[]> {
  const clock = options.clock ?? Date.now;
  const sellerIds = options.sellerIds ?? (await store.listSellers()).map((s) => s.sellerId);
  const fingerprint = exemptionFingerprint(config);
  const rebuilt: RebuiltSeller[] = [];
  for (const sellerId of sellerIds) {
    if (options.onlyStale === true && await figuresCurrent(store, sellerId, fingerprint)) continue;
    const started = clock();
    await rebuildKeptFigures(store, sellerId, config, { spanThreads: options.spanThreads });
    const done = { sellerId, ms: clock() - started };
    rebuilt.push(done);
    options.onRebuilt?.(done);
  }
  return rebuilt;
}
