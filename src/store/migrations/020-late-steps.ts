import type { Migration } from './migration.js';

/**
 * metric_late_steps: what the kept cells need to answer as of a past day (src/metrics/late-steps.ts). A row is a
 * step one cell's count takes from `from_day` on — facts that arrive after the first report that reads the cell
 * (a scan after the forecast first counted the package, a confirmation after the ship-by, a late cancellation);
 * the count as of day D is the cell's current count minus its steps from days after D. Net increments, like the
 * cells: a step can be negative, and one taken back to zero stays as a zero row until the next rebuild.
 * Figures kept before it lack the steps: KEPT_FIGURES_REVISION 3 (src/core/cells.ts) has the next kept write
 * (or `vtrguard rebuild`, or `vtrguard serve` on start) count everything again.
 */
const table = (suffix: string) => `
CREATE TABLE metric_late_steps (
  seller_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  category TEXT NOT NULL,
  carrier TEXT NOT NULL,
  from_day TEXT NOT NULL,
  total BIGINT NOT NULL,
  hit BIGINT NOT NULL,
  PRIMARY KEY (seller_id, marketplace, metric, day, category, carrier, from_day)
)${suffix};
`;

// SQLite: keyed by the primary key alone (one b-tree a step, not a table and an index).
export const lateStepsMigration: Migration = { version: 20, name: 'late-steps', sqlite: table(' WITHOUT ROWID'), postgres: table('') };
