import type { Migration } from './migration.js';

/**
 * `defect_rollups_day` served the recount of a day's defect rows (migration 009). Kept figures change by deltas
 * now (migration 015), keyed by the primary key, and the defect list reads by sort day (the primary key's order),
 * so no statement reads through it any more, while every defect row a write adds, moves or takes back, and every
 * row a rebuild writes, paid an entry in it.
 */
const sql = 'DROP INDEX defect_rollups_day;';

export const dropDefectDayIndexMigration: Migration = { version: 17, name: 'drop-defect-day-index', sqlite: sql, postgres: sql };
