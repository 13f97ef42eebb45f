import type { Migration } from './migration.js';

/**
 * What the dashboard lists beside the metric cells, kept current by the rollup refresh (src/store/dashboard-rollups.ts),
 * so that "as of today" it reads a few rows, not the window's packages (docs/dashboard.md):
 * - scan_delay_rollups: packages per (marketplace, VTR attribution day, carrier label, delay bucket), MFN,
 *   confirmed and scanned; sparse (only counts above zero). A level-L bucket holds delays of 10^L tenths of an
 *   hour from confirmation to first scan (level 0: tenths, 1: hours, 2: 10 hours, 3: 100 hours). The scorecard's
 *   median descends the levels (src/store/scan-delays.ts): the day-ordered key reads the top level over the
 *   window, the bucket-ordered index reads the ten children of the bucket that holds the median at each level.
 * - defect_rollups: one row per defect package (vtr_pd, vtr_sc, otdr) or order (lsr, cr; package_id 0) by its
 *   attribution day, with the day it sorts by (the promised day, '' when none) and the lowercased keys the
 *   carrier and category filters match (`keyList` in src/metrics/defect-rules.ts). Keyed by the sort day first, so
 *   the rows of the days a page spans are one range; `defect_rollups_day` serves the refresh's deletes by day.
 * - defect_counts: those rows counted per (day, sort day, filter keys) — a few per carrier, category and day — so
 *   that the total and the days a page spans are summed from hundreds of rows, not the window's defects.
 * Existing rollups lack both, so their state is dropped: the next read rebuilds everything once.
 */
const sql = `
CREATE TABLE scan_delay_rollups (
  seller_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  level SMALLINT NOT NULL,
  carrier TEXT NOT NULL,
  bucket BIGINT NOT NULL,
  packages BIGINT NOT NULL,
  PRIMARY KEY (seller_id, marketplace, metric, level, day, carrier, bucket)
);
CREATE INDEX scan_delay_by_bucket ON scan_delay_rollups (seller_id, marketplace, metric, level, carrier, bucket, day, packages);

CREATE TABLE defect_rollups (
  seller_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  sort_day TEXT NOT NULL,
  order_id TEXT NOT NULL,
  package_id BIGINT NOT NULL,
  carrier_keys TEXT NOT NULL,
  category_keys TEXT NOT NULL,
  PRIMARY KEY (seller_id, marketplace, metric, sort_day, day, order_id, package_id)
);
CREATE INDEX defect_rollups_day ON defect_rollups (seller_id, marketplace, metric, day);

CREATE TABLE defect_counts (
  seller_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  sort_day TEXT NOT NULL,
  carrier_keys TEXT NOT NULL,
  category_keys TEXT NOT NULL,
  defects BIGINT NOT NULL,
  PRIMARY KEY (seller_id, marketplace, metric, day, sort_day, carrier_keys, category_keys)
);

DELETE FROM rollup_state;
`;

export const dashboardRollupsMigration: Migration = { version: 9, name: 'dashboard-rollups', sqlite: sql, postgres: sql };
