import type { Migration } from './migration.js';
import { PACKAGE_MOVED } from './008-dirty-days.js';

/**
 * `packages_moved` (migration 008) fired for every updated package, also when only its scan times and latest
 * status were re-derived from events — ~4.8 µs of each such row, a third of the derivation
 * (docs/design-notes.md, "Events in batch"). It now fires when a package's own facts are set (a confirmation,
 * a correction, the reuse flag); the derivation marks the days of the packages it changed itself, set-based
 * (`SqlStore.refreshDerived`). A column added to packages that the metrics read belongs in this list.
 */
export const PACKAGE_FACT_COLUMNS = ['order_id', 'package_ref', 'carrier_code', 'carrier_name', 'shipping_method', 'tracking_raw',
  'tracking_number', 'ship_date', 'confirmed_at', 'confirm_day', 'exempt', 'carrier_key', 'static_defect', 'problems'];

const facts = PACKAGE_FACT_COLUMNS.join(', ');

const sqlite = `
DROP TRIGGER packages_moved;
CREATE TRIGGER packages_moved AFTER UPDATE OF ${facts} ON packages BEGIN ${PACKAGE_MOVED} END;
`;

const postgres = `
DROP TRIGGER packages_moved ON packages;
CREATE TRIGGER packages_moved AFTER UPDATE OF ${facts} ON packages FOR EACH ROW EXECUTE FUNCTION mark_package_moved();
`;

export const derivedMarksMigration: Migration = { version: 10, name: 'derived-marks', sqlite, postgres };
