import type { Migration } from './migration.js';

/**
 * The Amazon panel (`GET /v1/amazon/status`, read on every dashboard visit of a connected seller) and
 * `GET /v1/amazon/feeds` read every row the seller ever had in three growing tables (found by
 * src/store/query-plans.test.ts):
 * - the confirmations in each state, counted: they are kept counted instead, one row a seller with a column a state
 *   (src/store/amazon.ts moves them in the transaction of every confirmation insert and state change). One row, so
 *   that a transaction moving several confirmations (a feed's outcome) locks a single counter row and two of them
 *   never wait on each other's. Filled here from the confirmations an existing store holds;
 * - Amazon's packages, the newest by `seen_at`: now read in that order from an index, the LIMIT's worth only. Its
 *   columns are the statement's whole order (`seen_at DESC, order_id, package_ref`), so no sort is left;
 * - the feeds, the newest by `created_at` (then `feed_key`): the same, read backwards. The open feeds' index (018)
 *   gets that order too: SQLite, which plans without table sizes, would otherwise read the open feeds (the Amazon
 *   round, for every connected seller) through the new index, in their order, over every feed of the seller.
 */
const sql = `
CREATE TABLE amazon_confirmation_counts (
  seller_id TEXT PRIMARY KEY,
  held BIGINT NOT NULL DEFAULT 0,
  sending BIGINT NOT NULL DEFAULT 0,
  sent BIGINT NOT NULL DEFAULT 0,
  partial BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0,
  failed BIGINT NOT NULL DEFAULT 0,
  skipped BIGINT NOT NULL DEFAULT 0
);
INSERT INTO amazon_confirmation_counts (seller_id, held, sending, sent, partial, refused, failed, skipped)
SELECT seller_id,
  SUM(CASE WHEN state = 'held' THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'sending' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'sent' THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'partial' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'refused' THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'skipped' THEN 1 ELSE 0 END)
FROM amazon_confirmations GROUP BY seller_id;

CREATE INDEX amazon_packages_seen ON amazon_packages (seller_id, seen_at DESC, order_id, package_ref);
CREATE INDEX amazon_feeds_created ON amazon_feeds (seller_id, created_at, feed_key);
DROP INDEX amazon_feeds_open;
CREATE INDEX amazon_feeds_open ON amazon_feeds (seller_id, finished_at, created_at, feed_key);
`;

export const amazonPanelReadsMigration: Migration = { version: 27, name: 'amazon-panel-reads', sqlite: sql, postgres: sql };
