import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Random } from '../src/demo/random.js';

const CARRIERS = [
  ['UPS', '1Z999AA1012345678'],
  ['USPS', '9400111899223456789012'],
  ['FedEx', '7489000000'],
  ['AMZL', 'TBA30000000'],
] as const;
const CATEGORIES = ['Toys & Games', 'Home & Kitchen', 'Books', 'Beauty', 'Sports & Outdoors', 'Pet Supplies'];

/** Writes `rows` shipment rows (one item per package, realistic columns), streaming, to `path`. */
export async function writeShipmentsFile(path: string, rows: number, seed = 1): Promise<void> {
  const random = new Random(seed);
  const out = createWriteStream(path);
  out.write('order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,quantity,carrier_code,tracking_number,ship_date,confirmed_at\n');
  const start = Date.parse('2026-09-01T00:00:00Z');
  for (let i = 0; i < rows; i++) {
    const purchase = start + Math.floor(random.next() * 80 * 86_400_000);
    const [code, prefix] = CARRIERS[i % CARRIERS.length]!;
    const tracking = `${prefix}${String(i).padStart(22 - prefix.length, '0')}`.slice(0, Math.max(prefix.length + 4, 12));
    const line = `112-${String(i).padStart(7, '0')}-${String(i % 9999999).padStart(7, '0')},US,${new Date(purchase).toISOString()},` +
      `${new Date(purchase + 2 * 86_400_000).toISOString()},${new Date(purchase + 5 * 86_400_000).toISOString().slice(0, 10)},` +
      `SKU-${i % 5000},${CATEGORIES[i % CATEGORIES.length]},1,${code},${tracking}${i},` +
      `${new Date(purchase + 86_400_000).toISOString()},${new Date(purchase + 90_000_000).toISOString()}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
