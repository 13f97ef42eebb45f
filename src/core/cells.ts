/**
 * The one currency between raw rows and rollups: counts per (metric, local day, category, carrier).
 * `category = ''` rows count each package once (overall and per carrier); rows with a category count a
 * package once in each of its categories. Both the raw path and the rollup path produce cells, and one
 * report builder reads them, so the two cannot disagree on anything but the counts themselves.
 */
export const CELL_METRICS = ['vtr_pd', 'vtr_sc', 'otdr', 'lsr', 'cr', 'sfp_otdr', 'sfp_ship', 'sfp_cr', 'sfp_vtr_pd', 'sfp_vtr_sc'] as const;
export type CellMetric = (typeof CELL_METRICS)[number];

/**
 * Seller Fulfilled Prime metrics (definitions.md v2) count the Prime share of a metric with the same attribution
 * day, so they are emitted with it: VTR of Prime packages with `vtr_pd` / `vtr_sc` (hit: valid tracking; overall
 * and per carrier, no category), OTDR of Prime packages with `otdr` (hit: on time), on-time shipment of Prime
 * orders with `lsr` (hit: shipped on time by first carrier scan), the Prime cancel rate with `cr` (hit: cancelled).
 */
export const SFP_COMPANIONS = {
  vtr_pd: 'sfp_vtr_pd', vtr_sc: 'sfp_vtr_sc', otdr: 'sfp_otdr', lsr: 'sfp_ship', cr: 'sfp_cr',
} as const satisfies Partial<Record<CellMetric, CellMetric>>;

/**
 * What the kept figures hold: bump when a contribution (src/metrics/contributions.ts) adds or changes rows, so that
 * figures kept by an older build are rebuilt rather than served without them (the fingerprint kept beside them
 * includes it: metrics/config.ts). 2: Prime VTR cells and defect rows. 3: the cells' late steps (past as-of days).
 * 4: defect rows of Prime OTDR, on-time shipment and cancels. 5: the defect rows' late steps (past as-of lists).
 * 6: the scan-delay histogram's late steps (past as-of medians).
 */
export const KEPT_FIGURES_REVISION = 6;

/** OTDR's cell metrics (its own and its Prime companion): attributed to the promised day, read a week after it. */
export const isOtdrMetric = (metric: string): boolean => metric === 'otdr' || metric === 'sfp_otdr';

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
