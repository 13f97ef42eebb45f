import { readFileSync, existsSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as vtrguard from './index.js';

describe('the library entry', () => {
  it('validates, imports and measures through the public API alone', async () => {
    expect(vtrguard.validate('1Z999AA10123456784').carrier).toBe('UPS');
    const dir = mkdtempSync(join(tmpdir(), 'vtrguard-lib-'));
    const file = join(dir, 'shipments.csv');
    writeFileSync(file, [
      'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date',
      '112-0000001-0000001,US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-06,SKU-1,Toys,UPS,1Z999AA10123456784,2026-11-02T15:00:00Z',
    ].join('\n'));
    const store = await vtrguard.openStore(join(dir, 'lib.db'));
    const summary = await vtrguard.importFile(store, {
      file, sellerId: 'lib', context: { zones: vtrguard.DEFAULT_ZONES, defaultMarketplace: 'US' }, figures: vtrguard.keptFigures(vtrguard.DEFAULT_METRICS_CONFIG),
    });
    expect(summary.rowsImported).toBe(1);
    const reports = await vtrguard.computeReports(store, 'lib', 'US', {
      config: vtrguard.DEFAULT_METRICS_CONFIG, now: Date.parse('2026-11-10T12:00:00Z'), asOf: '2026-11-09',
    });
    expect(reports.metrics.vtr.overall).toMatchObject({ valid: 0, total: 1, status: 'bad' });
    await store.close();
  });

  it('is what package.json publishes', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      name: string; exports: { '.': { import: string } }; bin: { vtrguard: string };
    };
    expect(pkg.name).toBe('vtrguard');
    // The build compiles src/X.ts to dist/src/X.js.
    expect(pkg.exports['.'].import).toBe('./dist/src/index.js');
    expect(pkg.bin.vtrguard).toBe('dist/src/cli/main.js');
    expect(existsSync(new URL('./cli/main.ts', import.meta.url))).toBe(true);
  });
});
