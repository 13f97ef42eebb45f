import type { Migration } from './migration.js';

/**
 * Core domain tables. Instants are BIGINT epoch milliseconds (UTC); local days are TEXT `YYYY-MM-DD`,
 * computed at write time in the marketplace's zone so that windows are plain range scans in both dialects.
 * Ship-by and promised dates may be unknown (Amazon's All Orders report lacks them) until another source fills them.
 * Booleans are SMALLINT 0/1 so that rows read the same from both dialects.
 */
const tables = (autoId: string) => `
CREATE TABLE sellers (
  seller_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- A counter bumped by every write batch: rows stamped with it let rollups refresh only what changed.
CREATE TABLE write_seq (
  seller_id TEXT PRIMARY KEY,
  seq BIGINT NOT NULL
);

CREATE TABLE orders (
  seller_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  purchase_date BIGINT NOT NULL,
  purchase_day TEXT NOT NULL,
  latest_ship_date BIGINT,
  ship_by_day TEXT,
  latest_delivery_date BIGINT,
  promised_day TEXT,
  fulfillment_channel TEXT NOT NULL DEFAULT 'MFN',
  ship_service_level TEXT,
  cancelled_at BIGINT,
  cancelled_by TEXT,
  change_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (seller_id, order_id)
);
CREATE INDEX orders_ship_by ON orders (seller_id, marketplace, ship_by_day);
CREATE INDEX orders_purchase ON orders (seller_id, marketplace, purchase_day);
CREATE INDEX orders_promised ON orders (seller_id, marketplace, promised_day);
CREATE INDEX orders_change ON orders (seller_id, change_seq);

CREATE TABLE order_items (
  seller_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  order_item_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  category TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  PRIMARY KEY (seller_id, order_id, order_item_id)
);

CREATE TABLE packages (
  package_id ${autoId},
  seller_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  package_ref TEXT NOT NULL,
  carrier_code TEXT,
  carrier_name TEXT,
  shipping_method TEXT,
  tracking_raw TEXT,
  tracking_number TEXT,
  ship_date BIGINT,
  confirmed_at BIGINT,
  confirm_day TEXT,
  exempt SMALLINT NOT NULL DEFAULT 0,
  carrier_key TEXT,
  static_defect TEXT,
  problems TEXT NOT NULL DEFAULT '',
  first_scan_at BIGINT,
  delivered_at BIGINT,
  first_attempt_at BIGINT,
  last_status TEXT,
  last_event_at BIGINT,
  change_seq BIGINT NOT NULL DEFAULT 0,
  UNIQUE (seller_id, order_id, package_ref)
);
CREATE INDEX packages_tracking ON packages (seller_id, tracking_number);
CREATE INDEX packages_change ON packages (seller_id, change_seq);

-- Keyed by the package's natural key so that an importer can write items without reading package ids back.
CREATE TABLE package_items (
  seller_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  package_ref TEXT NOT NULL,
  order_item_id TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  PRIMARY KEY (seller_id, order_id, package_ref, order_item_id)
);

CREATE TABLE tracking_events (
  event_id ${autoId},
  seller_id TEXT NOT NULL,
  carrier_key TEXT,
  carrier_raw TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  occurred_at BIGINT NOT NULL,
  offset_minutes INTEGER NOT NULL,
  status TEXT NOT NULL,
  code TEXT,
  description TEXT,
  location TEXT,
  source TEXT NOT NULL,
  event_key TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  UNIQUE (seller_id, event_key)
);
CREATE INDEX events_tracking ON tracking_events (seller_id, tracking_number, occurred_at);

CREATE TABLE imports (
  seller_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  format TEXT NOT NULL,
  file_name TEXT NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  finished_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, content_hash, format)
);
`;

export const coreMigration: Migration = {
  version: 1,
  name: 'core',
  sqlite: tables('INTEGER PRIMARY KEY'),
  postgres: tables('BIGSERIAL PRIMARY KEY'),
};
