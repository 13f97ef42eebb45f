import type { Cell } from '../core/cells.js';
import type { Marketplace } from '../core/domain.js';
import { awaitingScanCells, scanGraceStart } from '../metrics/awaiting-scan.js';
import type { MarketplaceMetricsConfig } from '../metrics/config.js';
import { packagesAwaitingFirstScan } from '../store/awaiting-scan.js';
import type { Store } from '../store/store.js';
import { staticTrackingDefect } from '../validate/assess.js';

/** The forecast's cells for packages still within the scan grace period (src/metrics/awaiting-scan.ts). */
export async function readAwaitingScanCells(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  cfg: MarketplaceMetricsConfig,
  now: number,
): Promise<Cell[]> {
  return awaitingScanCells(await packagesAwaitingFirstScan(store, sellerId, marketplace, scanGraceStart(cfg, now), now), cfg, staticTrackingDefect);
}
