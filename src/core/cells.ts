/**
 * The one currency between raw rows and rollups: counts per (metric, local day, category, carrier).
 * `category = ''` rows count each package once (overall and per carrier); rows with a category count a
 * package once in each of its categories. Both the raw path and the rollup path produce cells, and one
 * report builder reads them, so the two cannot disagree on anything but the counts themselves.
 */
export const CELL_METRICS = ['vtr_pd', 'vtr_sc', 'otdr', 'lsr', 'cr', 'sfp_otdr', 'sfp_ship', 'sfp_cr'] as const;
export type CellMetric = (typeof CELL_METRICS)[number];

/**
 * Seller Fulfilled Prime metrics (definitions.md v2) count the Prime share of a metric with the same attribution
 * day, so they are emitted with it: OTDR of Prime packages with `otdr` (hit: on time), on-time shipment of Prime
 * orders with `lsr` (hit: shipped on time by first carrier scan), the Prime cancel rate with `cr` (hit: cancelled).
 */
export const SFP_COMPANIONS: Readonly<Partial<Record<CellMetric, CellMetric>>> = { otdr: 'sfp_otdr', lsr: 'sfp_ship', cr: 'sfp_cr' };

/** The metrics with the SFP metrics counted alongside them. */
export function withCompanions(metrics: readonly CellMetric[]): CellMetric[] {
  return metrics.flatMap((m) => (SFP_COMPANIONS[m] ? [m, SFP_COMPANIONS[m]!] : [m]));
}

export const ALL = '';
/** Category of a package whose items carry none (should not happen, but must not vanish). */
export const UNCATEGORISED = '(uncategorised)';
export const NO_CARRIER = '(none)';

export interface Cell {
  metric: CellMetric;
  day: string;
  category: string;
  carrier: string;
  total: number;
  /** valid (VTR), on time (OTDR), late (LSR), cancelled (CR). */
  hit: number;
}
