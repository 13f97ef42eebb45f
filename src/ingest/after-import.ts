import { refreshRollups } from '../store/rollups.js';
import type { Store } from '../store/store.js';

/**
 * What every committed write must keep current, run inside the import's transaction so that the daily
 * rollups are never out of step with the rows (all or nothing).
 */
export async function afterImport(store: Store, sellerId: string): Promise<void> {
  await refreshRollups(store, sellerId);
}
