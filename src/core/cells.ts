/**
 * The one currency between raw rows and rollups: counts per (metric, local day, category, carrier).
 * `category = ''` rows count each package once (overall and per carrier); rows with a category count a
 * package once in each of its categories. Both the raw path and the rollup path produce cells, and one
 * report builder reads them, so the two cannot disagree on anything but the counts themselves.
 */
export const CELL_METRICS = ['vtr_pd', 'vtr_sc', 'otdr', 'lsr', 'cr'] as const;
export type CellMetric = (typeof CELL_METRICS)[number];

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
