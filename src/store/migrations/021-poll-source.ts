import type { Migration } from './migration.js';

/**
 * Whose number a row of the poll queue follows: the seller's (the package's own tracking number) or Amazon's (the
 * number Amazon holds for the package where it differs, migration 019). The source joins the key, so a package
 * has at most one row of each. Until now Amazon's row was keyed by the package's id negated; those rows become
 * (the package's id, 'amazon'), their schedule, leases and history kept.
 */
const postgres = `
ALTER TABLE tracking_poll ADD COLUMN source TEXT NOT NULL DEFAULT 'seller' CHECK (source IN ('seller', 'amazon'));
ALTER TABLE tracking_poll DROP CONSTRAINT tracking_poll_pkey;
UPDATE tracking_poll SET package_id = -package_id, source = 'amazon' WHERE package_id < 0;
-- Every writer names the source.
ALTER TABLE tracking_poll ALTER COLUMN source DROP DEFAULT, ADD PRIMARY KEY (seller_id, package_id, source);
`;

// SQLite cannot change a primary key in place: the table is copied (as migration 011 does).
const sqlite = `
CREATE TABLE tracking_poll_by_source (
  seller_id TEXT NOT NULL,
  package_id BIGINT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('seller', 'amazon')),
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
  PRIMARY KEY (seller_id, package_id, source)
);
INSERT INTO tracking_poll_by_source (seller_id, package_id, source, carrier_key, tracking_number, confirmed_at, next_poll_at, last_polled_at,
    last_outcome, polls, done, lease_until, lease_owner)
  SELECT seller_id, ABS(package_id), CASE WHEN package_id < 0 THEN 'amazon' ELSE 'seller' END, carrier_key, tracking_number, confirmed_at,
    next_poll_at, last_polled_at, last_outcome, polls, done, lease_until, lease_owner
  FROM tracking_poll;
DROP TABLE tracking_poll;
ALTER TABLE tracking_poll_by_source RENAME TO tracking_poll;
CREATE INDEX tracking_poll_due ON tracking_poll (done, carrier_key, next_poll_at);
`;

export const pollSourceMigration: Migration = { version: 21, name: 'poll-source', sqlite, postgres };
