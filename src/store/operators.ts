import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/** Which sellers an operator (a 3PL) runs (migration 016): typed reads and writes; the SQL stays here. */

export async function addOperatorSellers(store: Store, operatorId: string, sellerIds: readonly string[], now: number): Promise<void> {
  await sqlOf(store).runMany(
    'INSERT INTO operator_sellers (operator_id, seller_id, added_at) VALUES (?, ?, ?) ON CONFLICT (seller_id, operator_id) DO NOTHING',
    sellerIds.map((sellerId) => [operatorId, sellerId, now]),
  );
}

export async function operatorSellers(store: Store, operatorId: string): Promise<string[]> {
  const rows = await sqlOf(store).all<{ seller_id: string }>('SELECT seller_id FROM operator_sellers WHERE operator_id = ? ORDER BY seller_id', [operatorId]);
  return rows.map((r) => r.seller_id);
}

export async function operatesSeller(store: Store, operatorId: string, sellerId: string): Promise<boolean> {
  const rows = await sqlOf(store).all('SELECT 1 AS one FROM operator_sellers WHERE operator_id = ? AND seller_id = ?', [operatorId, sellerId]);
  return rows.length > 0;
}

export interface SealedCredential {
  name: string;
  sealed: string;
  updatedAt: number;
}

export async function putSellerCredential(store: Store, sellerId: string, credential: SealedCredential): Promise<void> {
  await sqlOf(store).run(
    `INSERT INTO seller_credentials (seller_id, name, sealed, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (seller_id, name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
    [sellerId, credential.name, credential.sealed, credential.updatedAt],
  );
}

export async function sellerCredentials(store: Store, sellerId?: string): Promise<(SealedCredential & { sellerId: string })[]> {
  const rows = sellerId === undefined
    ? await sqlOf(store).all<{ seller_id: string; name: string; sealed: string; updated_at: number }>('SELECT * FROM seller_credentials ORDER BY seller_id, name')
    : await sqlOf(store).all<{ seller_id: string; name: string; sealed: string; updated_at: number }>('SELECT * FROM seller_credentials WHERE seller_id = ? ORDER BY name', [sellerId]);
  return rows.map((r) => ({ sellerId: r.seller_id, name: r.name, sealed: r.sealed, updatedAt: Number(r.updated_at) }));
}

export async function deleteSellerCredential(store: Store, sellerId: string, name: string): Promise<boolean> {
  return (await sqlOf(store).run('DELETE FROM seller_credentials WHERE seller_id = ? AND name = ?', [sellerId, name])) > 0;
}
