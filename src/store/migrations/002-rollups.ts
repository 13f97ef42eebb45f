import type { Migration } from './migration.js';

/**
 * Daily rollups (DESIGN.md §3) and what the refresher needs to keep them current.
 * - metric_rollups: counts per (marketplace, metric, local day, category, carrier); category '' counts each
 *   package once (overall and per carrier), a named category counts a package once in each of its categories.
 * - rollup_packages / rollup_orders: the days each row was last counted under, so that a row whose day moved
 *   (a corrected confirmation, a changed promise) is also taken out of its old day.
 * - rollup_state: the last write_seq folded in, and the exemption rules the counts were made with.
 */
const tables = `
CREATE TABLE metric_rollups (
  seller_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  category TEXT NOT NULL,
  carrier TEXT NOT NULL,
  total BIGINT NOT NULL,
  hit BIGINT NOT NULL,
  PRIMARY KEY (seller_id, marketplace, metric, day, category, carrier)
);

CREATE TABLE rollup_packages (
  seller_id TEXT NOT NULL,
  package_id BIGINT NOT NULL,
  marketplace TEXT NOT NULL,
  promised_day TEXT,
  confirm_day TEXT,
  PRIMARY KEY (seller_id, package_id)
);

CREATE TABLE rollup_orders (
  seller_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  ship_by_day TEXT,
  purchase_day TEXT,
  PRIMARY KEY (seller_id, order_id)
);

CREATE TABLE rollup_state (
  seller_id TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  fingerprint TEXT NOT NULL,
  refreshed_at BIGINT NOT NULL
);
`;

export const rollupsMigration: Migration = {
  version: 2,
  name: 'rollups',
  sqlite: tables,
  postgres: tables,
};
