import type { Migration } from './migration.js';

/**
 * defect_late_steps: what the kept defect rows need to list as of a past day (src/metrics/late-steps.ts). A row is
 * a step of one defect row (a package's or an order's under one metric, keyed as in defect_rollups): it enters
 * (`step` 1) or leaves (-1) its list as of the end of `from_day`, a day after the first list that holds it (a scan
 * after the promised day, a cancellation after the purchase day). As of day D a list holds the current rows less
 * those whose steps after D add up to 1, and with those whose steps after D add up to -1; the filter keys are the
 * row's, so a filtered list takes back only its own. Each step belongs to one package's or order's contribution,
 * so a row is written whole and deleted when taken back (as defect_rollups), never left at zero.
 * Keyed by the row's day (attribution) first: a list's window is one range of it. Figures kept before it lack the
 * steps: KEPT_FIGURES_REVISION 5 (src/core/cells.ts) has the next kept write (or `vtrguard rebuild`, or
 * `vtrguard serve` on start) count everything again.
 */
const table = (suffix: string) => `
CREATE TABLE defect_late_steps (
  seller_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  sort_day TEXT NOT NULL,
  order_id TEXT NOT NULL,
  package_id BIGINT NOT NULL,
  from_day TEXT NOT NULL,
  carrier_keys TEXT NOT NULL,
  category_keys TEXT NOT NULL,
  step SMALLINT NOT NULL,
  PRIMARY KEY (seller_id, marketplace, metric, day, sort_day, order_id, package_id, from_day)
)${suffix};
`;

// SQLite: keyed by the primary key alone (one b-tree a step, not a table and an index).
export const defectLateStepsMigration: Migration = { version: 23, name: 'defect-late-steps', sqlite: table(' WITHOUT ROWID'), postgres: table('') };
