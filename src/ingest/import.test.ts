import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { MCF_SKIP } from './amazon-orders.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ZONES } from '../core/time.js';
import { VtrguardError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { dialectCases, rawSql } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { csvCells, liveFormulas } from '../../test/csv-cells.js';
import { importFile } from './import.js';
import type { ImportOptions } from './import.js';

const HEADER = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,quantity,carrier_code,carrier_name,tracking_number,ship_date,confirmed_at,cancelled_at,cancelled_by';
const GOOD_ROWS = [
  '112-0000001-0000001,US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-06,SKU-1,Toys & Games,1,UPS,,1Z999AA10123456784,2026-11-02T15:00:00Z,2026-11-02T16:00:00Z,,',
  '112-0000001-0000001,US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-06,SKU-2,Books,2,UPS,,1Z999AA10123456784,2026-11-02T15:00:00Z,2026-11-02T16:00:00Z,,',
  '112-0000002-0000002,US,2026-11-01T11:00:00Z,2026-11-03T07:59:59Z,2026-11-07T20:00:00-08:00,SKU-3,Books,1,,,,,,2026-11-01T12:00:00Z,seller',
];

let dir: string;
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The mapping thread runs the built script (`npm test` builds first); these sources are not runnable by Node. */
const BUILT_MAP_WORKER = new URL('../../dist/src/ingest/map-worker.js', import.meta.url);

/** Every import runs both ways: rows mapped on the importing thread, and on a worker thread. */
const MAPPINGS = [
  { name: 'mapped inline', settings: { mapping: 'inline' } },
  { name: 'mapped on a worker thread', settings: { mapping: 'thread', mapWorkerUrl: BUILT_MAP_WORKER } },
] as const satisfies readonly { name: string; settings: Partial<ImportOptions> }[];

let mapping: Partial<ImportOptions> = {};

function options(path: string, extra: Partial<ImportOptions> = {}): ImportOptions {
  return { file: path, sellerId: 's1', context: { zones: DEFAULT_ZONES, defaultMarketplace: 'US' }, ...mapping, ...extra };
}

function useMapping(settings: Partial<ImportOptions>): void {
  beforeAll(() => {
    if (settings.mapWorkerUrl && !existsSync(fileURLToPath(settings.mapWorkerUrl))) {
      throw new Error(`${fileURLToPath(settings.mapWorkerUrl)} is missing: \`npm test\` builds it first (or run \`npm run build\`)`);
    }
    mapping = settings;
  });
}

async function expectError(promise: Promise<unknown>): Promise<VtrguardError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(VtrguardError);
  return error as VtrguardError;
}

for (const [dialect, { name, settings }] of (await dialectCases()).flatMap((d) => MAPPINGS.map((m) => [d, m] as const))) {
  describe.skipIf(!dialect.available)(`importing files into ${dialect.name}, ${name}`, () => {
    useMapping(settings);
    let t: TestStore;
    let store: Store;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'vtrguard-import-'));
      t = await dialect.fresh();
      store = t.store;
    });
    afterEach(async () => t.dispose());

    it('imports a shipments CSV: orders, items with categories, packages with the validator\'s verdict', async () => {
      const summary = await importFile(store, options(file('s.csv', [HEADER, ...GOOD_ROWS].join('\n'))));
      expect(summary).toMatchObject({ format: 'shipments', rowsRead: 3, rowsImported: 3, rowsRejected: 0, alreadyImported: false });
      expect(await store.counts('s1')).toEqual({ orders: 2, packages: 1, events: 0 });
      const [pkg] = await store.packagesByDay('s1', 'US', { from: '2026-11-01', to: '2026-11-30' }, 'promised_delivery');
      expect(pkg).toMatchObject({ categories: ['Books', 'Toys & Games'], trackingNumber: '1Z999AA10123456784', carrierKey: 'ups', staticDefect: null, promisedDay: '2026-11-06' });
      // A date-only promise is the end of that local day in the marketplace's zone (Los Angeles, PST).
      expect(pkg?.latestDeliveryDate).toBe(Date.parse('2026-11-07T07:59:59.999Z'));
      const orders = await store.ordersByDay('s1', 'US', 'purchase', { from: '2026-11-01', to: '2026-11-01' });
      // A row's cancellation is its item's (definitions.md v2); without cancelled_by it is the seller's.
      expect(orders.find((o) => o.orderId === '112-0000002-0000002')).toMatchObject({
        cancelledAt: null, firstConfirmedAt: null, items: [{ orderItemId: 'SKU-3', cancelledAt: Date.parse('2026-11-01T12:00:00Z'), cancelledBy: 'seller' }],
      });
      expect(pkg).toMatchObject({ units: 3, isPrime: false, declaredValue: null, originCountry: null, buyShipping: false });
    });

    it('reads the v2 columns: item cancels, Prime, declared value, origin, Buy Shipping, the pre-extension promise', async () => {
      const header = `${HEADER},package_id,declared_value,currency,origin_country,buy_shipping,is_prime,original_latest_delivery_date`;
      const rows = [
        '112-0000005-0000005,US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-09,SKU-1,Toys,2,UPS,,1Z999AA10123456784,2026-11-02T15:00:00Z,,,,1,12.50,usd,cn,true,yes,2026-11-06',
        '112-0000005-0000005,US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-09,SKU-2,Toys,1,,,,,,2026-11-02T12:00:00Z,buyer,,,,,,yes,2026-11-06',
      ];
      await importFile(store, options(file('v2.csv', [header, ...rows].join('\n'))));
      const [pkg] = await store.packagesByDay('s1', 'US', { from: '2026-11-01', to: '2026-11-30' }, 'promised_delivery');
      expect(pkg).toMatchObject({
        declaredValue: 12.5, currency: 'USD', originCountry: 'CN', buyShipping: true, isPrime: true, units: 2,
        originalLatestDeliveryDate: Date.parse('2026-11-07T07:59:59.999Z'),
      });
      const [order] = await store.ordersByDay('s1', 'US', 'purchase', { from: '2026-11-01', to: '2026-11-01' });
      expect(order).toMatchObject({ isPrime: true, cancelledAt: null });
      expect(order!.items).toEqual([
        { orderItemId: 'SKU-1', cancelledAt: null, cancelledBy: null },
        { orderItemId: 'SKU-2', cancelledAt: Date.parse('2026-11-02T12:00:00Z'), cancelledBy: 'buyer' },
      ]);
      expect(order!.packages).toEqual([{ packageRef: '1', confirmedAt: Date.parse('2026-11-02T15:00:00Z'), firstScanAt: null, itemIds: ['SKU-1'] }]);
      for (const [column, value, says] of [['declared_value', '-3', 'decimal'], ['origin_country', 'China', 'alpha-2'], ['currency', 'dollars', 'ISO 4217']] as const) {
        const bad = rows[0]!.replace(column === 'declared_value' ? '12.50' : column === 'origin_country' ? ',cn,' : 'usd', column === 'origin_country' ? `,${value},` : value);
        const error = await expectError(importFile(store, options(file(`bad-${column}.csv`, [header, bad].join('\n')))));
        expect(error.context).toMatchObject({ line: 2, field: column });
        expect(error.message).toContain(says);
      }
    });

    it('flags a tracking number already confirmed on another order within 90 days', async () => {
      const reused = GOOD_ROWS[0]!.replaceAll('112-0000001-0000001', '112-0000009-0000009')
        .replaceAll('2026-11-02T16:00:00Z', '2026-11-20T16:00:00Z').replaceAll('2026-11-02T15:00:00Z', '2026-11-20T15:00:00Z');
      await importFile(store, options(file('s.csv', [HEADER, ...GOOD_ROWS].join('\n'))));
      await importFile(store, options(file('r.csv', [HEADER, reused].join('\n'))));
      const rows = await rawSql(store).all<{ order_id: string; problems: string }>('SELECT order_id, problems FROM packages ORDER BY order_id');
      expect(rows).toEqual([
        { order_id: '112-0000001-0000001', problems: '' },
        { order_id: '112-0000009-0000009', problems: 'REUSED_TRACKING_NUMBER' },
      ]);
    });

    it('flags the reuse when the earlier use comes later in the file, in another batch', async () => {
      const reused = GOOD_ROWS[0]!.replaceAll('112-0000001-0000001', '112-0000009-0000009')
        .replaceAll('2026-11-02T16:00:00Z', '2026-11-20T16:00:00Z').replaceAll('2026-11-02T15:00:00Z', '2026-11-20T15:00:00Z');
      await importFile(store, { ...options(file('r.csv', [HEADER, reused, ...GOOD_ROWS].join('\n'))), batchSize: 1 });
      const rows = await rawSql(store).all<{ order_id: string; problems: string }>(
        "SELECT order_id, problems FROM packages WHERE order_id IN ('112-0000001-0000001', '112-0000009-0000009') ORDER BY order_id",
      );
      expect(rows).toEqual([
        { order_id: '112-0000001-0000001', problems: '' },
        { order_id: '112-0000009-0000009', problems: 'REUSED_TRACKING_NUMBER' },
      ]);
    });

    it('importing the same file again changes nothing', async () => {
      const path = file('s.csv', [HEADER, ...GOOD_ROWS].join('\n'));
      await importFile(store, options(path));
      const before = await rawSql(store).all('SELECT * FROM packages ORDER BY package_id');
      const again = await importFile(store, options(path));
      expect(again.alreadyImported).toBe(true);
      expect(await rawSql(store).all('SELECT * FROM packages ORDER BY package_id')).toEqual(before);
    });

    it('a bad row stops the import, names file, line and column, and nothing is kept', async () => {
      const bad = GOOD_ROWS[2]!.replace('2026-11-01T11:00:00Z', 'yesterday');
      const path = file('bad.csv', [HEADER, GOOD_ROWS[0], GOOD_ROWS[1], bad].join('\n'));
      const error = await expectError(importFile(store, options(path)));
      expect(error.code).toBe('IMPORT_BAD_ROW');
      expect(error.context).toMatchObject({ file: path, line: 4, field: 'purchase_date' });
      expect(error.message).toContain(`${path}, line 4, column purchase_date`);
      expect(await store.counts('s1')).toEqual({ orders: 0, packages: 0, events: 0 });
    });

    it('an impossible date is an input error naming its line and column, never the next month (definitions.md v2)', async () => {
      for (const [bad, field] of [
        [GOOD_ROWS[2]!.replace('2026-11-07T20:00:00-08:00', '2026-11-31'), 'latest_delivery_date'],
        [GOOD_ROWS[2]!.replace('2026-11-01T11:00:00Z', '2026-02-30T11:00:00Z'), 'purchase_date'],
        [GOOD_ROWS[2]!.replace('2026-11-01T12:00:00Z', '2026-11-31T10:00Z'), 'cancelled_at'],
      ] as const) {
        const path = file(`impossible-${field}.csv`, [HEADER, GOOD_ROWS[0], bad].join('\n'));
        const error = await expectError(importFile(store, options(path)));
        expect(error.code).toBe('IMPORT_BAD_ROW');
        expect(error.context).toMatchObject({ file: path, line: 3, field });
        expect(error.message).toMatch(/does not exist/);
      }
      const events = file('impossible.jsonl', JSON.stringify({ carrier: 'UPS', tracking_number: '1Z999AA10123456784', occurred_at: '2026-11-31T10:00Z', status: 'in_transit' }));
      const error = await expectError(importFile(store, options(events)));
      expect(error.context).toMatchObject({ line: 1, field: 'occurred_at' });
      expect(await store.counts('s1')).toEqual({ orders: 0, packages: 0, events: 0 });
    });

    it('a failed import for a new seller leaves no seller behind', async () => {
      const bad = GOOD_ROWS[2]!.replace('2026-11-01T11:00:00Z', 'yesterday');
      await expectError(importFile(store, options(file('bad.csv', [HEADER, GOOD_ROWS[0], bad].join('\n')), { sellerId: 'newcomer' })));
      expect((await store.listSellers()).map((s) => s.sellerId)).not.toContain('newcomer');
      await importFile(store, options(file('good.csv', [HEADER, ...GOOD_ROWS].join('\n')), { sellerId: 'newcomer' }));
      expect((await store.listSellers()).map((s) => s.sellerId)).toContain('newcomer');
    });

    it('refuses a huge quantity, a NUL and a very long id with the same error on every database', async () => {
      const longId = `112-${'9'.repeat(400)}`;
      for (const [bad, field, says] of [
        [GOOD_ROWS[2]!.replace(',Books,1,', ',Books,1e20,'), 'quantity', 'whole number from 1 to 1,000,000'],
        [GOOD_ROWS[2]!.replace('SKU-3', 'SKU\u00003'), 'sku', 'NUL'],
        [GOOD_ROWS[2]!.replace('112-0000002-0000002', longId), 'order_id', 'more than the 200 allowed'],
        [GOOD_ROWS[2]!.replace(',Books,', `,${'B'.repeat(201)},`), 'category', 'more than the 200 allowed'],
      ] as const) {
        const path = file(`limit-${field}.csv`, [HEADER, GOOD_ROWS[0], bad].join('\n'));
        const error = await expectError(importFile(store, options(path)));
        expect(error).toMatchObject({ code: 'IMPORT_BAD_ROW', context: { file: path, line: 3, field } });
        expect(error.message).toContain(says);
      }
      const events = [
        { carrier: 'UPS', tracking_number: '1Z999AA10123456784', occurred_at: '2026-11-02T09:00:00Z', status: 'in_transit', description: 'a\u0000b' },
        { carrier: 'UPS', tracking_number: 'X'.repeat(201), occurred_at: '2026-11-02T09:00:00Z', status: 'in_transit' },
      ];
      for (const [i, event] of events.entries()) {
        const error = await expectError(importFile(store, options(file(`e${i}.jsonl`, JSON.stringify(event)))));
        expect(error).toMatchObject({ code: 'IMPORT_BAD_ROW', context: { line: 1, field: i === 0 ? 'description' : 'tracking_number' } });
      }
      // What reaches the store by another way (a webhook, a carrier API) meets the same limits there.
      const event = { carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: '1Z999AA10123456784', occurredAt: 1, offsetMinutes: 0, status: 'in_transit' as const,
        code: null, description: 'x\u0000', location: null, source: 'test', eventKey: 'k' };
      await expect(store.insertEvents('s1', [event], 2)).rejects.toMatchObject({ code: 'BAD_REQUEST', context: { field: 'description' } });
      expect(await store.counts('s1')).toEqual({ orders: 0, packages: 0, events: 0 });
    });

    it('a write that fails part-way keeps nothing and stops reading the file', async () => {
      const path = file('s.csv', [HEADER, ...GOOD_ROWS].join('\n'));
      const failing = importFile(store, options(path, {
        batchSize: 1,
        onProgress: ({ rows }) => {
          if (rows === 2) throw new Error('disk full');
        },
      }));
      await expect(failing).rejects.toThrow('disk full');
      expect(await store.counts('s1')).toEqual({ orders: 0, packages: 0, events: 0 });
      // Nothing was recorded either: the same file imports in full afterwards.
      expect(await importFile(store, options(path))).toMatchObject({ rowsImported: 3, alreadyImported: false });
    });

    it('with skipInvalid imports the good rows and reports the rejected ones with reasons', async () => {
      const bad = GOOD_ROWS[2]!.replace(',US,', ',XX,');
      const path = file('mixed.csv', [HEADER, GOOD_ROWS[0], bad, GOOD_ROWS[1]].join('\n'));
      const summary = await importFile(store, options(path, { skipInvalid: true }));
      expect(summary).toMatchObject({ rowsRead: 3, rowsImported: 2, rowsRejected: 1, rejectsFile: `${path}.rejected.csv` });
      const report = readFileSync(`${path}.rejected.csv`, 'utf8').trim().split('\n');
      expect(report[0]).toBe('line,field,reason,row');
      expect(report[1]).toMatch(/^3,marketplace,"?""XX"" is not a marketplace/);
      expect(await store.counts('s1')).toMatchObject({ orders: 1, packages: 1 });
    });

    it('writes a rejects report that a spreadsheet opens with no live formula (issue 18, item 5)', async () => {
      const crafted = GOOD_ROWS[2]!.replace('112-0000002-0000002', '=1+cmd|calc!A0').replace(',US,', ',@SUM(1),').replace('SKU-3', '-2+3');
      const path = file('crafted.csv', [HEADER, GOOD_ROWS[0], crafted].join('\n'));
      const summary = await importFile(store, options(path, { skipInvalid: true }));
      expect(summary).toMatchObject({ rowsImported: 1, rowsRejected: 1 });
      const report = readFileSync(`${path}.rejected.csv`, 'utf8');
      expect(liveFormulas(report)).toEqual([]);
      expect(csvCells(report)[1]![3]).toBe(`'${crafted}`);
    });

    it('imports tracking events idempotently and attaches them to their package whenever it arrives', async () => {
      const events = [
        '{"carrier":"UPS","tracking_number":"1Z999AA10123456784","occurred_at":"2026-11-02T09:00:00-08:00","status":"pre_transit","code":"MP"}',
        '{"carrier":"UPS","tracking_number":"1z999aa1 0123456784","occurred_at":"2026-11-02T18:05:00-08:00","status":"in_transit","code":"AR","event_id":"e2","source":"ups-api"}',
        '{"carrier":"United Parcel Service","tracking_number":"1Z999AA10123456784","occurred_at":"2026-11-05T10:00:00-08:00","status":"delivered","code":"DL"}',
      ];
      const first = await importFile(store, options(file('e.jsonl', events.join('\n'))));
      expect(first).toMatchObject({ format: 'events', rowsImported: 3 });
      await importFile(store, options(file('e2.jsonl', [...events, events[1]].join('\n') + '\n')));
      expect((await store.counts('s1')).events).toBe(3);
      await importFile(store, options(file('s.csv', [HEADER, ...GOOD_ROWS].join('\n'))));
      const [pkg] = await store.packagesByDay('s1', 'US', { from: '2026-11-01', to: '2026-11-30' }, 'promised_delivery');
      expect(pkg).toMatchObject({ firstScanAt: Date.parse('2026-11-03T02:05:00Z'), deliveredAt: Date.parse('2026-11-05T18:00:00Z') });
    });
  });
}

for (const { name, settings } of MAPPINGS) describe(`file formats and errors, ${name}`, () => {
  useMapping(settings);
  let t: TestStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-import-'));
    t = await (await dialectCases())[0]!.fresh();
  });
  afterEach(async () => t.dispose());

  it('reads Amazon\'s All Orders report by header name and its shipping-confirmation flat file', async () => {
    const orders = [
      'amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tis-buyer-requested-cancellation',
      '204-1111111-1111111\t\t2026-11-01T09:00:00+00:00\t2026-11-01T09:10:00+00:00\tShipped\tMerchant\tAmazon.co.uk\tStandard\tA "quoted" toy\tSKU-9\tB000\tShipped\t1\tfalse',
      '204-2222222-2222222\t\t2026-11-01T10:00:00+00:00\t2026-11-01T12:00:00+00:00\tCancelled\tMerchant\tAmazon.co.uk\tStandard\tLamp\tSKU-8\tB001\tCancelled\t1\tfalse',
      '204-3333333-3333333\t\t2026-11-01T10:00:00+00:00\t2026-11-01T12:00:00+00:00\tShipped\tAmazon\tAmazon.co.uk\tStandard\tLamp\tSKU-8\tB001\tShipped\t1\tfalse',
    ];
    const summary = await importFile(t.store, options(file('orders.txt', orders.join('\n'))));
    expect(summary).toMatchObject({ format: 'amazon-orders', rowsImported: 3 });
    const rows = await t.store.ordersByDay('s1', 'UK', 'purchase', { from: '2026-11-01', to: '2026-11-01' });
    expect(rows.map((o) => [o.orderId, o.fulfillmentChannel, o.cancelledBy, o.latestShipDate])).toEqual([
      ['204-1111111-1111111', 'MFN', null, null],
      ['204-2222222-2222222', 'MFN', 'seller', null],
      ['204-3333333-3333333', 'AFN', null, null],
    ]);
    const confirmations = [
      'TemplateType=OrderFulfillment\tVersion=2011.1102',
      'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method',
      '204-1111111-1111111\tSKU-9\t1\t2026-11-02\tRoyal Mail\t\tAB123456785GB\tTracked 48',
    ];
    const confirmed = await importFile(t.store, options(file('conf.txt', confirmations.join('\n')), { context: { zones: DEFAULT_ZONES, defaultMarketplace: 'UK' } }));
    expect(confirmed).toMatchObject({ format: 'amazon-confirmations', rowsImported: 1 });
    const [pkg] = await rawSql(t.store).all<{ tracking_number: string; carrier_code: string; confirm_day: string }>('SELECT tracking_number, carrier_code, confirm_day FROM packages');
    expect(pkg).toEqual({ tracking_number: 'AB123456785GB', carrier_code: 'Royal Mail', confirm_day: '2026-11-02' });
  });

  it('skips the All Orders report\'s Multi-Channel Fulfillment (Non-Amazon) rows with a count, and imports the rest', async () => {
    const orders = [
      'amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity',
      '114-1111111-1111111\t\t2026-11-01T09:00:00+00:00\t2026-11-01T09:10:00+00:00\tShipped\tMerchant\tAmazon.com\tStandard\tToy\tSKU-9\tB000\tShipped\t1',
      'S01-2222222-2222222\tshopify-1001\t2026-11-01T10:00:00+00:00\t2026-11-01T12:00:00+00:00\tShipped\tAmazon\tNon-Amazon\tStandard\tLamp\tSKU-8\tB001\tShipped\t1',
      '114-3333333-3333333\t\t2026-11-01T10:00:00+00:00\t2026-11-01T12:00:00+00:00\tShipped\tMerchant\tAmazon.com\tStandard\tLamp\tSKU-8\tB001\tShipped\t1',
    ];
    const summary = await importFile(t.store, options(file('all-orders.txt', orders.join('\n'))));
    expect(summary).toMatchObject({ format: 'amazon-orders', rowsRead: 3, rowsImported: 2, rowsRejected: 0, skipped: { [MCF_SKIP]: 1 } });
    const rows = await t.store.ordersByDay('s1', 'US', 'purchase', { from: '2026-11-01', to: '2026-11-01' });
    expect(rows.map((o) => o.orderId)).toEqual(['114-1111111-1111111', '114-3333333-3333333']);
  });

  it('takes an All Orders report\'s cancelled item as the item\'s cancellation, and its is-prime (definitions.md v2)', async () => {
    const orders = [
      'amazon-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\tsku\titem-status\tquantity\tis-buyer-requested-cancellation\tis-prime\torder-item-id',
      '204-5555555-5555555\t2026-11-01T09:00:00+00:00\t2026-11-02T09:00:00+00:00\tShipped\tMerchant\tAmazon.co.uk\tSKU-1\tShipped\t1\tfalse\ttrue\tI1',
      '204-5555555-5555555\t2026-11-01T09:00:00+00:00\t2026-11-02T09:00:00+00:00\tShipped\tMerchant\tAmazon.co.uk\tSKU-2\tCancelled\t1\tfalse\ttrue\tI2',
      '204-6666666-6666666\t2026-11-01T09:00:00+00:00\t2026-11-02T09:00:00+00:00\tCancelled\tMerchant\tAmazon.co.uk\tSKU-3\tCancelled\t1\ttrue\tfalse\tI3',
    ];
    await importFile(t.store, options(file('orders-v2.txt', orders.join('\n'))));
    const rows = await t.store.ordersByDay('s1', 'UK', 'purchase', { from: '2026-11-01', to: '2026-11-01' });
    const [partly, whole] = rows;
    expect(partly).toMatchObject({ orderId: '204-5555555-5555555', isPrime: true, cancelledAt: null });
    expect(partly!.items).toEqual([
      { orderItemId: 'I1', cancelledAt: null, cancelledBy: null },
      { orderItemId: 'I2', cancelledAt: Date.parse('2026-11-02T09:00:00Z'), cancelledBy: 'seller' },
    ]);
    expect(whole).toMatchObject({ isPrime: false, cancelledAt: Date.parse('2026-11-02T09:00:00Z'), cancelledBy: 'buyer', items: [{ orderItemId: 'I3', cancelledAt: null }] });
  });

  it('reads gzip files and UTF-16 with a byte-order mark as their text', async () => {
    const csv = [HEADER, ...GOOD_ROWS].join('\n');
    const zipped = await importFile(t.store, options(file('s.csv.gz', gzipSync(csv))));
    expect(zipped).toMatchObject({ format: 'shipments', rowsImported: 3 });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${GOOD_ROWS[0]!.replace('SKU-1', 'SKU-ü')}`, 'utf16le')]);
    expect(await importFile(t.store, options(file('u.csv', utf16)))).toMatchObject({ format: 'shipments', rowsImported: 1 });
    // The second file's first row is the first file's with another SKU: a fourth item of the same order.
    const items = await rawSql(t.store).all<{ sku: string }>('SELECT sku FROM order_items ORDER BY sku');
    expect(items.map((i) => i.sku)).toEqual(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-ü']);
  });

  it('reads a shipments file a spreadsheet saved with semicolons or tabs, quotes and all', async () => {
    // Excel in most of Europe saves "CSV" with semicolons; a field holding one is quoted.
    const semicolons = [HEADER, ...GOOD_ROWS].map((line) => line.replaceAll(',', ';').replace('Toys & Games', '"Toys; Games & More"'));
    expect(await importFile(t.store, options(file('excel.csv', semicolons.join('\r\n'))))).toMatchObject({ format: 'shipments', rowsImported: 3 });
    const categories = await rawSql(t.store).all<{ category: string }>('SELECT DISTINCT category FROM order_items ORDER BY category');
    expect(categories).toEqual([{ category: 'Books' }, { category: 'Toys; Games & More' }]);
    const tabs = [HEADER, GOOD_ROWS[0]!.replace('SKU-1', 'SKU-9')].map((line) => line.replaceAll(',', '\t'));
    expect(await importFile(t.store, options(file('tabs.txt', tabs.join('\n'))))).toMatchObject({ format: 'shipments', rowsImported: 1 });
    expect(await importFile(t.store, options(file('named.txt', tabs.join('\n').replace('SKU-9', 'SKU-8')), { format: 'shipments' })))
      .toMatchObject({ rowsImported: 1 });
    expect((await rawSql(t.store).all('SELECT sku FROM order_items ORDER BY sku')).map((r) => (r as { sku: string }).sku))
      .toEqual(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-8', 'SKU-9']);
  });

  it('names the row and column whose bytes are not UTF-8, and reads them with --encoding', async () => {
    const report = [
      'amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\tsku\tproduct-name\tquantity',
      '302-1111111-1111111\t2026-11-01T09:00:00+00:00\tMerchant\tAmazon.de\tTASSE-1\tTasse\t1',
      '302-2222222-2222222\t2026-11-01T10:00:00+00:00\tMerchant\tAmazon.de\tKÜCHE-2\tKüchenwaage\t1',
    ].join('\n');
    const latin = Buffer.from(report, 'latin1');
    const error = await expectError(importFile(t.store, options(file('de.txt', latin))));
    expect(error.code).toBe('IMPORT_BAD_ROW');
    expect(error.context).toMatchObject({ line: 3, field: 'sku' });
    expect(error.message).toContain('--encoding windows-1252');
    expect((await t.store.counts('s1')).orders).toBe(0);

    const skipped = await importFile(t.store, options(file('de2.txt', latin), { skipInvalid: true }));
    expect(skipped).toMatchObject({ rowsImported: 1, rowsRejected: 1 });
    expect(readFileSync(skipped.rejectsFile!, 'utf8')).toContain('3,sku,"sku holds bytes that are not utf-8 text;');

    const read = await importFile(t.store, options(file('de3.txt', gzipSync(latin)), { encoding: 'windows-1252' }));
    expect(read).toMatchObject({ format: 'amazon-orders', rowsImported: 2, rowsRejected: 0 });
    const skus = await rawSql(t.store).all<{ sku: string }>("SELECT sku FROM order_items WHERE order_id = '302-2222222-2222222'");
    expect(skus).toEqual([{ sku: 'KÜCHE-2' }]);
  });

  it('says when a gzip file is broken or an encoding unknown, and keeps nothing', async () => {
    const whole = gzipSync([HEADER, ...GOOD_ROWS].join('\n'));
    const broken = await expectError(importFile(t.store, options(file('cut.csv.gz', whole.subarray(0, whole.length - 12)), { format: 'shipments' })));
    expect(broken.code).toBe('IMPORT_UNREADABLE');
    expect(broken.context.file).toContain('cut.csv.gz');
    const unknown = await expectError(importFile(t.store, options(file('s.csv', [HEADER, ...GOOD_ROWS].join('\n')), { encoding: 'klingon' })));
    expect(unknown).toMatchObject({ code: 'BAD_REQUEST', context: { field: 'encoding', value: 'klingon' } });
    expect((await t.store.counts('s1')).orders).toBe(0);
  });

  it('reads a stray quote as a character (and says so) and CR-only line ends, losing no row', async () => {
    const rows = [HEADER, GOOD_ROWS[0]!.replace('SKU-1', 'SKU-12"inch'), ...GOOD_ROWS.slice(1)];
    const warnings: string[] = [];
    const stray = await importFile(t.store, options(file('stray.csv', rows.join('\n')), { onWarning: (w) => warnings.push(w) }));
    expect(stray).toMatchObject({ rowsRead: 3, rowsImported: 3 });
    expect(warnings).toEqual([expect.stringMatching(/stray\.csv, line 2, column sku: a quote inside a field that is not quoted is read as a character/)]);
    expect((await rawSql(t.store).all<{ sku: string }>('SELECT sku FROM order_items ORDER BY sku')).map((r) => r.sku)).toEqual(['SKU-12"inch', 'SKU-2', 'SKU-3']);
    const mac = await importFile(t.store, options(file('mac.csv', [HEADER, ...GOOD_ROWS].join('\r').replaceAll('SKU-', 'MAC-'))));
    expect(mac).toMatchObject({ format: 'shipments', rowsRead: 3, rowsImported: 3 });
    expect((await t.store.counts('s1')).orders).toBe(2);
  });

  it('refuses a header naming a column twice, a row with a cell more or less, and a quote that never closes', async () => {
    const twice = await expectError(importFile(t.store, options(file('twice.csv', [`${HEADER},sku`, `${GOOD_ROWS[0]},OTHER`].join('\n')))));
    expect(twice).toMatchObject({ code: 'IMPORT_BAD_HEADER', context: { line: 1, field: 'sku' } });
    expect(twice.message).toContain('names sku twice (columns 6 and 16)');
    const extra = await expectError(importFile(t.store, options(file('extra.csv', [HEADER, GOOD_ROWS[0], `${GOOD_ROWS[1]},surplus`].join('\n')))));
    expect(extra).toMatchObject({ code: 'IMPORT_BAD_ROW', context: { line: 3, field: 'column 16' } });
    expect(extra.message).toContain('the row has 16 cells where the header has 15');
    const cut = await expectError(importFile(t.store, options(file('cut.csv', [HEADER, GOOD_ROWS[0], GOOD_ROWS[1]!.split(',').slice(0, 11).join(',')].join('\n')))));
    expect(cut).toMatchObject({ code: 'IMPORT_BAD_ROW', context: { line: 3, field: 'ship_date' } });
    expect(cut.message).toContain('cut short');
    const open = await expectError(importFile(t.store, options(file('open.csv', [HEADER, GOOD_ROWS[0]!.replace('SKU-1', '"SKU-1'), ...GOOD_ROWS.slice(1)].join('\n')), { skipInvalid: true })));
    expect(open).toMatchObject({ code: 'IMPORT_BAD_ROW', context: { line: 2 } });
    expect(open.message).toContain('never closes');
    expect(await t.store.counts('s1')).toEqual({ orders: 0, packages: 0, events: 0 });
  });

  it('refuses rows that give one order, package or package item other facts, naming both lines; a repeated row is harmless', async () => {
    const again = await importFile(t.store, options(file('again.csv', [HEADER, GOOD_ROWS[0], GOOD_ROWS[0], GOOD_ROWS[1]].join('\n'))));
    expect(again).toMatchObject({ rowsRead: 3, rowsImported: 3 });
    for (const [bad, field, says] of [
      [GOOD_ROWS[1]!.replace('2026-11-01T10:00:00Z', '2026-11-01T11:30:00Z'), 'purchase_date', 'purchaseDate 2026-11-01T11:30:00.000Z here but 2026-11-01T10:00:00.000Z'],
      [GOOD_ROWS[1]!.replace('1Z999AA10123456784', '1Z999AA10123456793'), 'tracking_number', 'trackingNumber "1Z999AA10123456793"'],
      [GOOD_ROWS[0]!.replace(',1,UPS,', ',3,UPS,'), 'quantity', 'quantity 3 here but 1 on line 2'],
    ] as const) {
      const error = await expectError(importFile(t.store, options(file(`conflict-${field}.csv`, [HEADER, GOOD_ROWS[0], bad].join('\n')))));
      expect(error).toMatchObject({ code: 'IMPORT_BAD_ROW', context: { line: 3, field } });
      expect(error.message).toContain(says);
      expect(error.message).toContain('on line 2');
    }
    expect((await t.store.counts('s1')).orders).toBe(1);
  });

  it('refuses a row that contradicts one thousands of lines before it, beyond one batch, naming both lines (issue 18)', async () => {
    // 6,500 other orders between the two rows: they fall in different batches of 5,000.
    const filler = Array.from({ length: 6_500 }, (_, i) => GOOD_ROWS[2]!.replace('112-0000002-0000002', `113-${String(i).padStart(7, '0')}-0000001`));
    const far = (bad: string, name: string) => file(name, [HEADER, GOOD_ROWS[0], ...filler, bad].join('\n'));
    const lastLine = 6_503;
    for (const [bad, field] of [
      [GOOD_ROWS[1]!.replace('2026-11-01T10:00:00Z', '2026-11-01T11:30:00Z'), 'purchase_date'],
      [GOOD_ROWS[1]!.replace('1Z999AA10123456784', '1Z999AA10123456793'), 'tracking_number'],
      [GOOD_ROWS[0]!.replace(',1,UPS,', ',3,UPS,'), 'quantity'],
    ] as const) {
      const error = await expectError(importFile(t.store, options(far(bad, `far-${field}.csv`))));
      expect(error).toMatchObject({ code: 'IMPORT_BAD_ROW', context: { file: expect.stringContaining(`far-${field}.csv`), line: lastLine, field } });
      expect(error.message).toContain('on line 2');
    }
    expect(await t.store.counts('s1')).toEqual({ orders: 0, packages: 0, events: 0 });
    // Agreeing rows far apart, and a row that leaves a fact empty, are one order as before.
    const agreeing = await importFile(t.store, options(far(GOOD_ROWS[1]!.replace(',UPS,', ',,'), 'far-agreeing.csv')));
    expect(agreeing).toMatchObject({ rowsRead: 6_502, rowsImported: 6_502 });
  });

  it('names the missing header column', async () => {
    const error = await expectError(importFile(t.store, options(file('h.csv', 'order_id,sku,category\n1,2,3\n'), { format: 'shipments' })));
    expect(error.code).toBe('IMPORT_BAD_HEADER');
    expect(error.message).toContain('marketplace');
  });

  it('says when it cannot tell the format, and when the file is missing', async () => {
    expect((await expectError(importFile(t.store, options(file('x.txt', 'hello world\n'))))).code).toBe('IMPORT_UNKNOWN_FORMAT');
    expect((await expectError(importFile(t.store, options(join(dir, 'nope.csv'))))).code).toBe('FILE_NOT_FOUND');
  });

  it('warns about unknown columns and names the JSON line that is broken', async () => {
    const warnings: string[] = [];
    await importFile(t.store, options(file('w.csv', `${HEADER},colour\n${GOOD_ROWS[0]},red\n`), { onWarning: (w) => warnings.push(w) }));
    expect(warnings).toEqual([expect.stringContaining('colour')]);
    const error = await expectError(importFile(t.store, options(file('e.jsonl', '{"carrier":"UPS"}\n{oops\n'), { format: 'events' })));
    expect(error.context).toMatchObject({ line: 1, field: 'tracking_number' });
  });
});
