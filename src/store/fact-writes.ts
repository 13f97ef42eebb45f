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
