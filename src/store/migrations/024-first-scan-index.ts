import type { Migration } from './migration.js';

/**
 * Packages by first scan, scanned ones only: the watch list as of a past instant reads the packages first scanned
 * after it (they were still waiting then) beside the unscanned ones (migration 005), instead of every package of
 * the seller. `confirmed_at` rides in the index so the read keeps only those confirmed in its range before it
 * touches a row. A first scan moves its package's entry from the unscanned index to this one.
 */
const sql = `CREATE INDEX packages_first_scan ON packages (seller_id, first_scan_at, confirmed_at) WHERE first_scan_at IS NOT NULL;`;

export const firstScanIndexMigration: Migration = { version: 24, name: 'first-scan-index', sqlite: sql, postgres: sql };
