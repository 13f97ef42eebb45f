import type { Marketplace } from '../core/domain.js';
import { localDay } from '../core/time.js';
import { readRollupCells, refreshRollups, rollupsStale } from '../store/rollups.js';
import type { Store } from '../store/store.js';
import type { Cell } from './cells.js';
import { CellAccumulator, addOrderCells, addPackageCells } from './cells.js';
import { asOfInstant } from './classify.js';
import type { MarketplaceMetricsConfig, MetricsConfig } from './config.js';
import type { BuiltReports, MetricsSource } from './report.js';
import { buildReports, neededRanges, vtrCellMetric } from './report.js';

export interface ComputeOptions {
  config: MetricsConfig;
  /** The current instant (time is a parameter, never read here). */
  now: number;
  /** Local as-of day; default: today in the marketplace's zone. */
  asOf?: string;
  /** Compute from raw rows even when rollups could answer. */
  recompute?: boolean;
}

/**
 * Rollups hold current knowledge, which is what "as of today" (or later) sees. A past as-of must not see
 * what arrived after it, so it is computed from raw rows (docs/metrics.md).
 */
export function chooseSource(asOf: string, today: string, recompute: boolean): MetricsSource {
  return recompute || asOf < today ? 'raw' : 'rollups';
}

/** Cells for one report, classified from raw rows as of the end of `asOf`. */
export async function cellsFromRaw(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  asOf: string,
  cfg: MarketplaceMetricsConfig,
): Promise<Cell[]> {
  const ranges = neededRanges(asOf, cfg);
  const ctx = { before: asOfInstant(asOf, cfg.zone), zone: cfg.zone, exemptions: cfg.exemptions };
  const acc = new CellAccumulator();
  for (const pkg of await store.packagesByDay(sellerId, marketplace, ranges.vtr, cfg.attribution)) {
    addPackageCells(acc, pkg, { ...ctx, metrics: [vtrCellMetric(cfg)] });
  }
  for (const pkg of await store.packagesByDay(sellerId, marketplace, ranges.otdr, 'promised_delivery')) {
    addPackageCells(acc, pkg, { ...ctx, metrics: ['otdr'] });
  }
  for (const order of await store.ordersByDay(sellerId, marketplace, 'ship_by', ranges.lsr)) {
    addOrderCells(acc, order, ['lsr'], ctx.before);
  }
  for (const order of await store.ordersByDay(sellerId, marketplace, 'purchase', ranges.cr)) {
    addOrderCells(acc, order, ['cr'], ctx.before);
  }
  return acc.list();
}

export async function cellsFromRollups(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  asOf: string,
  config: MetricsConfig,
): Promise<Cell[]> {
  if (await rollupsStale(store, sellerId)) await refreshRollups(store, sellerId, { config });
  const cfg = config[marketplace];
  const ranges = neededRanges(asOf, cfg);
  return readRollupCells(store, sellerId, marketplace, { vtrMetric: vtrCellMetric(cfg), ...ranges });
}

export async function computeReports(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  options: ComputeOptions,
): Promise<BuiltReports> {
  const cfg = options.config[marketplace];
  const today = localDay(options.now, cfg.zone);
  const asOf = options.asOf ?? today;
  const source = chooseSource(asOf, today, options.recompute === true);
  const cells =
    source === 'raw'
      ? await cellsFromRaw(store, sellerId, marketplace, asOf, cfg)
      : await cellsFromRollups(store, sellerId, marketplace, asOf, options.config);
  return buildReports(cells, asOf, marketplace, cfg, source);
}

/** One marketplace when asked, else every marketplace the seller has orders in. */
export async function marketplacesFor(store: Store, sellerId: string, marketplace?: Marketplace): Promise<Marketplace[]> {
  return marketplace ? [marketplace] : store.marketplaces(sellerId);
}
