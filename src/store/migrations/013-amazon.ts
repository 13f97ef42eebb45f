import type { Migration } from './migration.js';

/**
 * Amazon SP-API connections and what the sync, the confirmation gateway and the report fetch keep (docs/amazon.md).
 * Credentials are one sealed blob (AES-256-GCM, sealed.ts): no column holds a secret in clear. Every key leads
 * with seller_id (docs/scaling.md).
 */
const tables = `
CREATE TABLE amazon_connections (
  seller_id TEXT PRIMARY KEY,
  sealed TEXT NOT NULL,
  marketplaces TEXT NOT NULL,
  secret_set_at BIGINT NOT NULL,
  hold_policy TEXT,
  connected_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE amazon_sync_state (
  seller_id TEXT PRIMARY KEY,
  watermark BIGINT,
  run_after BIGINT,
  run_before BIGINT,
  page_token TEXT,
  pages BIGINT NOT NULL DEFAULT 0,
  orders_synced BIGINT NOT NULL DEFAULT 0,
  last_success_at BIGINT,
  last_error TEXT,
  last_error_at BIGINT
);

CREATE TABLE amazon_orders (
  seller_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  last_updated BIGINT NOT NULL,
  deliver_by_first BIGINT,
  prime SMALLINT NOT NULL DEFAULT 0,
  buy_shipping SMALLINT NOT NULL DEFAULT 0,
  item_cancellations TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (seller_id, order_id)
);

CREATE TABLE amazon_catalog (
  seller_id TEXT NOT NULL,
  marketplace_id TEXT NOT NULL,
  asin TEXT NOT NULL,
  category TEXT,
  fetched_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, marketplace_id, asin)
);

CREATE TABLE amazon_sku_categories (
  seller_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  category TEXT NOT NULL,
  PRIMARY KEY (seller_id, sku)
);

CREATE TABLE amazon_packages (
  seller_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  package_ref TEXT NOT NULL,
  carrier TEXT,
  shipping_service TEXT,
  tracking_number TEXT,
  ship_time BIGINT,
  status TEXT,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, order_id, package_ref)
);

CREATE TABLE amazon_confirmations (
  seller_id TEXT NOT NULL,
  confirmation_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  package_ref TEXT NOT NULL,
  state TEXT NOT NULL,
  request TEXT NOT NULL,
  reason TEXT,
  hold_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, confirmation_id)
);
CREATE INDEX amazon_confirmations_state ON amazon_confirmations (seller_id, state, hold_until);
CREATE INDEX amazon_confirmations_package ON amazon_confirmations (seller_id, order_id, package_ref);

CREATE TABLE amazon_reports (
  seller_id TEXT NOT NULL,
  report_id TEXT NOT NULL,
  report_type TEXT NOT NULL,
  state TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  finished_at BIGINT,
  content TEXT,
  reconciliation TEXT,
  PRIMARY KEY (seller_id, report_id)
);
CREATE INDEX amazon_reports_requested ON amazon_reports (seller_id, requested_at);
`;

export const amazonMigration: Migration = { version: 13, name: 'amazon', sqlite: tables, postgres: tables };
