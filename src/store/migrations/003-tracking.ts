import type { Migration } from './migration.js';

/**
 * Tables of carrier tracking (issue 5). Same SQL in both dialects: no auto ids.
 *
 * `tracking_poll` is the scheduler's queue, one row per package still worth polling. A worker claims due rows by
 * setting a lease (`lease_until`, `lease_owner`); on PostgreSQL the claim runs under FOR UPDATE SKIP LOCKED so
 * parallel workers never take the same row, and an expired lease makes a crashed worker's rows due again.
 *
 * `webhook_secrets` holds the signing secret per seller and provider, copied from configuration at start-up,
 * so that every server process verifies with the same secret. seller_id '*' is the default for all sellers.
 */
const tables = `
CREATE TABLE tracking_poll (
  seller_id TEXT NOT NULL,
  package_id BIGINT NOT NULL,
  carrier_key TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  confirmed_at BIGINT NOT NULL,
  next_poll_at BIGINT NOT NULL,
  last_polled_at BIGINT,
  last_outcome TEXT,
  polls INTEGER NOT NULL DEFAULT 0,
  done SMALLINT NOT NULL DEFAULT 0,
  lease_until BIGINT,
  lease_owner TEXT,
  PRIMARY KEY (seller_id, package_id)
);
CREATE INDEX tracking_poll_due ON tracking_poll (done, carrier_key, next_poll_at);

CREATE TABLE webhook_secrets (
  seller_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  secret TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, provider)
);
`;

export const trackingMigration: Migration = {
  version: 3,
  name: 'tracking',
  sqlite: tables,
  postgres: tables,
};
