import type { Migration } from './migration.js';

/**
 * Every primary and unique key leads with seller_id, so that on a distributed PostgreSQL (Citus-style) the
 * tables can be distributed by seller and every key is enforced on the one node that holds the seller
 * (docs/scaling.md). packages and tracking_events kept their surrogate ids alone as keys; api_keys was keyed
 * by its public key id. SQLite keeps `INTEGER PRIMARY KEY` as the row's storage id: its rowid is unique by
 * itself and a SQLite file is never distributed, so a (seller_id, id) index there would only cost every insert
 * a b-tree entry and tempt the planner into walking a seller's rows (measured: the awaiting-scan read 0.5 → 119 ms
 * at 100k packages with it).
 */
const postgres = `
ALTER TABLE packages DROP CONSTRAINT packages_pkey, ADD PRIMARY KEY (seller_id, package_id);
ALTER TABLE tracking_events DROP CONSTRAINT tracking_events_pkey, ADD PRIMARY KEY (seller_id, event_id);
ALTER TABLE api_keys DROP CONSTRAINT api_keys_pkey, ADD PRIMARY KEY (seller_id, key_id);
DROP INDEX api_keys_seller;
-- A request names its key by key_id alone; the index finds it, the key hash then decides.
CREATE INDEX api_keys_key ON api_keys (key_id);
`;

const sqlite = `
CREATE TABLE api_keys_by_seller (
  seller_id TEXT NOT NULL,
  key_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  PRIMARY KEY (seller_id, key_id)
);
INSERT INTO api_keys_by_seller (seller_id, key_id, key_hash, name, created_at, revoked_at)
  SELECT seller_id, key_id, key_hash, name, created_at, revoked_at FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_by_seller RENAME TO api_keys;
CREATE INDEX api_keys_key ON api_keys (key_id);
`;

export const sellerKeysMigration: Migration = { version: 11, name: 'seller-keys', sqlite, postgres };
