import type { FactKeys, FactWrites, Store } from './store.js';

/**
 * Inside the caller's transaction `tx`: writes facts reachable from `keys` and, with `figures`, keeps the figures
 * derived from them current (one FactWrites session around the write).
 */
export async function changeFacts<T>(tx: Store, figures: FactWrites | undefined, sellerId: string, keys: FactKeys, write: () => Promise<T>): Promise<T> {
  if (figures === undefined) return write();
  const session = await figures.begin(tx, sellerId);
  const result = await session.change(keys, write);
  await session.finish();
  return result;
}

/** `changeFacts` in a transaction of its own (`write` gets the transaction's store). */
export function writeFacts<T>(store: Store, figures: FactWrites | undefined, sellerId: string, keys: FactKeys, write: (tx: Store) => Promise<T>): Promise<T> {
  return store.transaction((tx) => changeFacts(tx, figures, sellerId, keys, () => write(tx)));
}
