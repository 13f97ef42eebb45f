import type { FactKeys, FactWrites, Store } from './store.js';

/**
 * One transaction that writes facts reachable from `keys` (`write` gets the transaction's store) and, with
 * `figures`, keeps the figures derived from them current in it.
 */
export function writeFacts<T>(store: Store, figures: FactWrites | undefined, sellerId: string, keys: FactKeys, write: (tx: Store) => Promise<T>): Promise<T> {
  return store.transaction(async (tx) => {
    if (figures === undefined) return write(tx);
    const session = await figures.begin(tx, sellerId);
    const result = await session.change(keys, () => write(tx));
    await session.finish();
    return result;
  });
}
