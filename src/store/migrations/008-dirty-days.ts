import type { Migration } from './migration.js';

/**
 * Rollups learn what to recompute from `rollup_dirty`: the (marketplace, kind, day) cells that writes touched,
 * each stamped with the write seq that touched it last. It replaces the per-row change stamps (two indexes written
 * on every order and package, item triggers on every package item, and rollup_packages/rollup_orders remembering
 * each row's days): an import of 1M rows now writes a few hundred dirty rows instead of millions of index entries
 * (docs/design-notes.md, "Import").
 *
 * Writers mark the days of what they write (`SqlStore.writeBatch`); the triggers below add the days a row leaves
 * when an update moves it (a corrected promise, confirmation or category) and the days of packages that events or
 * the reuse check re-derive. Kinds: `promised` (VTR by promised delivery, OTDR), `confirm` (VTR by ship confirm),
 * `ship_by` (LSR), `purchase` (CR).
 *
 * SQLite also rebuilds the two item tables WITHOUT ROWID: keyed by their primary key alone, each item costs one
 * b-tree entry on write and one descent on read instead of two.
 */
const STAMP = 'COALESCE((SELECT seq FROM write_seq WHERE seller_id = NEW.seller_id), 0)';

/** Marks the (marketplace, kind, day) rows `select` yields, skipping unknown days; UNION keeps them distinct. */
function mark(select: string): string {
  return `INSERT INTO rollup_dirty (seller_id, marketplace, kind, day, stamp)
    SELECT NEW.seller_id, m, k, d, ${STAMP} FROM (${select}) AS touched WHERE d IS NOT NULL
    ON CONFLICT (seller_id, marketplace, kind, day) DO UPDATE SET stamp = excluded.stamp;`;
}

const orderDays = (row: 'OLD' | 'NEW') => `
  SELECT ${row}.marketplace AS m, 'promised' AS k, ${row}.promised_day AS d
  UNION SELECT ${row}.marketplace, 'ship_by', ${row}.ship_by_day
  UNION SELECT ${row}.marketplace, 'purchase', ${row}.purchase_day`;

/** An order's days, before and after, and the confirm days of its packages (their VTR follows the order's facts). */
const ORDER_MOVED = mark(`${orderDays('OLD')} UNION ${orderDays('NEW')}
  UNION SELECT mp.m, 'confirm', p.confirm_day FROM packages p, (SELECT OLD.marketplace AS m UNION SELECT NEW.marketplace) AS mp
    WHERE p.seller_id = NEW.seller_id AND p.order_id = NEW.order_id`);

/** A package's promised day (its order's) and its confirm day, before and after. */
export const PACKAGE_MOVED = mark(`
  SELECT o.marketplace AS m, 'promised' AS k, o.promised_day AS d FROM orders o WHERE o.seller_id = NEW.seller_id AND o.order_id = NEW.order_id
  UNION SELECT o.marketplace, 'confirm', OLD.confirm_day FROM orders o WHERE o.seller_id = NEW.seller_id AND o.order_id = NEW.order_id
  UNION SELECT o.marketplace, 'confirm', NEW.confirm_day FROM orders o WHERE o.seller_id = NEW.seller_id AND o.order_id = NEW.order_id`);

/** An item's category counts in every metric of its order and of the order's packages. */
const ITEM_CHANGED = mark(`
  SELECT o.marketplace AS m, 'promised' AS k, o.promised_day AS d FROM orders o WHERE o.seller_id = NEW.seller_id AND o.order_id = NEW.order_id
  UNION SELECT o.marketplace, 'ship_by', o.ship_by_day FROM orders o WHERE o.seller_id = NEW.seller_id AND o.order_id = NEW.order_id
  UNION SELECT o.marketplace, 'purchase', o.purchase_day FROM orders o WHERE o.seller_id = NEW.seller_id AND o.order_id = NEW.order_id
  UNION SELECT o.marketplace, 'confirm', p.confirm_day FROM orders o JOIN packages p ON p.seller_id = o.seller_id AND p.order_id = o.order_id
    WHERE o.seller_id = NEW.seller_id AND o.order_id = NEW.order_id`);

const DIRTY_TABLE = `
CREATE TABLE rollup_dirty (
  seller_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  stamp BIGINT NOT NULL,
  PRIMARY KEY (seller_id, marketplace, kind, day)
);
DROP TABLE rollup_packages;
DROP TABLE rollup_orders;
-- Rollups counted under the old bookkeeping are rebuilt once.
DELETE FROM rollup_state;
`;

const DROP_STAMPS = `
DROP INDEX orders_change;
DROP INDEX packages_change;
ALTER TABLE orders DROP COLUMN change_seq;
ALTER TABLE packages DROP COLUMN change_seq;
`;

const withoutRowid = (table: string, columns: string, key: string) => `
CREATE TABLE ${table}_clustered (${columns}, PRIMARY KEY (${key})) WITHOUT ROWID;
INSERT INTO ${table}_clustered SELECT * FROM ${table};
DROP TABLE ${table};
ALTER TABLE ${table}_clustered RENAME TO ${table};
`;

const sqlite = `
DROP TRIGGER order_items_restamp;
DROP TRIGGER package_items_restamp_insert;
DROP TRIGGER package_items_restamp_update;
${DROP_STAMPS}
${DIRTY_TABLE}
${withoutRowid('order_items', `seller_id TEXT NOT NULL, order_id TEXT NOT NULL, order_item_id TEXT NOT NULL, sku TEXT NOT NULL,
  category TEXT NOT NULL, quantity INTEGER NOT NULL`, 'seller_id, order_id, order_item_id')}
${withoutRowid('package_items', `seller_id TEXT NOT NULL, order_id TEXT NOT NULL, package_ref TEXT NOT NULL,
  order_item_id TEXT NOT NULL, quantity INTEGER NOT NULL`, 'seller_id, order_id, package_ref, order_item_id')}
CREATE TRIGGER orders_moved AFTER UPDATE ON orders BEGIN ${ORDER_MOVED} END;
CREATE TRIGGER packages_moved AFTER UPDATE ON packages BEGIN ${PACKAGE_MOVED} END;
CREATE TRIGGER order_items_changed AFTER UPDATE ON order_items BEGIN ${ITEM_CHANGED} END;
`;

const plpgsql = (name: string, body: string) =>
  `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NULL; END $$;`;

const postgres = `
DROP TRIGGER order_items_restamp ON order_items;
DROP TRIGGER package_items_restamp ON package_items;
DROP FUNCTION restamp_order_of_item();
DROP FUNCTION restamp_package_of_item();
${DROP_STAMPS}
${DIRTY_TABLE}
${plpgsql('mark_order_moved', ORDER_MOVED)}
${plpgsql('mark_package_moved', PACKAGE_MOVED)}
${plpgsql('mark_item_changed', ITEM_CHANGED)}
CREATE TRIGGER orders_moved AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION mark_order_moved();
CREATE TRIGGER packages_moved AFTER UPDATE ON packages FOR EACH ROW EXECUTE FUNCTION mark_package_moved();
CREATE TRIGGER order_items_changed AFTER UPDATE ON order_items FOR EACH ROW EXECUTE FUNCTION mark_item_changed();
`;

export const dirtyDaysMigration: Migration = { version: 8, name: 'dirty-days', sqlite, postgres };
