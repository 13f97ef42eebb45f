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
const DAY_MS = 86_400_000;

interface Shipment {
  line: string;
  carrier: string;
  trackingNumber: string;
  shipDate: number;
}

/** The bench's shipments, one item per package, the same for the same seed: the shipments CSV and the events file agree. */
function* shipments(rows: number, seed: number): Generator<Shipment> {
  const random = new Random(seed);
  const start = Date.parse('2026-09-01T00:00:00Z');
  for (let i = 0; i < rows; i++) {
    const purchase = start + Math.floor(random.next() * 80 * DAY_MS);
    const [code, prefix] = CARRIERS[i % CARRIERS.length]!;
    const trackingNumber = `${`${prefix}${String(i).padStart(22 - prefix.length, '0')}`.slice(0, Math.max(prefix.length + 4, 12))}${i}`;
    const shipDate = purchase + DAY_MS;
    const line = `112-${String(i).padStart(7, '0')}-${String(i % 9999999).padStart(7, '0')},US,${new Date(purchase).toISOString()},` +
      `${new Date(purchase + 2 * DAY_MS).toISOString()},${new Date(purchase + 5 * DAY_MS).toISOString().slice(0, 10)},` +
      `SKU-${i % 5000},${CATEGORIES[i % CATEGORIES.length]},1,${code},${trackingNumber},` +
      `${new Date(shipDate).toISOString()},${new Date(purchase + 90_000_000).toISOString()}\n`;
    yield { line, carrier: code, trackingNumber, shipDate };
  }
}

async function writeLines(path: string, header: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  out.write(header);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** Writes `rows` shipment rows (one item per package, realistic columns), streaming, to `path`. */
export function writeShipmentsFile(path: string, rows: number, seed = 1): Promise<void> {
  const header = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,quantity,carrier_code,tracking_number,ship_date,confirmed_at\n';
  return writeLines(path, header, (function* () {
    for (const s of shipments(rows, seed)) yield s.line;
  })());
}

/** The carrier's scans of each package of `writeShipmentsFile(…, rows, seed)`: picked up, out for delivery, delivered. */
export function writeEventsFile(path: string, rows: number, seed = 1): Promise<void> {
  const scans = [['in_transit', 0.15], ['out_for_delivery', 2.1], ['delivered', 2.4]] as const;
  return writeLines(path, '', (function* () {
    for (const s of shipments(rows, seed)) {
      for (const [status, days] of scans) {
        yield `${JSON.stringify({ carrier: s.carrier, tracking_number: s.trackingNumber, occurred_at: new Date(s.shipDate + days * DAY_MS).toISOString(), status, location: 'Memphis, TN, US' })}\n`;
      }
    }
  })());
}
