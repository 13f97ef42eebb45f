import type { Marketplace } from '../core/domain.js';
import type { Store } from './store.js';

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
  const rows = await store.sql.all<Row>(
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
