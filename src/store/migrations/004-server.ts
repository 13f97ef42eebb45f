import type { Migration } from './migration.js';

/**
 * Tables of the HTTP server and of alerts. The SQL is the same for both dialects (no auto ids needed).
 * JSON columns are TEXT so that both dialects read them back the same way.
 */
const tables = `
-- Only the SHA-256 of a key is kept; key_id is the public part of the key that names it.
CREATE TABLE api_keys (
  key_id TEXT PRIMARY KEY,
  seller_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX api_keys_seller ON api_keys (seller_id);

-- A seller's changes to a rule's defaults; no row means the defaults.
CREATE TABLE alert_rules (
  seller_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  enabled SMALLINT NOT NULL,
  params TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, rule_id)
);

-- Where a seller's alerts go: kind webhook | slack | email, with its settings as JSON.
CREATE TABLE alert_channels (
  seller_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  config TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, channel_id)
);

-- The last known level of every alert subject; change_no counts its changes of level, so that each change
-- is delivered once.
CREATE TABLE alert_state (
  seller_id TEXT NOT NULL,
  alert_key TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  level TEXT NOT NULL,
  title TEXT NOT NULL,
  message TEXT NOT NULL,
  details TEXT NOT NULL,
  link TEXT NOT NULL,
  change_no INTEGER NOT NULL,
  changed_at BIGINT NOT NULL,
  evaluated_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, alert_key)
);

-- An outbox: one row per (change of an alert, channel); a row is claimed before sending so that two
-- evaluators (the importer and the serve loop) never send the same change twice.
CREATE TABLE alert_deliveries (
  seller_id TEXT NOT NULL,
  alert_key TEXT NOT NULL,
  change_no INTEGER NOT NULL,
  channel_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  claimed_at BIGINT,
  sent_at BIGINT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, alert_key, change_no, channel_id)
);
CREATE INDEX alert_deliveries_status ON alert_deliveries (seller_id, status);

-- Health of the credentials vtrguard uses (a carrier API, Amazon SP-API), reported by their clients.
CREATE TABLE alert_signals (
  seller_id TEXT NOT NULL,
  source TEXT NOT NULL,
  ok SMALLINT NOT NULL,
  message TEXT,
  since BIGINT NOT NULL,
  checked_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, source)
);
`;

export const serverMigration: Migration = {
  version: 4,
  name: 'server',
  sqlite: tables,
  postgres: tables,
};
