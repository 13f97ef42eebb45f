import type { Migration } from './migration.js';

/**
 * Indexes for the metric reads (docs/metrics.md, "Performance").
 * - packages_confirm_day: VTR attributed by ship-confirm day (`packagesByDay(…, 'ship_confirm')`, and the rollup
 *   refresh of `vtr_sc` days) range-scans confirm days; without it every such read scanned all of the seller's
 *   packages (10M at the bench size) however short the range.
 */
const indexes = `
CREATE INDEX packages_confirm_day ON packages (seller_id, confirm_day);
`;

export const metricsIndexesMigration: Migration = {
  version: 6,
  name: 'metrics-indexes',
  sqlite: indexes,
  postgres: indexes,
};
