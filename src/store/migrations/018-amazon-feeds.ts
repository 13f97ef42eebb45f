import type { Migration } from './migration.js';

/**
 * The bulk confirmation feeds (docs/amazon.md), kept from before createFeed to the processing report applied, so a
 * process that stops while Amazon works on one resumes it: `feed_key` is vtrguard's own id (Amazon's `feed_id`
 * comes with createFeed), `confirmation_ids` the confirmation of each feed row in row order (JSON), `finished_at`
 * set once, in the transaction that applies the outcome, so it is applied exactly once.
 */
const tables = `
CREATE TABLE amazon_feeds (
  seller_id TEXT NOT NULL,
  feed_key TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  feed_id TEXT,
  document_id TEXT,
  confirmation_ids TEXT NOT NULL,
  packages INTEGER NOT NULL,
  state TEXT NOT NULL,
  processed INTEGER,
  successful INTEGER,
  reason TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT,
  PRIMARY KEY (seller_id, feed_key)
);
CREATE INDEX amazon_feeds_open ON amazon_feeds (seller_id, finished_at);
CREATE INDEX amazon_feeds_amazon_id ON amazon_feeds (seller_id, feed_id);
`;

export const amazonFeedsMigration: Migration = { version: 18, name: 'amazon-feeds', sqlite: tables, postgres: tables };
