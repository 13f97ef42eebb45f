import type { Migration } from './migration.js';

/**
 * Packages by confirmation instant, every seller's: the carrier poller fills its queue before each pass (every
 * minute by default) with the packages confirmed within its schedule (30 days) — its own number, and Amazon's where it
 * differs — and read every package of every seller to find them (src/store/tracking-poll.ts syncPollQueue; found by
 * src/store/query-plans.test.ts). This reads the last 30 days' confirmations only. One entry a package, written when
 * it is confirmed; a first scan or a delivery does not touch it.
 */
const sql = `CREATE INDEX packages_confirmed ON packages (confirmed_at);`;

export const confirmedIndexMigration: Migration = { version: 26, name: 'confirmed-index', sqlite: sql, postgres: sql };
