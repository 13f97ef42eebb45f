import { isMarketplace } from '../core/domain.js';
import type { CancelledBy, Marketplace } from '../core/domain.js';
import { localDay } from '../core/time.js';
import type { BatchBuilder } from './batch.js';
import type { RowReader } from './fields.js';
import type { DelimitedFormat, MapContext } from './map-context.js';
import { toPackageWrite } from './package-write.js';
import { reject } from './row-problem.js';

/** vtrguard's own shipments CSV (reference formats.md): one row per order item per package. */
export const shipmentsCsv: DelimitedFormat = {
  name: 'shipments',
  delimiter: ',',
  // Spreadsheets save "CSV" with semicolons where the comma is the decimal mark (most of Europe), or tabs.
  delimiters: [';', '\t'],
  columns: [
    'order_id', 'marketplace', 'purchase_date', 'latest_ship_date', 'latest_delivery_date', 'order_item_id', 'sku',
    'category', 'quantity', 'package_id', 'carrier_code', 'carrier_name', 'shipping_method', 'tracking_number',
    'ship_date', 'confirmed_at', 'cancelled_at', 'cancelled_by', 'exempt', 'fulfillment_channel',
    'declared_value', 'currency', 'origin_country', 'buy_shipping', 'is_prime', 'original_latest_delivery_date',
  ],
  requiredColumns: ['order_id', 'marketplace', 'purchase_date', 'latest_ship_date', 'latest_delivery_date', 'sku', 'category'],
  mapRow,
};

export function readMarketplace(row: RowReader, column: string): Marketplace {
  const value = row.required(column).toUpperCase();
  const marketplace = value === 'GB' ? 'UK' : value;
  if (!isMarketplace(marketplace)) reject(row.line, column, `"${value}" is not a marketplace (US, CA, MX, UK, DE, FR, …)`);
  return marketplace;
}

function mapRow(row: RowReader, batch: BatchBuilder, context: MapContext): void {
  const orderId = row.required('order_id');
  const marketplace = readMarketplace(row, 'marketplace');
  const zone = context.zones[marketplace];
  const purchase = row.instant('purchase_date', true)!.ms;
  const latestShip = row.instant('latest_ship_date', true)!.ms;
  const latestDelivery = row.dateOrInstant('latest_delivery_date', zone, true)!;
  const sku = row.required('sku');
  const category = row.required('category');
  const quantity = row.positiveInteger('quantity', 1);
  const orderItemId = row.optional('order_item_id') ?? sku;
  const channel = (row.optional('fulfillment_channel') ?? 'MFN').toUpperCase();
  if (channel !== 'MFN' && channel !== 'AFN') reject(row.line, 'fulfillment_channel', `"${channel}" is not MFN or AFN`);
  const cancelledAt = row.instant('cancelled_at', false)?.ms ?? null;
  const cancelledByText = row.optional('cancelled_by')?.toLowerCase() ?? null;
  if (cancelledByText !== null && cancelledByText !== 'seller' && cancelledByText !== 'buyer') {
    reject(row.line, 'cancelled_by', `"${cancelledByText}" is not seller or buyer`);
  }
  const cancelledBy = (cancelledByText ?? (cancelledAt !== null ? 'seller' : null)) as CancelledBy | null;

  const trackingRaw = row.optional('tracking_number');
  const carrierCode = row.optional('carrier_code');
  const carrierName = row.optional('carrier_name');
  const packageRef = row.optional('package_id') ?? (trackingRaw || carrierCode ? '1' : null);
  let shipDate: number | null = null;
  let confirmedAt: number | null = null;
  if (packageRef !== null) {
    if (carrierCode?.toLowerCase() === 'other' && !carrierName) {
      reject(row.line, 'carrier_name', 'carrier_name is required when carrier_code is Other');
    }
    shipDate = row.instant('ship_date', false)?.ms ?? null;
    confirmedAt = row.instant('confirmed_at', false)?.ms ?? shipDate;
    if (confirmedAt === null) reject(row.line, 'ship_date', 'a package needs ship_date or confirmed_at');
  }
  const exempt = row.boolean('exempt');
  const originCountry = row.optional('origin_country')?.toUpperCase() ?? null;
  if (originCountry !== null && !/^[A-Z]{2}$/.test(originCountry)) reject(row.line, 'origin_country', `"${originCountry}" is not an ISO 3166 alpha-2 country code`);
  const currency = row.optional('currency')?.toUpperCase() ?? null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) reject(row.line, 'currency', `"${currency}" is not an ISO 4217 currency code`);

  // A row's cancellation is its item's (definitions.md v2): the order is cancelled whole when all its items are.
  batch.addOrder({
    orderId, marketplace, purchaseDate: purchase, latestShipDate: latestShip, latestDeliveryDate: latestDelivery,
    fulfillmentChannel: channel, shipServiceLevel: null, cancelledAt: null, cancelledBy: null,
    isPrime: row.has('is_prime') && row.get('is_prime') !== '' ? row.boolean('is_prime') : null,
    originalLatestDeliveryDate: row.dateOrInstant('original_latest_delivery_date', zone, false),
    purchaseDay: localDay(purchase, zone), shipByDay: localDay(latestShip, zone), promisedDay: localDay(latestDelivery, zone),
  });
  batch.addItem({ orderId, orderItemId, sku, category, quantity, cancelledAt, cancelledBy });
  if (packageRef !== null) {
    batch.addPackage(toPackageWrite({
      orderId, packageRef, marketplace, zone, carrierCode, carrierName, shippingMethod: row.optional('shipping_method'),
      trackingRaw, shipDate, confirmedAt, exempt,
      declaredValue: row.nonNegativeNumber('declared_value'), currency, originCountry, buyShipping: row.boolean('buy_shipping'),
    }));
    batch.addPackageItem({ orderId, packageRef, orderItemId, quantity });
  }
}
