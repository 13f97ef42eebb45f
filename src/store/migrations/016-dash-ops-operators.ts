import type { Migration } from './migration.js';

/**
 * A 3PL runs many sellers (issue 19, item 12). An operator key (`api_keys.operator = 1`, its `seller_id` naming the
 * operator) acts for the sellers `operator_sellers` lists, one request at a time. Per-seller carrier credentials
 * live in `seller_credentials`, sealed with VTRGUARD_SECRET_KEY like the Amazon connection's; never in clear.
 */
const sql = `
ALTER TABLE api_keys ADD COLUMN operator SMALLINT NOT NULL DEFAULT 0;
CREATE TABLE operator_sellers (
  operator_id TEXT NOT NULL,
  seller_id TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, operator_id)
);
-- Keys lead with seller_id like every seller table's (docs/scaling.md); an operator's list is read by this index.
CREATE INDEX operator_sellers_operator ON operator_sellers (operator_id, seller_id);
CREATE TABLE seller_credentials (
  seller_id TEXT NOT NULL,
  name TEXT NOT NULL,
  sealed TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, name)
);
`;

export const operatorsMigration: Migration = { version: 16, name: 'dash-ops-operators', sqlite: sql, postgres: sql };
