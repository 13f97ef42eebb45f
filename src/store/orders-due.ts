import type { Marketplace } from '../core/domain.js';
import type { DayRange } from '../core/views.js';
import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/** A seller-fulfilled order not cancelled and not confirmed at all, whose latest ship date is still ahead. */
export interface OrderDueToShip {
  orderId: string;
  marketplace: Marketplace;
  latestShipDate: number;
  shipByDay: string;
  isPrime: boolean;
  categories: string[];
}

interface Row {
  order_id: string;
  marketplace: Marketplace;
  latest_ship_date: number | string;
  ship_by_day: string;
  is_prime: number | null;
  category: string | null;
}

/**
 * Orders of a marketplace that become late shipments unless confirmed in time: ship-by day in `days` (the index
 * `orders_ship_by` bounds the read to those days), latest ship date in [from, before), no package confirmed, not
 * cancelled. Soonest deadline first, at most `limit`. An order with some packages confirmed is left out: whether its
 * other items still need one is the LSR rule's call (src/metrics), not this list's.
 */
export async function ordersDueToShip(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  days: DayRange,
  from: number,
  before: number,
  limit: number,
): Promise<OrderDueToShip[]> {
  const rows = await sqlOf(store).all<Row>(
    `SELECT o.order_id, o.marketplace, o.latest_ship_date, o.ship_by_day, o.is_prime, oi.category
     FROM (SELECT order_id, marketplace, latest_ship_date, ship_by_day, is_prime FROM orders o
           WHERE o.seller_id = ? AND o.marketplace = ? AND o.ship_by_day >= ? AND o.ship_by_day <= ?
             AND o.latest_ship_date >= ? AND o.latest_ship_date < ? AND o.cancelled_at IS NULL
             AND o.fulfillment_channel = 'MFN'
             AND NOT EXISTS (SELECT 1 FROM packages p WHERE p.seller_id = o.seller_id AND p.order_id = o.order_id AND p.confirmed_at IS NOT NULL)
           ORDER BY o.latest_ship_date, o.order_id LIMIT ${Math.max(1, Math.trunc(limit))}) o
     LEFT JOIN order_items oi ON oi.seller_id = ? AND oi.order_id = o.order_id
     ORDER BY o.latest_ship_date, o.order_id`,
    [sellerId, marketplace, days.from, days.to, from, before, sellerId],
  );
  const byId = new Map<string, OrderDueToShip>();
  for (const r of rows) {
    let order = byId.get(r.order_id);
    if (!order) {
      order = {
        orderId: r.order_id, marketplace: r.marketplace, latestShipDate: Number(r.latest_ship_date), shipByDay: r.ship_by_day,
        isPrime: Number(r.is_prime) === 1, categories: [],
      };
      byId.set(r.order_id, order);
    }
    if (r.category !== null && r.category !== '' && !order.categories.includes(r.category)) order.categories.push(r.category);
  }
  return [...byId.values()];
}
