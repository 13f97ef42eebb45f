import type { Marketplace, TrackingStatus } from '../core/domain.js';
import { csvRow } from '../core/csv.js';
import { DEFAULT_ZONES, addDays, endOfLocalDay, formatInstant, localDay } from '../core/time.js';
import { assessConfirmation } from '../validate/assess.js';
import { Random } from './random.js';

/** A carrier the demo seller ships with: its Amazon code and a template of its numbers (last `#` is the check). */
interface DemoCarrier {
  code: string;
  name: string | null;
  template: string;
  /** Share of this marketplace's packages. */
  weight: number;
  /** Hours from hand-over to first scan, typical. */
  firstScanHours: number;
  transitDays: number;
}

const CARRIERS: Readonly<Record<'US' | 'UK' | 'DE', readonly DemoCarrier[]>> = {
  US: [
    { code: 'UPS', name: null, template: '1Z*****@03########', weight: 30, firstScanHours: 6, transitDays: 3 },
    { code: 'USPS', name: null, template: '9400111########3####', weight: 30, firstScanHours: 10, transitDays: 4 },
    { code: 'FedEx', name: null, template: '7###########', weight: 18, firstScanHours: 8, transitDays: 3 },
    { code: 'AMZL', name: null, template: 'TBA############', weight: 10, firstScanHours: 4, transitDays: 2 },
    { code: 'OnTrac', name: null, template: 'C##############', weight: 6, firstScanHours: 14, transitDays: 3 },
    { code: 'DHL eCommerce', name: null, template: 'GM################', weight: 6, firstScanHours: 30, transitDays: 6 },
  ],
  UK: [
    { code: 'Royal Mail', name: null, template: '@@#########GB', weight: 40, firstScanHours: 12, transitDays: 2 },
    { code: 'Hermes UK', name: null, template: 'H00@@@##########', weight: 25, firstScanHours: 20, transitDays: 3 },
    { code: 'DPD', name: null, template: '15501#########', weight: 20, firstScanHours: 6, transitDays: 1 },
    { code: 'Yodel', name: null, template: 'JD################', weight: 15, firstScanHours: 16, transitDays: 3 },
  ],
  DE: [
    { code: 'DHL-Paket', name: null, template: '00340434############', weight: 55, firstScanHours: 8, transitDays: 2 },
    { code: 'DPD', name: null, template: '01505#########', weight: 25, firstScanHours: 8, transitDays: 2 },
    { code: 'GLS', name: null, template: '###########', weight: 20, firstScanHours: 18, transitDays: 3 },
  ],
};

const CATEGORIES: Readonly<Record<'US' | 'UK' | 'DE', readonly string[]>> = {
  US: ['Toys & Games', 'Home & Kitchen', 'Sports & Outdoors', 'Beauty', 'Electronics Accessories', 'Pet Supplies'],
  UK: ['Toys & Games', 'Home & Kitchen', 'Garden', 'Books'],
  DE: ['Home & Kitchen', 'Sports & Outdoors', 'Automotive'],
};

/** The failure modes the demo seller suffers, each named in the issue; weights are per package. */
type Scenario =
  | 'clean'
  | 'never_scanned'
  | 'other_hides_integrated'
  | 'other_carriers_number'
  | 'bad_check_digit'
  | 'after_delivery'
  | 'late_confirmation';

const SCENARIOS: readonly (readonly [Scenario, number])[] = [
  ['clean', 94.6],
  ['never_scanned', 1.2],
  ['other_hides_integrated', 0.5],
  ['other_carriers_number', 0.5],
  ['bad_check_digit', 0.4],
  ['after_delivery', 0.4],
  ['late_confirmation', 2.4],
];

export interface DemoOptions {
  /** The demo's "now": everything happens before it. */
  now: number;
  days?: number;
  ordersPerDay?: Partial<Record<'US' | 'UK' | 'DE', number>>;
  seed?: number;
}

export interface DemoFiles {
  shipmentsCsv: string;
  eventsJsonl: string;
  orders: number;
  packages: number;
  events: number;
}

function validNumber(random: Random, carrier: DemoCarrier): string {
  for (let attempt = 0; attempt < 400; attempt++) {
    const candidate = random.fill(carrier.template);
    const verdict = assessConfirmation({ carrierCode: carrier.code, carrierName: carrier.name, trackingNumber: candidate });
    if (verdict.staticDefect === null && !verdict.problems.includes('UNKNOWN_FORMAT')) return candidate;
  }
  throw new Error(`demo: no valid ${carrier.code} number fits the template ${carrier.template}`);
}

/** The same number with a wrong last digit, as a typo would make it. */
function typo(number: string, carrier: DemoCarrier): string {
  const body = number.slice(0, -1);
  const last = number.at(-1)!;
  for (let d = 0; d <= 9; d++) {
    const candidate = `${body}${d}`;
    if (String(d) === last) continue;
    if (assessConfirmation({ carrierCode: carrier.code, carrierName: null, trackingNumber: candidate }).staticDefect !== null) return candidate;
  }
  return number;
}

const HEADER = [
  'order_id', 'marketplace', 'purchase_date', 'latest_ship_date', 'latest_delivery_date', 'order_item_id', 'sku',
  'category', 'quantity', 'package_id', 'carrier_code', 'carrier_name', 'shipping_method', 'tracking_number',
  'ship_date', 'confirmed_at', 'cancelled_at', 'cancelled_by',
];

/**
 * Generates a realistic seller: three marketplaces, their categories and carriers, `days` of orders up to
 * `now`, with every failure mode that costs sellers VTR, LSR and CR. Deterministic for a given seed and now.
 */
export function generateDemo(options: DemoOptions): DemoFiles {
  const random = new Random(options.seed ?? 20261125);
  const days = options.days ?? 60;
  const perDay = { US: 70, UK: 30, DE: 22, ...options.ordersPerDay };
  const rows: string[] = [HEADER.join(',')];
  const events: string[] = [];
  let orders = 0;
  let packages = 0;
  const usedNumbers: { number: string; carrier: DemoCarrier; shipDate: number }[] = [];
  const fromUs = (carrierCode: string) => CARRIERS.US.find((c) => c.code === carrierCode)!;

  const emit = (carrier: DemoCarrier, number: string, status: TrackingStatus, at: number, code: string, description: string) => {
    if (at >= options.now) return;
    events.push(JSON.stringify({
      carrier: carrier.code, tracking_number: number, occurred_at: formatInstant(at), status, code, description,
      location: null, event_id: `demo-${events.length + 1}`, source: 'demo',
    }));
  };

  for (const marketplace of ['US', 'UK', 'DE'] as const) {
    const zone = DEFAULT_ZONES[marketplace as Marketplace];
    const today = localDay(options.now, zone);
    const carriers = CARRIERS[marketplace].map((c) => [c, c.weight] as const);
    for (let dayOffset = days - 1; dayOffset >= -2; dayOffset--) {
      const day = addDays(today, -dayOffset);
      const count = dayOffset < 0 ? 0 : perDay[marketplace];
      for (let n = 0; n < count; n++) {
        orders++;
        const orderId = `${marketplace === 'US' ? 112 : marketplace === 'UK' ? 204 : 302}-${String(1000000 + orders).padStart(7, '0')}-${String(random.int(1000000, 9999999))}`;
        const purchase = endOfLocalDay(addDays(day, -1), zone) + random.int(1, 23 * 60) * 60_000;
        if (purchase >= options.now) continue;
        const handlingDays = random.pick([1, 1, 2]);
        const latestShip = endOfLocalDay(addDays(localDay(purchase, zone), handlingDays), zone);
        const carrier = random.weighted(carriers);
        const promisedDay = addDays(localDay(latestShip, zone), carrier.transitDays + random.int(0, 2));
        const itemCount = random.chance(0.15) ? 2 : 1;
        const categories = CATEGORIES[marketplace];
        const category = random.pick(categories);
        const items = Array.from({ length: itemCount }, (_, i) => ({
          id: `${orderId}-${i + 1}`,
          sku: `SKU-${marketplace}-${random.int(100, 999)}`,
          category: i === 0 ? category : random.pick(categories),
        }));
        const base = [orderId, marketplace, formatInstant(purchase), formatInstant(latestShip), promisedDay];

        if (random.chance(0.018)) {
          const cancelledAt = purchase + random.int(1, 20) * 3_600_000;
          for (const item of items) rows.push(csvRow([...base, item.id, item.sku, item.category, 1, '', '', '', '', '', '', '', formatInstant(cancelledAt), random.chance(0.7) ? 'seller' : 'buyer']));
          continue;
        }

        let scenario = random.weighted(SCENARIOS);
        // Toys in the US ship from a second warehouse whose labels often never reach the carrier: the bad category.
        if (marketplace === 'US' && category === 'Toys & Games' && random.chance(0.05)) scenario = 'never_scanned';
        // Three days ago a label printer in the US warehouse broke: Home & Kitchen parcels sat unscanned. They are
        // promised in the coming days, so the category is fine today and at risk in the forecast.
        if (marketplace === 'US' && category === 'Home & Kitchen' && dayOffset >= 2 && dayOffset <= 4 && random.chance(0.5)) {
          scenario = 'never_scanned';
        }
        const late = scenario === 'late_confirmation';
        let shipDate = late ? latestShip + random.int(2, 30) * 3_600_000 : purchase + random.int(2, handlingDays * 20) * 3_600_000;
        if (shipDate >= options.now) {
          if (purchase + 3_600_000 >= options.now) continue;
          shipDate = options.now - random.int(1, 60) * 60_000;
        }
        let confirmedAt = shipDate + random.int(5, 90) * 60_000;
        if (confirmedAt >= options.now) confirmedAt = options.now - 60_000;

        let number: string;
        let code = carrier.code;
        let name: string | null = carrier.name;
        const recycled = marketplace === 'US' && orders % 997 === 0 && usedNumbers.length > 0;
        if (recycled) {
          const old = usedNumbers[0]!;
          number = old.number;
          code = old.carrier.code;
        } else {
          number = validNumber(random, carrier);
        }
        if (scenario === 'other_hides_integrated') {
          name = code;
          code = 'Other';
        } else if (scenario === 'other_carriers_number' && marketplace === 'US') {
          number = validNumber(random, fromUs(code === 'USPS' ? 'UPS' : 'USPS'));
        } else if (scenario === 'bad_check_digit') {
          number = typo(number, carrier);
        }
        packages++;
        const firstRow = rows.length;
        for (const item of items) {
          rows.push(csvRow([...base, item.id, item.sku, item.category, 1, '1', code, name, 'Standard', number, formatInstant(shipDate), formatInstant(confirmedAt), '', '']));
        }
        if (!recycled && usedNumbers.length < 5 && dayOffset > 45) usedNumbers.push({ number, carrier, shipDate });

        emit(carrier, number, 'pre_transit', confirmedAt - 30 * 60_000, 'MP', 'Shipping label created');
        if (scenario === 'never_scanned') continue;
        const firstScan = shipDate + Math.max(1, carrier.firstScanHours + random.int(-3, 12)) * 3_600_000;
        emit(carrier, number, 'in_transit', firstScan, 'AR', 'Accepted at origin facility');
        const promisedEnd = endOfLocalDay(promisedDay, zone);
        const deliveredAt = random.chance(0.93)
          ? promisedEnd - random.int(2, 40) * 3_600_000
          : promisedEnd + random.int(2, 50) * 3_600_000;
        const realDelivered = Math.max(deliveredAt, firstScan + 6 * 3_600_000);
        emit(carrier, number, 'out_for_delivery', realDelivered - 4 * 3_600_000, 'OD', 'Out for delivery');
        emit(carrier, number, 'delivered', realDelivered, 'DL', 'Delivered');
        if (scenario === 'after_delivery' && realDelivered < options.now) {
          // The seller typed the tracking in after the carrier had already delivered.
          const lateConfirm = Math.min(options.now - 60_000, realDelivered + random.int(1, 24) * 3_600_000);
          for (let i = firstRow; i < rows.length; i++) rows[i] = rows[i]!.replace(formatInstant(confirmedAt)!, formatInstant(lateConfirm)!);
        }
      }
    }
  }
  return { shipmentsCsv: `${rows.join('\n')}\n`, eventsJsonl: `${events.join('\n')}\n`, orders, packages, events: events.length };
}
