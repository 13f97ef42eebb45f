import type { Migration } from './migration.js';

/**
 * scan_delay_late_steps: what the kept scan-delay histogram needs to answer as of a past day (src/metrics/late-steps.ts).
 * A package's level-0 bucket (its attribution day, carrier label, tenths of an hour to first scan) is counted as of
 * the end of the local day by which both its confirmation and its first scan are seen; a row is that step, kept only
 * when the day comes after the histogram day's first reader (a scan on a later day than the confirmation, under
 * vtr_sc; a scan after the promised day, under vtr_pd). As of day D the level-0 histogram holds its current counts
 * minus the steps from days after D. Net increments, like the cells' steps: one taken back to zero stays as a zero
 * row until the next rebuild. Level 0 only: a past day's median sums level 0 over the window (~100 ms at 10M
 * packages on SQLite), it does not descend the levels. Keyed by the day first: a window is one range of it.
 * Figures kept before it lack the steps: KEPT_FIGURES_REVISION 6 (src/core/cells.ts) has the next kept write (or
 * `vtrguard rebuild`, or `vtrguard serve` on start) count everything again.
 */
const table = (suffix: string) => `
CREATE TABLE scan_delay_late_steps (
  seller_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  from_day TEXT NOT NULL,
  carrier TEXT NOT NULL,
  bucket BIGINT NOT NULL,
  packages BIGINT NOT NULL,
  PRIMARY KEY (seller_id, marketplace, metric, day, from_day, carrier, bucket)
)${suffix};
`;

// SQLite: keyed by the primary key alone (one b-tree a step, not a table and an index).
export const scanDelayLateStepsMigration: Migration = { version: 25, name: 'scan-delay-late-steps', sqlite: table(' WITHOUT ROWID'), postgres: table('') };
