import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VtrguardError } from '../core/errors.js';
import { DEFAULT_ZONES } from '../core/time.js';
import { freshSqliteStore, rawSql } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { parsePerformanceReport } from './amazon-performance-report.js';
import { importFile } from './import.js';
import type { ImportFormat } from './map-context.js';

/**
 * Random bytes and mutated valid files, fed to every importer. Each import either fails with a VtrguardError and
 * keeps nothing, or imports every row it read — and every line that starts like a row of the file is in the
 * store (rows are never swallowed). A fixed seed keeps the runs the same from one test run to the next.
 */
const SEED = 18_2026;
const RUNS = 60;

const ORDER_ID = /^(\d{3}-\d{7}-\d{7})[,;\t]/gm;

const VALID: Readonly<Record<Exclude<ImportFormat, 'events'> | 'events', string>> = {
  shipments: [
    'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,quantity,carrier_code,tracking_number,ship_date',
    '112-0000001-0000001,US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-06,SKU-1,"Toys, Games",1,UPS,1Z999AA10123456784,2026-11-02T15:00:00Z',
    '112-0000001-0000001,US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-06,SKU-2,Books,2,UPS,1Z999AA10123456784,2026-11-02T15:00:00Z',
    '112-0000002-0000002,US,2026-11-01T11:00:00Z,2026-11-03T07:59:59Z,2026-11-07,SKU-3,Books,1,USPS,9400111899223197428490,2026-11-02T15:00:00Z',
  ].join('\n'),
  events: [
    '{"carrier":"UPS","tracking_number":"1Z999AA10123456784","occurred_at":"2026-11-02T09:00:00-08:00","status":"in_transit","code":"AR"}',
    '{"carrier":"UPS","tracking_number":"1Z999AA10123456784","occurred_at":"2026-11-05T10:00:00-08:00","status":"delivered","event_id":"e2","source":"ups-api"}',
  ].join('\n'),
  'amazon-orders': [
    'amazon-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\tsku\tquantity',
    '204-1111111-1111111\t2026-11-01T09:00:00+00:00\t2026-11-01T09:10:00+00:00\tShipped\tMerchant\tAmazon.co.uk\tSKU-9\t1',
    '204-2222222-2222222\t2026-11-01T10:00:00+00:00\t2026-11-01T12:00:00+00:00\tCancelled\tMerchant\tAmazon.co.uk\tSKU-8\t1',
  ].join('\n'),
  'amazon-confirmations': [
    'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method',
    '204-1111111-1111111\tSKU-9\t1\t2026-11-02\tRoyal Mail\t\tAB123456785GB\tTracked 48',
    '204-2222222-2222222\tSKU-8\t1\t2026-11-02T10:00:00Z\tUPS\t\t1Z999AA10123456784\tGround',
  ].join('\n'),
};

/** A valid file changed the ways files break: bytes flipped, inserted or cut, lines doubled, dropped or swapped. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('"', '\r', '\n', '\t', ',', '\u0000', '""', '\uFFFD', 'é', '1e20', '\r\n', '"x"y') }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('line' as const), at: fc.nat(), how: fc.constantFrom('double', 'drop', 'swap') }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(valid: string, changes: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(valid);
  for (const change of changes) {
    const at = change.at % (bytes.length + 1);
    if (change.kind === 'flip' && bytes.length > 0) bytes[at % bytes.length] = change.byte;
    else if (change.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(change.text), bytes.subarray(at)]);
    else if (change.kind === 'cut') bytes = bytes.subarray(0, at);
    else if (change.kind === 'line') {
      const lines = bytes.toString('latin1').split('\n');
      const i = 1 + (at % Math.max(1, lines.length - 1));
      if (i >= lines.length) continue;
      if (change.how === 'double') lines.splice(i, 0, lines[i]!);
      else if (change.how === 'drop') lines.splice(i, 1);
      else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      bytes = Buffer.from(lines.join('\n'), 'latin1');
    }
  }
  return bytes;
}

describe('fuzzing the importers', () => {
  let t: TestStore;
  let dir: string;
  let files = 0;
  beforeAll(async () => {
    t = await freshSqliteStore();
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-fuzz-'));
  });
  afterAll(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Imports the bytes and checks the outcome: an expected error that kept nothing, or a whole import. */
  async function importChecked(format: ImportFormat, bytes: Buffer, named: boolean): Promise<void> {
    const path = join(dir, `f${files++}`);
    writeFileSync(path, bytes);
    const store = t.store;
    const sellerId = `fuzz-${files}`;
    const options = { file: path, sellerId, context: { zones: DEFAULT_ZONES, defaultMarketplace: 'UK' as const }, mapping: 'inline' as const };
    let summary;
    try {
      summary = await importFile(store, named ? { ...options, format } : options);
    } catch (error) {
      if (!(error instanceof VtrguardError)) throw new Error(`${format}: not a clear error: ${String(error)}\n${bytes.toString('latin1')}`);
      expect(error.message.length).toBeGreaterThan(0);
      expect(await store.counts(sellerId), error.message).toEqual({ orders: 0, packages: 0, events: 0 });
      expect((await store.listSellers()).some((s) => s.sellerId === sellerId)).toBe(false);
      return;
    }
    expect(summary.rowsRejected).toBe(0);
    expect(summary.rowsImported).toBe(summary.rowsRead);
    const text = bytes.toString('utf8');
    if (summary.format === 'events') {
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      expect(summary.rowsRead).toBeGreaterThanOrEqual(lines.length);
      expect((await store.counts(sellerId)).events).toBeGreaterThan(0);
      return;
    }
    // Every line that starts with an order id and a delimiter was read as a row and is in the store.
    const ids = new Set([...text.replaceAll('\r', '\n').matchAll(ORDER_ID)].map((m) => m[1]!));
    const table = summary.format === 'amazon-confirmations' ? 'packages' : 'orders';
    const stored = new Set((await rawSql(store).all<{ order_id: string }>(`SELECT order_id FROM ${table} WHERE seller_id = ?`, [sellerId])).map((r) => r.order_id));
    for (const id of ids) expect(stored.has(id), `${id} of\n${text}`).toBe(true);
  }

  for (const format of Object.keys(VALID) as ImportFormat[]) {
    it(`${format}: a mutated valid file is imported whole or refused clearly`, async () => {
      await importChecked(format, Buffer.from(VALID[format]), true);
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), async (changes, named) => {
          await importChecked(format, mutate(VALID[format], changes), named);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });

    it(`${format}: random bytes after a valid header are refused clearly or imported whole`, async () => {
      const header = VALID[format].split('\n', 1)[0]!;
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (noise) => {
          await importChecked(format, Buffer.concat([Buffer.from(`${header}\n`), noise]), true);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  it('random bytes without a header are refused clearly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (noise) => {
        await importChecked('shipments', Buffer.from(noise), false);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('the performance report: mutated and random documents give a report or a clear error, never NaN', async () => {
    const valid = JSON.stringify({
      accountStatuses: [{ marketplaceId: 'ATVPDKIKX0DER', status: 'NORMAL' }],
      performanceMetrics: [{
        marketplaceId: 'ATVPDKIKX0DER',
        validTrackingRate: { reportingDateRange: { reportingDateFrom: '2026-10-11T00:00Z', reportingDateTo: '2026-11-09T23:59Z' }, shipmentCount: 200, validTrackingCount: 190, rate: 0.95 },
        lateShipmentRateList: [{ orderCount: 70, lateShipmentCount: 1, rate: 0.0143 }],
      }],
    });
    const parse = (input: unknown): void => {
      try {
        const report = parsePerformanceReport(input);
        for (const m of report.marketplaces) {
          for (const f of m.figures) for (const v of [f.total, f.hits, f.rate, f.target]) expect(v === null || Number.isFinite(v)).toBe(true);
        }
      } catch (error) {
        if (!(error instanceof VtrguardError)) throw error;
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (changes) => {
        let input: unknown;
        try {
          input = JSON.parse(mutate(valid, changes).toString('utf8'));
        } catch {
          return; // Not JSON: the CLI and the API refuse it before the parser sees it.
        }
        parse(input);
      }),
      { seed: SEED, numRuns: 200 },
    );
    fc.assert(fc.property(fc.anything(), fc.anything(), (a, b) => {
      parse(a);
      parse({ performanceMetrics: [{ marketplaceId: 'ATVPDKIKX0DER', validTrackingRate: a, lateShipmentRateList: b }] });
    }), { seed: SEED, numRuns: 200 });
  });
});
