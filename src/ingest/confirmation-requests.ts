import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { VtrguardError } from '../core/errors.js';
import { readDelimited } from './delimited-reader.js';

/** One package to confirm, as read from a file (the gateway's input: app/amazon-confirm.ts). */
export interface ConfirmationLine {
  orderId: string;
  packageRef: string | null;
  carrierCode: string;
  carrierName: string | null;
  shippingMethod: string | null;
  trackingNumber: string;
  shipDate: number;
  items: { orderItemId: string; quantity: number }[] | null;
  buyShipping: boolean;
  /** The file's line of the package's first row. */
  line: number;
}

const COLUMNS = ['order_id', 'package_ref', 'carrier_code', 'carrier_name', 'shipping_method', 'tracking_number', 'ship_date', 'order_item_id', 'quantity', 'buy_shipping'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['order_id', 'carrier_code', 'tracking_number', 'ship_date'];

/**
 * A CSV of packages to confirm: a header naming the columns (`order_id` or `order-id` alike), one row per package
 * or per item of a package (rows of one order and package reference are one package). A bad row stops the read
 * with its line and column: nothing of the file is sent.
 */
export async function readConfirmationLines(file: string): Promise<ConfirmationLine[]> {
  try {
    await access(file);
  } catch {
    throw new VtrguardError('FILE_NOT_FOUND', undefined, { file });
  }
  const packages = new Map<string, ConfirmationLine>();
  let index: Partial<Record<Column, number>> | null = null;
  for await (const records of readDelimited(createReadStream(file), { delimiter: ',', quoted: true })) {
    for (const { fields, line } of records) {
      if (index === null) {
        const names = fields.map((f) => f.trim().toLowerCase().replace(/-/g, '_'));
        index = {};
        for (const column of COLUMNS) if (names.includes(column)) index[column] = names.indexOf(column);
        const missing = REQUIRED.filter((c) => index![c] === undefined);
        if (missing.length > 0) throw new VtrguardError('IMPORT_BAD_HEADER', `the header lacks ${missing.join(', ')}`, { file, line });
        continue;
      }
      if (fields.every((f) => f.trim() === '')) continue;
      const cols = index;
      const get = (c: Column) => (cols[c] === undefined ? '' : (fields[cols[c]] ?? '').trim());
      const need = (c: Column) => {
        const value = get(c);
        if (value === '') throw new VtrguardError('IMPORT_BAD_ROW', `${c} is empty`, { file, line, field: c });
        return value;
      };
      const orderId = need('order_id');
      const shipText = need('ship_date');
      const shipDate = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(shipText) ? `${shipText}T12:00:00Z` : shipText);
      if (Number.isNaN(shipDate)) throw new VtrguardError('IMPORT_BAD_ROW', `"${shipText}" is not a date`, { file, line, field: 'ship_date', value: shipText });
      const quantityText = get('quantity');
      const quantity = quantityText === '' ? 1 : Number(quantityText);
      if (!Number.isInteger(quantity) || quantity < 1) throw new VtrguardError('IMPORT_BAD_ROW', `quantity must be a whole number from 1, not "${quantityText}"`, { file, line, field: 'quantity' });
      const key = `${orderId}\u0000${get('package_ref')}\u0000${get('tracking_number')}`;
      const itemId = get('order_item_id');
      const existing = packages.get(key);
      if (existing) {
        if (itemId !== '') (existing.items ??= []).push({ orderItemId: itemId, quantity });
        continue;
      }
      packages.set(key, {
        orderId, packageRef: get('package_ref') || null, carrierCode: need('carrier_code'), carrierName: get('carrier_name') || null,
        shippingMethod: get('shipping_method') || null, trackingNumber: need('tracking_number'), shipDate,
        items: itemId === '' ? null : [{ orderItemId: itemId, quantity }], buyShipping: /^(1|true|yes|y)$/i.test(get('buy_shipping')), line,
      });
    }
  }
  if (index === null) throw new VtrguardError('IMPORT_BAD_HEADER', 'the file is empty; it needs a header order_id,carrier_code,tracking_number,ship_date', { file, line: 1 });
  return [...packages.values()];
}
