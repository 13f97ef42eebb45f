import type { MetricsConfig } from '../metrics/config.js';
import { refreshRollups } from '../store/rollups.js';
import type { Store } from '../store/store.js';

/**
 * What every committed write must keep current, run inside the import's transaction so that the daily
 * rollups are never out of step with the rows (all or nothing). The rollups count with the exemption rules
 * of `config`, so the importer must use the same configuration as the readers.
 */
export function afterImport(config: MetricsConfig): (store: Store, sellerId: string) => Promise<void> {
  return (store, sellerId) => refreshRollups(store, sellerId, { config });
}
