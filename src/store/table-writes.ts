import { distinctFrom } from './sql.js';
import type { Dialect, SqlValue } from './sql.js';
import type { WriteBatch } from './store.js';

/**
 * One table's share of a write batch: a plain `INSERT … VALUES (?, …)`, the conflict clause that turns it into
 * the store's upsert, and the rows. `SqlStore.writeBatch` runs insert and clause together; the import bench runs
 * the plain insert alone into an empty store, to show what the schema itself costs (bench/import-floor.ts).
 */
export interface TableWrite {
  table: string;
  insert: string;
  onConflict: string;
  rows: SqlValue[][];
  /** How many columns after seller_id make the conflict key. */
  keyColumns: number;
}

const PACKAGE_FIELDS = ['carrier_code', 'carrier_name', 'shipping_method', 'tracking_raw', 'tracking_number', 'ship_date',
  'confirmed_at', 'confirm_day', 'exempt', 'carrier_key', 'static_defect', 'problems', 'declared_value', 'currency',
  'origin_country', 'buy_shipping'];

/** A package's columns derived from its events (`SqlStore.refreshDerived`), not written by imports. */
export const DERIVED_COLUMNS = ['first_scan_at', 'delivered_at', 'first_attempt_at', 'last_event_at', 'last_status',
  'network_scan_at', 'non_delivery_scan_at'] as const;

function insertInto(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

function ordersWrite(d: Dialect, sellerId: string, orders: NonNullable<WriteBatch['orders']>): TableWrite {
  // Nullable facts only ever fill in: a source that lacks them (All Orders report) keeps what another gave.
  const changedIfGiven = (c: string) => `(excluded.${c} IS NOT NULL AND ${distinctFrom(d, `orders.${c}`, `excluded.${c}`)})`;
  const changed = ['marketplace', 'purchase_date', 'fulfillment_channel']
    .map((c) => distinctFrom(d, `orders.${c}`, `excluded.${c}`))
    .concat(['latest_ship_date', 'latest_delivery_date', 'ship_service_level', 'cancelled_at', 'cancelled_by', 'is_prime',
      'original_latest_delivery_date'].map(changedIfGiven))
    .join(' OR ');
  return {
    table: 'orders',
    insert: insertInto('orders', ['seller_id', 'order_id', 'marketplace', 'purchase_date', 'purchase_day', 'latest_ship_date',
      'ship_by_day', 'latest_delivery_date', 'promised_day', 'fulfillment_channel', 'ship_service_level', 'cancelled_at', 'cancelled_by',
      'is_prime', 'original_latest_delivery_date']),
    onConflict: `ON CONFLICT (seller_id, order_id) DO UPDATE SET
      marketplace = excluded.marketplace, purchase_date = excluded.purchase_date, purchase_day = excluded.purchase_day,
      latest_ship_date = COALESCE(excluded.latest_ship_date, orders.latest_ship_date),
      ship_by_day = COALESCE(excluded.ship_by_day, orders.ship_by_day),
      latest_delivery_date = COALESCE(excluded.latest_delivery_date, orders.latest_delivery_date),
      promised_day = COALESCE(excluded.promised_day, orders.promised_day),
      fulfillment_channel = excluded.fulfillment_channel,
      ship_service_level = COALESCE(excluded.ship_service_level, orders.ship_service_level),
      cancelled_at = COALESCE(excluded.cancelled_at, orders.cancelled_at),
      cancelled_by = COALESCE(excluded.cancelled_by, orders.cancelled_by),
      is_prime = COALESCE(excluded.is_prime, orders.is_prime),
      original_latest_delivery_date = COALESCE(excluded.original_latest_delivery_date, orders.original_latest_delivery_date)
    WHERE ${changed}`,
    rows: orders.map((o) => [
      sellerId, o.orderId, o.marketplace, o.purchaseDate, o.purchaseDay, o.latestShipDate, o.shipByDay,
      o.latestDeliveryDate, o.promisedDay, o.fulfillmentChannel, o.shipServiceLevel, o.cancelledAt, o.cancelledBy,
      o.isPrime === undefined || o.isPrime === null ? null : o.isPrime ? 1 : 0, o.originalLatestDeliveryDate ?? null,
    ]),
    keyColumns: 1,
  };
}

function itemsWrite(d: Dialect, sellerId: string, items: NonNullable<WriteBatch['items']>): TableWrite {
  return {
    table: 'order_items',
    insert: insertInto('order_items', ['seller_id', 'order_id', 'order_item_id', 'sku', 'category', 'quantity', 'cancelled_at', 'cancelled_by']),
    // A cancellation only ever fills in: a source that lacks it keeps what another gave.
    onConflict: `ON CONFLICT (seller_id, order_id, order_item_id) DO UPDATE SET sku = excluded.sku,
      category = CASE WHEN excluded.category = '' THEN order_items.category ELSE excluded.category END,
      quantity = excluded.quantity,
      cancelled_at = COALESCE(excluded.cancelled_at, order_items.cancelled_at),
      cancelled_by = COALESCE(excluded.cancelled_by, order_items.cancelled_by)
    WHERE ${distinctFrom(d, 'order_items.sku', 'excluded.sku')} OR ${distinctFrom(d, 'order_items.quantity', 'excluded.quantity')}
      OR (excluded.category <> '' AND order_items.category <> excluded.category)
      OR (excluded.cancelled_at IS NOT NULL AND ${distinctFrom(d, 'order_items.cancelled_at', 'excluded.cancelled_at')})
      OR (excluded.cancelled_by IS NOT NULL AND ${distinctFrom(d, 'order_items.cancelled_by', 'excluded.cancelled_by')})`,
    rows: items.map((i) => [sellerId, i.orderId, i.orderItemId, i.sku, i.category, i.quantity, i.cancelledAt ?? null, i.cancelledBy ?? null]),
    keyColumns: 2,
  };
}

function packagesWrite(d: Dialect, sellerId: string, packages: NonNullable<WriteBatch['packages']>): TableWrite {
  // A corrected tracking number starts with no scans; refreshDerived finds its own.
  const resetIfRenumbered = (column: string) =>
    `${column} = CASE WHEN ${distinctFrom(d, 'packages.tracking_number', 'excluded.tracking_number')} THEN NULL ELSE packages.${column} END`;
  return {
    table: 'packages',
    insert: insertInto('packages', ['seller_id', 'order_id', 'package_ref', ...PACKAGE_FIELDS]),
    onConflict: `ON CONFLICT (seller_id, order_id, package_ref) DO UPDATE SET
      ${DERIVED_COLUMNS.map(resetIfRenumbered).join(', ')},
      ${PACKAGE_FIELDS.map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE ${PACKAGE_FIELDS.map((c) => distinctFrom(d, `packages.${c}`, `excluded.${c}`)).join(' OR ')}`,
    rows: packages.map((p) => [
      sellerId, p.orderId, p.packageRef, p.carrierCode, p.carrierName, p.shippingMethod, p.trackingRaw,
      p.trackingNumber, p.shipDate, p.confirmedAt, p.confirmDay, p.exempt ? 1 : 0, p.carrierKey, p.staticDefect,
      p.problems.join(','), p.declaredValue ?? null, p.currency ?? null, p.originCountry ?? null, p.buyShipping ? 1 : 0,
    ]),
    keyColumns: 2,
  };
}

function packageItemsWrite(d: Dialect, sellerId: string, items: NonNullable<WriteBatch['packageItems']>): TableWrite {
  return {
    table: 'package_items',
    insert: insertInto('package_items', ['seller_id', 'order_id', 'package_ref', 'order_item_id', 'quantity']),
    onConflict: `ON CONFLICT (seller_id, order_id, package_ref, order_item_id) DO UPDATE SET quantity = excluded.quantity
    WHERE ${distinctFrom(d, 'package_items.quantity', 'excluded.quantity')}`,
    rows: items.map((i) => [sellerId, i.orderId, i.packageRef, i.orderItemId, i.quantity]),
    keyColumns: 3,
  };
}

/** The batch's rows per table, in the order they are written (orders before what refers to them). */
export function tableWrites(dialect: Dialect, sellerId: string, batch: WriteBatch): TableWrite[] {
  const writes: TableWrite[] = [];
  if (batch.orders?.length) writes.push(ordersWrite(dialect, sellerId, batch.orders));
  if (batch.items?.length) writes.push(itemsWrite(dialect, sellerId, batch.items));
  if (batch.packages?.length) writes.push(packagesWrite(dialect, sellerId, batch.packages));
  if (batch.packageItems?.length) writes.push(packageItemsWrite(dialect, sellerId, batch.packageItems));
  return writes;
}
