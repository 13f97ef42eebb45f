import type { CancelledBy, Marketplace } from '../core/domain.js';
import { localDay } from '../core/time.js';
import type { BatchBuilder } from './batch.js';
import type { RowReader } from './fields.js';
import type { DelimitedFormat, MapContext } from './map-context.js';
import { reject, skip } from './row-problem.js';
import { readMarketplace } from './shipments-csv.js';

/** `sales-channel` values of Amazon's order reports and the marketplace each names. */
const SALES_CHANNELS: Readonly<Record<string, Marketplace>> = {
  'amazon.com': 'US', 'amazon.ca': 'CA', 'amazon.com.mx': 'MX', 'amazon.com.br': 'BR', 'amazon.co.uk': 'UK',
  'amazon.de': 'DE', 'amazon.fr': 'FR', 'amazon.it': 'IT', 'amazon.es': 'ES', 'amazon.nl': 'NL', 'amazon.se': 'SE',
  'amazon.pl': 'PL', 'amazon.com.be': 'BE', 'amazon.co.jp': 'JP', 'amazon.com.au': 'AU', 'amazon.in': 'IN',
  'amazon.ae': 'AE', 'amazon.sg': 'SG',
};

/** The summary's reason for the All Orders report's Multi-Channel Fulfillment rows. */
export const MCF_SKIP = 'Multi-Channel Fulfillment order (sales-channel Non-Amazon)';

/**
 * Amazon's All Orders flat-file report (tab-separated, columns by header name; amazon-metrics.md §3.2).
 * It has no ship-by, deliver-by or category columns; where a file carries them (some versions and exports
 * do) they are read, otherwise those facts stay unknown until the shipments CSV or the Orders API fills them.
 */
export const amazonOrdersReport: DelimitedFormat = {
  name: 'amazon-orders',
  delimiter: '\t',
  columns: [
    'amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel',
    'sales-channel', 'order-channel', 'url', 'ship-service-level', 'product-name', 'sku', 'asin', 'item-status',
    'quantity', 'currency', 'item-price', 'item-tax', 'shipping-price', 'shipping-tax', 'gift-wrap-price',
    'gift-wrap-tax', 'item-promotion-discount', 'ship-promotion-discount', 'ship-city', 'ship-state',
    'ship-postal-code', 'ship-country', 'promotion-ids', 'cpf', 'is-business-order', 'purchase-order-number',
    'price-designation', 'signature-confirmation-recommended', 'is-iba', 'order-item-id', 'marketplace',
    'latest-ship-date', 'latest-delivery-date', 'promise-date', 'product-category', 'category',
    'is-buyer-requested-cancellation', 'is-prime',
  ],
  requiredColumns: ['amazon-order-id', 'purchase-date', 'sku'],
  mapRow,
};

function marketplaceOf(row: RowReader, context: MapContext): Marketplace {
  if (row.has('marketplace') && row.get('marketplace') !== '') return readMarketplace(row, 'marketplace');
  const channel = row.get('sales-channel').toLowerCase();
  if (channel === '') return context.defaultMarketplace;
  // Amazon fulfils these for the seller's other sales channels: not an Amazon order, in no seller metric.
  if (channel.startsWith('non-amazon')) skip(MCF_SKIP);
  const marketplace = SALES_CHANNELS[channel];
  if (!marketplace) reject(row.line, 'sales-channel', `"${row.get('sales-channel')}" is not an Amazon marketplace`);
  return marketplace;
}

function mapRow(row: RowReader, batch: BatchBuilder, context: MapContext): void {
  const orderId = row.required('amazon-order-id');
  const marketplace = marketplaceOf(row, context);
  const zone = context.zones[marketplace];
  const purchase = row.instant('purchase-date', true)!.ms;
  const latestShip = row.instant('latest-ship-date', false)?.ms ?? null;
  const latestDelivery =
    row.dateOrInstant('latest-delivery-date', zone, false) ?? row.dateOrInstant('promise-date', zone, false);
  const sku = row.required('sku');
  const quantity = row.positiveInteger('quantity', 1);
  const channel = row.get('fulfillment-channel').toLowerCase() === 'amazon' ? 'AFN' : 'MFN';
  const cancelled = row.get('order-status').toLowerCase() === 'cancelled';
  // An item cancelled in an order that is not (definitions.md v2: item cancels count in CR, not in LSR).
  const itemCancelled = !cancelled && row.get('item-status').toLowerCase() === 'cancelled';
  const buyerRequested = row.boolean('is-buyer-requested-cancellation');
  let cancelledAt: number | null = null;
  let cancelledBy: CancelledBy | null = null;
  if (cancelled || itemCancelled) {
    cancelledAt = row.instant('last-updated-date', false)?.ms ?? purchase;
    // The report says who cancelled only through this column; without it the cancel is not attributed.
    if (row.has('is-buyer-requested-cancellation')) cancelledBy = buyerRequested ? 'buyer' : 'seller';
  }
  batch.addOrder({
    orderId, marketplace, purchaseDate: purchase, latestShipDate: latestShip, latestDeliveryDate: latestDelivery,
    fulfillmentChannel: channel, shipServiceLevel: row.optional('ship-service-level'),
    cancelledAt: cancelled ? cancelledAt : null, cancelledBy: cancelled ? cancelledBy : null,
    // Amazon's order files carry `is-prime` in some versions (the unshipped-orders report always).
    isPrime: row.has('is-prime') && row.get('is-prime') !== '' ? row.boolean('is-prime') : null,
    purchaseDay: localDay(purchase, zone),
    shipByDay: latestShip === null ? null : localDay(latestShip, zone),
    promisedDay: latestDelivery === null ? null : localDay(latestDelivery, zone),
  });
  batch.addItem({
    orderId,
    orderItemId: row.optional('order-item-id') ?? sku,
    sku,
    category: row.optional('product-category') ?? row.get('category'),
    quantity,
    cancelledAt: itemCancelled ? cancelledAt : null,
    cancelledBy: itemCancelled ? cancelledBy : null,
  });
}
