import type { Migration } from './migration.js';

/**
 * The kept figures are maintained by deltas (src/app/kept-figures.ts): each write takes back the old
 * contribution of the packages and orders it changes and adds the new one, in its own transaction. Nothing
 * marks days for a later recount any more, so the dirty-day triggers (migrations 008 and 010) and
 * `rollup_dirty` go — a write of a package's facts no longer runs a trigger. The figures counted under the old
 * bookkeeping are rebuilt once, by the next write or `vtrguard rebuild`.
 */
const common = `
DROP TABLE rollup_dirty;
DELETE FROM rollup_state;
`;

const sqlite = `
DROP TRIGGER orders_moved;
DROP TRIGGER packages_moved;
DROP TRIGGER order_items_changed;
${common}`;

const postgres = `
DROP TRIGGER orders_moved ON orders;
DROP TRIGGER packages_moved ON packages;
DROP TRIGGER order_items_changed ON order_items;
DROP FUNCTION mark_order_moved();
DROP FUNCTION mark_package_moved();
DROP FUNCTION mark_item_changed();
${common}`;

export const keptByDeltasMigration: Migration = { version: 15, name: 'kept-by-deltas', sqlite, postgres };
