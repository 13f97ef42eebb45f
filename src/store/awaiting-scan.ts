import type { Marketplace, TrackingStatus } from '../core/domain.js';
import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/** A confirmed package still waiting for its first carrier scan, as the forecast needs it. */
export interface AwaitingPackage {
  packageId: number;
  promisedDay: string;
  confirmDay: string | null;
  categories: string[];
  carrierCode: string | null;
  carrierName: string | null;
  /** Normalised, as stored: the forecast judges it by today's carrier rules (src/metrics/awaiting-scan.ts). */
  trackingNumber: string | null;
  marketplace: Marketplace;
  shippingMethod: string | null;
  exempt: boolean;
  fulfillmentChannel: string;
  declaredValue: number | null;
  currency: string | null;
  buyShipping: boolean;
}

interface Row {
  package_id: number;
  promised_day: string;
  confirm_day: string | null;
  category: string | null;
  carrier_code: string | null;
  carrier_name: string | null;
  tracking_number: string | null;
  shipping_method: string | null;
  exempt: number;
  fulfillment_channel: string;
  declared_value: number | null;
  currency: string | null;
  buy_shipping: number;
}

/**
 * Packages of a marketplace confirmed in [since, before) with a tracking number, no carrier scan and no delivery
 * yet. Reads the partial index on unscanned packages, so its cost follows the few packages in flight, not the
 * table. One row per category, folded here. On SQLite `+` keeps the sort off the (seller_id, package_id) index
 * (migration 011), which would otherwise walk every package of the seller to avoid sorting the few in flight
 * (0.5 → 119 ms a read at 100k packages).
 */
export async function packagesAwaitingFirstScan(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  since: number,
  before: number,
): Promise<AwaitingPackage[]> {
  const rows = await sqlOf(store).all<Row>(
    `SELECT p.package_id, o.promised_day, p.confirm_day, oi.category, p.carrier_code, p.carrier_name, p.tracking_number,
       p.shipping_method, p.exempt, o.fulfillment_channel, p.declared_value, p.currency, p.buy_shipping
     FROM packages p
     JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id
     LEFT JOIN package_items pi ON pi.seller_id = p.seller_id AND pi.order_id = p.order_id AND pi.package_ref = p.package_ref
     LEFT JOIN order_items oi ON oi.seller_id = p.seller_id AND oi.order_id = p.order_id AND oi.order_item_id = pi.order_item_id
     WHERE p.seller_id = ? AND p.first_scan_at IS NULL AND p.confirmed_at >= ? AND p.confirmed_at < ?
       AND p.delivered_at IS NULL AND p.tracking_number IS NOT NULL AND o.marketplace = ? AND o.promised_day IS NOT NULL
     ORDER BY ${store.dialect === 'sqlite' ? '+' : ''}p.package_id`,
    [sellerId, since, before, marketplace],
  );
  const byId = new Map<number, AwaitingPackage>();
  for (const r of rows) {
    const id = Number(r.package_id);
    let pkg = byId.get(id);
    if (!pkg) {
      pkg = {
        packageId: id, promisedDay: r.promised_day, confirmDay: r.confirm_day, categories: [], carrierCode: r.carrier_code,
        carrierName: r.carrier_name, trackingNumber: r.tracking_number, marketplace, shippingMethod: r.shipping_method,
        exempt: Number(r.exempt) === 1, fulfillmentChannel: r.fulfillment_channel,
        declaredValue: r.declared_value === null ? null : Number(r.declared_value), currency: r.currency, buyShipping: Number(r.buy_shipping) === 1,
      };
      byId.set(id, pkg);
    }
    if (r.category !== null && r.category !== '' && !pkg.categories.includes(r.category)) pkg.categories.push(r.category);
  }
  return [...byId.values()];
}

/** A package on the watch list's path: confirmed with a tracking number, no carrier scan yet (src/ingest/tracking/watch.ts). */
export interface UnscannedPackage {
  packageId: number;
  orderId: string;
  marketplace: Marketplace;
  promisedDay: string | null;
  latestDeliveryDate: number | null;
  packageRef: string;
  carrierKey: string | null;
  carrierCode: string | null;
  trackingNumber: string;
  confirmedAt: number;
  lastStatus: TrackingStatus | null;
}

export interface UnscannedQuery {
  /**
   * Keyset: packages after this one in (confirmation time, package id) order. The first page starts at the
   * earliest confirmation time wanted, with package id -1.
   */
  after: { confirmedAt: number; packageId: number };
  /** Confirmed at or before this. */
  confirmedTo: number;
  limit: number;
  marketplace?: Marketplace;
  /**
   * Waiting as of this past instant: packages scanned, delivered or cancelled after it still count as waiting.
   * Without it, as of now, which reads the partial index on unscanned packages.
   */
  asOf?: number;
}

/**
 * A page of the seller's packages still waiting for a first carrier scan in confirmation order (oldest first),
 * leaving out cancelled orders and exempt packages (they cannot hurt VTR).
 *
 * As of a past instant a package waited when it had no scan by then: it either has none still (the partial index
 * of unscanned packages) or was first scanned later (the partial index of first scans, migration 024). Two keyed
 * reads merged, where one read with `first_scan_at IS NULL OR first_scan_at > ?` walked every package of the seller
 * (2.7 s a page at 10M packages).
 */
export async function unscannedPackagesPage(store: Store, sellerId: string, query: UnscannedQuery): Promise<UnscannedPackage[]> {
  const { asOf } = query;
  if (asOf === undefined) return waitingPage(store, sellerId, query, 'p.first_scan_at IS NULL AND p.delivered_at IS NULL AND o.cancelled_at IS NULL', []);
  const after = '(p.delivered_at IS NULL OR p.delivered_at > ?) AND (o.cancelled_at IS NULL OR o.cancelled_at > ?)';
  const unscanned = await waitingPage(store, sellerId, query, `p.first_scan_at IS NULL AND ${after}`, [asOf, asOf]);
  const scannedLater = await waitingPage(store, sellerId, query, `p.first_scan_at > ? AND ${after}`, [asOf, asOf, asOf], 'p.confirmed_at + 0');
  return [...unscanned, ...scannedLater]
    .sort((a, b) => a.confirmedAt - b.confirmedAt || a.packageId - b.packageId)
    .slice(0, Math.trunc(query.limit));
}

/**
 * `orderBy`: the page's order by confirmation. The packages first scanned after a past instant are found through
 * packages_first_scan and sorted: written as the bare column, PostgreSQL read the window of every seller's
 * confirmations in order through the poller's index on `confirmed_at` (migration 026), expecting the LIMIT early,
 * and filtered them all — 19.8 s at 10M packages, against 0.17 s through packages_first_scan.
 */
async function waitingPage(
  store: Store, sellerId: string, query: UnscannedQuery, waiting: string, waitingParams: readonly number[], orderBy = 'p.confirmed_at',
): Promise<UnscannedPackage[]> {
  const marketplace = query.marketplace ? 'AND o.marketplace = ?' : '';
  const marketplaceParams = query.marketplace ? [query.marketplace] : [];
  const { after } = query;
  const rows = await sqlOf(store).all<{
    package_id: number; order_id: string; marketplace: Marketplace; promised_day: string | null; latest_delivery_date: number | null;
    package_ref: string; carrier_key: string | null; carrier_code: string | null; tracking_number: string; confirmed_at: number;
    last_status: TrackingStatus | null;
  }>(
    `SELECT p.package_id, p.order_id, o.marketplace, o.promised_day, o.latest_delivery_date, p.package_ref, p.carrier_key,
            p.carrier_code, p.tracking_number, p.confirmed_at, p.last_status
     FROM packages p JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id
     WHERE p.seller_id = ? AND p.tracking_number IS NOT NULL AND ${waiting}
       AND p.exempt = 0 AND p.confirmed_at >= ? AND p.confirmed_at <= ? ${marketplace}
       AND (p.confirmed_at > ? OR p.package_id > ?)
     ORDER BY ${orderBy}, p.package_id LIMIT ${Math.trunc(query.limit)}`,
    [sellerId, ...waitingParams, after.confirmedAt, query.confirmedTo, ...marketplaceParams, after.confirmedAt, after.packageId],
  );
  return rows.map((r) => ({
    packageId: Number(r.package_id),
    orderId: r.order_id,
    marketplace: r.marketplace,
    promisedDay: r.promised_day,
    latestDeliveryDate: r.latest_delivery_date === null ? null : Number(r.latest_delivery_date),
    packageRef: r.package_ref,
    carrierKey: r.carrier_key,
    carrierCode: r.carrier_code,
    trackingNumber: r.tracking_number,
    confirmedAt: Number(r.confirmed_at),
    lastStatus: r.last_status,
  }));
}
