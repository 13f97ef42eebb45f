import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VtrguardError } from '../core/errors.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import { freshSqliteStore } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { importFiles } from './import.js';
import type { ImportRequest, ImportServices } from './import.js';
import { readMetrics } from './metrics.js';

const HEADER = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,quantity,carrier_code,carrier_name,tracking_number,ship_date,confirmed_at,cancelled_at,cancelled_by';
const ROW_1 = '112-0000001-0000001,US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-06,SKU-1,Toys & Games,1,UPS,,1Z999AA10123456784,2026-11-02T15:00:00Z,2026-11-02T16:00:00Z,,';
const ROW_2 = '112-0000002-0000002,US,2026-11-01T11:00:00Z,2026-11-03T07:59:59Z,2026-11-07,SKU-3,Books,1,UPS,,1Z999AA10123456793,2026-11-02T15:00:00Z,2026-11-02T16:00:00Z,,';
const NOW = Date.parse('2026-11-10T12:00:00Z');

let t: TestStore;
let dir: string;
beforeEach(async () => {
  t = await freshSqliteStore();
  dir = mkdtempSync(join(tmpdir(), 'vtrguard-app-import-'));
});
afterEach(async () => {
  await t.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function services(overrides: Partial<ImportServices> = {}): ImportServices & { alertErrors: unknown[]; evaluatedAt: number[] } {
  const alertErrors: unknown[] = [];
  const evaluatedAt: number[] = [];
  return {
    store: t.store,
    sellerId: 's1',
    metricsConfig: DEFAULT_METRICS_CONFIG,
    now: () => NOW,
    evaluateAlerts: async (now) => {
      evaluatedAt.push(now);
      return { changes: ['one', 'two'] };
    },
    onAlertError: (error) => alertErrors.push(error),
    ...overrides,
    alertErrors,
    evaluatedAt,
  };
}

const request = (source: ImportRequest['source']): ImportRequest => ({ source, marketplace: 'US', encoding: 'auto', skipInvalid: false });

describe('importFiles', () => {
  it('imports each file in order, keeps the metrics current, then evaluates the alerts once', async () => {
    const s = services();
    const seen: string[] = [];
    const outcome = await importFiles(s, [
      request({ path: file('a.csv', [HEADER, ROW_1]) }),
      request({ stream: Readable.from([`${HEADER}\n${ROW_2}\n`]), name: 'stdin' }),
    ], (summary) => { seen.push(`${summary.file}:${summary.rowsImported}`); });
    expect(seen).toEqual([`${join(dir, 'a.csv')}:1`, 'stdin:1']);
    expect(outcome.summaries.map((x) => x.format)).toEqual(['shipments', 'shipments']);
    expect(outcome.alertChanges).toBe(2);
    expect(s.evaluatedAt).toEqual([NOW]);
    // The rollups were brought up to date in the imports' transactions: the metrics see both packages.
    const [report] = await readMetrics(t.store, 's1', 'US', { config: DEFAULT_METRICS_CONFIG, now: NOW, asOf: '2026-11-10' });
    expect(report!.source).toBe('rollups');
    expect(report!.lsr.d30.total).toBe(2);
  });

  it('reports a failing alert evaluation and still returns the committed imports', async () => {
    const failure = new Error('smtp down');
    const s = services({ evaluateAlerts: () => Promise.reject(failure) });
    const outcome = await importFiles(s, [request({ path: file('a.csv', [HEADER, ROW_1]) })]);
    expect(outcome).toMatchObject({ alertChanges: 0, summaries: [{ rowsImported: 1 }] });
    expect(s.alertErrors).toEqual([failure]);
  });

  it('stops at the first bad file with its error, keeping the files before it and evaluating no alerts', async () => {
    const s = services();
    const run = importFiles(s, [
      request({ path: file('a.csv', [HEADER, ROW_1]) }),
      request({ stream: Readable.from([`${HEADER}\n${ROW_2.replace('2026-11-01T11:00:00Z', 'yesterday')}\n`]), name: 'upload.csv' }),
    ]);
    await expect(run).rejects.toBeInstanceOf(VtrguardError);
    await expect(run).rejects.toMatchObject({ code: 'IMPORT_BAD_ROW', context: { file: 'upload.csv' } });
    expect(s.evaluatedAt).toEqual([]);
    expect((await t.store.counts('s1')).orders).toBe(1);
  });
});
