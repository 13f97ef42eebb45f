import type { Migration } from './migration.js';

/**
 * Packages still waiting for their first carrier scan, by confirmation time: the first-scan watch, the poll
 * queue and alerts read exactly these, and they are a small share of all packages, so a partial index keeps
 * those reads independent of the table's size.
 */
const sql = `CREATE INDEX packages_unscanned ON packages (seller_id, confirmed_at) WHERE first_scan_at IS NULL;`;

export const unscannedIndexMigration: Migration = { version: 5, name: 'unscanned-index', sqlite: sql, postgres: sql };
