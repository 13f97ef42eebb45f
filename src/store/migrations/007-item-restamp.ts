import type { Migration } from './migration.js';

/**
 * Rollups find what changed through `change_seq` on orders and packages. A correction that only touches items (a
 * category fixed, an item added to an existing package) leaves those rows as they were, so triggers stamp the
 * order and its packages with the writer's current seq. They fire on updates and on items added to a package
 * stamped earlier, never on a fresh import's rows (already stamped), so imports pay one lookup per package item.
 */
const CURRENT_SEQ = '(SELECT seq FROM write_seq WHERE seller_id = NEW.seller_id)';
const restampOrder = `
  UPDATE orders SET change_seq = ${CURRENT_SEQ} WHERE seller_id = NEW.seller_id AND order_id = NEW.order_id;
  UPDATE packages SET change_seq = ${CURRENT_SEQ} WHERE seller_id = NEW.seller_id AND order_id = NEW.order_id;`;
const restampPackage = `
  UPDATE packages SET change_seq = ${CURRENT_SEQ}
  WHERE seller_id = NEW.seller_id AND order_id = NEW.order_id AND package_ref = NEW.package_ref
    AND change_seq <> ${CURRENT_SEQ};`;

const sqlite = `
CREATE TRIGGER order_items_restamp AFTER UPDATE ON order_items BEGIN ${restampOrder} END;
CREATE TRIGGER package_items_restamp_insert AFTER INSERT ON package_items BEGIN ${restampPackage} END;
CREATE TRIGGER package_items_restamp_update AFTER UPDATE ON package_items BEGIN ${restampPackage} END;
`;

const postgres = `
CREATE FUNCTION restamp_order_of_item() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${restampOrder} RETURN NULL; END $$;
CREATE FUNCTION restamp_package_of_item() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${restampPackage} RETURN NULL; END $$;
CREATE TRIGGER order_items_restamp AFTER UPDATE ON order_items FOR EACH ROW EXECUTE FUNCTION restamp_order_of_item();
CREATE TRIGGER package_items_restamp AFTER INSERT OR UPDATE ON package_items FOR EACH ROW EXECUTE FUNCTION restamp_package_of_item();
`;

export const itemRestampMigration: Migration = { version: 7, name: 'item-restamp', sqlite, postgres };
