import { isIsoDate, nonexistentDate, parseInstant } from '../core/time.js';
import type { BatchBuilder } from './batch.js';
import type { RowReader } from './fields.js';
import type { DelimitedFormat, MapContext } from './map-context.js';
import { toPackageWrite } from './package-write.js';
import { reject } from './row-problem.js';
import { normalizeTrackingNumber } from '../validate/assess.js';

/**
 * Amazon's shipping-confirmation flat file (POST_FLAT_FILE_FULFILLMENT_DATA, amazon-metrics.md §3.3).
 * One row per order item; rows sharing an order and a tracking number are one package. The file carries
 * no marketplace, so the importer's default marketplace places the confirmation day.
 */
export const amazonConfirmations: DelimitedFormat = {
  name: 'amazon-confirmations',
  delimiter: '\t',
  columns: [
    'order-id', 'order-item-id', 'quantity', 'ship-date', 'carrier-code', 'carrier-name', 'tracking-number',
    'ship-method', 'transparency_code', 'ship_from_address_name', 'ship_from_address_line1', 'ship_from_address_line2',
    'ship_from_address_line3', 'ship_from_address_city', 'ship_from_address_county', 'ship_from_address_state_or_region',
    'ship_from_address_postalcode', 'ship_from_address_countrycode',
  ],
  requiredColumns: ['order-id', 'ship-date', 'carrier-code'],
  mapRow,
};

function shipDateOf(row: RowReader): number {
  const value = row.required('ship-date');
  // Amazon accepts a bare date here; it is taken as that day's start in UTC.
  if (isIsoDate(value)) return Date.parse(`${value}T00:00:00Z`);
  const instant = parseInstant(value);
  if (!instant) reject(row.line, 'ship-date', nonexistentDate(value) ?? `"${value}" is not an ISO 8601 date or instant`);
  return instant.ms;
}

function mapRow(row: RowReader, batch: BatchBuilder, context: MapContext): void {
  const orderId = row.required('order-id');
  const shipDate = shipDateOf(row);
  const carrierCode = row.required('carrier-code');
  const carrierName = row.optional('carrier-name');
  if (carrierCode.toLowerCase() === 'other' && !carrierName) {
    reject(row.line, 'carrier-name', 'carrier-name is required when carrier-code is Other');
  }
  const trackingRaw = row.optional('tracking-number');
  const packageRef = trackingRaw ? normalizeTrackingNumber(trackingRaw) : '1';
  const marketplace = context.defaultMarketplace;
  batch.addPackage(toPackageWrite({
    orderId, packageRef, marketplace, zone: context.zones[marketplace], carrierCode, carrierName,
    shippingMethod: row.optional('ship-method'), trackingRaw, shipDate, confirmedAt: shipDate, exempt: false,
  }));
  const orderItemId = row.optional('order-item-id');
  if (orderItemId !== null) {
    batch.addPackageItem({ orderId, packageRef, orderItemId, quantity: row.positiveInteger('quantity', 1) });
  }
}
