import type { Marketplace } from '../core/domain.js';
import { sqlOf } from './sql-store.js';
import type { Store } from './store.js';

/**
 * The category and carrier names a seller's stored orders and packages carry in a marketplace, read from the rows
 * themselves (the kept figures hold them too, but lag a write until it is counted). The SQL stays here.
 */
export interface StoredNames {
  categories: string[];
  /** Each carrier code with the name typed beside it (`Other` carries one). */
  carriers: { carrierCode: string; carrierName: string | null }[];
}

export async function namesInRows(store: Store, sellerId: string, marketplace: Marketplace): Promise<StoredNames> {
  const sql = sqlOf(store);
  const categories = await sql.all<{ name: string }>(
    `SELECT DISTINCT oi.category AS name FROM order_items oi
     JOIN orders o ON o.seller_id = oi.seller_id AND o.order_id = oi.order_id
     WHERE oi.seller_id = ? AND o.marketplace = ? AND oi.category IS NOT NULL AND oi.category <> '' ORDER BY name`,
    [sellerId, marketplace],
  );
  const carriers = await sql.all<{ carrier_code: string; carrier_name: string | null }>(
    `SELECT DISTINCT p.carrier_code, p.carrier_name FROM packages p
     JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id
     WHERE p.seller_id = ? AND o.marketplace = ? AND p.carrier_code IS NOT NULL AND p.carrier_code <> ''`,
    [sellerId, marketplace],
  );
  return {
    categories: categories.map((r) => r.name),
    carriers: carriers.map((r) => ({ carrierCode: r.carrier_code, carrierName: r.carrier_name })),
  };
}
