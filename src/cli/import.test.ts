import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../store/open.js';
import { runCommand } from './cli-harness.js';
import { registerImport } from './import.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vtrguard-cli-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An Amazon.de All Orders report as Seller Central writes it: windows-1252, here gzipped. */
const REPORT = [
  'amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\tsku\tproduct-name\tquantity',
  '302-1111111-1111111\t2026-11-01T09:00:00+00:00\tMerchant\tAmazon.de\tWAAGE-1\tKüchenwaage\t1',
].join('\n');

it('vtrguard import names the column that is not UTF-8, and --encoding reads it', async () => {
  const db = join(dir, 'cli.db');
  const file = join(dir, 'all-orders.txt.gz');
  writeFileSync(file, gzipSync(Buffer.from(REPORT, 'latin1')));
  const refused = await runCommand(registerImport, ['--db', db, 'import', file, '--no-progress']);
  expect(refused.exitCode).not.toBe(0);
  expect(refused.stderr).toContain('line 2, column product-name');
  expect(refused.stderr).toContain('--encoding windows-1252');

  const read = await runCommand(registerImport, ['--db', db, '--json', 'import', file, '--encoding', 'windows-1252', '--no-progress']);
  expect(read.exitCode).toBe(0);
  expect(JSON.parse(read.stdout)).toMatchObject({ format: 'amazon-orders', rowsImported: 1 });
  const store = await openStore(db);
  try {
    expect(await store.counts('default')).toMatchObject({ orders: 1 });
  } finally {
    await store.close();
  }
});
