import type { Migration } from './migration.js';
import { PACKAGE_MOVED } from './008-dirty-days.js';
import { PACKAGE_FACT_COLUMNS } from './010-derived-marks.js';

/**
 * The facts definitions.md version 2 reads (reference formats.md, the new optional columns):
 * - orders: whether the order is Seller Fulfilled Prime (`is_prime`, NULL while no source has said), and the promised
 *   delivery date before any promise extension (OTDR's promise);
 * - order_items: an item's own cancellation (LSR counts by the last item not cancelled, CR counts item cancels);
 * - packages: declared value and its currency, origin country (exemption rules, the US cross-border rule), whether
 *   the label came from Amazon's Buy Shipping; and two more times derived from its events: the first scan in the
 *   carrier's network (`in_transit`, `out_for_delivery`, `available_for_pickup`) and the first carrier scan that
 *   is not a delivery (delivery-confirmation-only tracking).
 * The package facts join the columns whose update marks the package's days (migration 010). Rollups counted under
 * version 1 are rebuilt once.
 */
export const V2_PACKAGE_FACT_COLUMNS = ['declared_value', 'currency', 'origin_country', 'buy_shipping'];
const facts = [...PACKAGE_FACT_COLUMNS, ...V2_PACKAGE_FACT_COLUMNS].join(', ');

const columns = (real: string) => `
ALTER TABLE orders ADD COLUMN is_prime SMALLINT;
ALTER TABLE orders ADD COLUMN original_latest_delivery_date BIGINT;
ALTER TABLE order_items ADD COLUMN cancelled_at BIGINT;
ALTER TABLE order_items ADD COLUMN cancelled_by TEXT;
ALTER TABLE packages ADD COLUMN declared_value ${real};
ALTER TABLE packages ADD COLUMN currency TEXT;
ALTER TABLE packages ADD COLUMN origin_country TEXT;
ALTER TABLE packages ADD COLUMN buy_shipping SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE packages ADD COLUMN network_scan_at BIGINT;
ALTER TABLE packages ADD COLUMN non_delivery_scan_at BIGINT;
DELETE FROM rollup_state;
`;

/**
 * Packages with events get their two new derived times from them (`refreshDerived` does it from now on): the
 * events between the package's own first scan and its own last event, which leaves out a recycled number's.
 */
const backfill = `
UPDATE packages SET
  network_scan_at = (SELECT MIN(e.occurred_at) FROM tracking_events e
    WHERE e.seller_id = packages.seller_id AND e.tracking_number = packages.tracking_number
      AND e.status IN ('in_transit', 'out_for_delivery', 'available_for_pickup')
      AND e.occurred_at >= packages.first_scan_at AND e.occurred_at <= packages.last_event_at),
  non_delivery_scan_at = (SELECT MIN(e.occurred_at) FROM tracking_events e
    WHERE e.seller_id = packages.seller_id AND e.tracking_number = packages.tracking_number
      AND e.status NOT IN ('pre_transit', 'unknown', 'delivered')
      AND e.occurred_at >= packages.first_scan_at AND e.occurred_at <= packages.last_event_at)
WHERE first_scan_at IS NOT NULL;
`;

const sqlite = `${columns('REAL')}
DROP TRIGGER packages_moved;
CREATE TRIGGER packages_moved AFTER UPDATE OF ${facts} ON packages BEGIN ${PACKAGE_MOVED} END;
${backfill}`;

const postgres = `${columns('DOUBLE PRECISION')}
DROP TRIGGER packages_moved ON packages;
CREATE TRIGGER packages_moved AFTER UPDATE OF ${facts} ON packages FOR EACH ROW EXECUTE FUNCTION mark_package_moved();
${backfill}`;

export const definitionsV2Migration: Migration = { version: 14, name: 'definitions-v2', sqlite, postgres };
