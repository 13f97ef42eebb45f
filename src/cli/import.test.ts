import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
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

it('vtrguard import - reads standard input, and writes its rejects beside the command, named stdin', async () => {
  const db = join(dir, 'cli.db');
  const header = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date';
  const good = '112-1234567-1234567,US,2026-11-15T10:00:00Z,2026-11-17T07:59:59Z,2026-11-19,SKU-1,Toys & Games,UPS,1Z999AA10123456784,2026-11-16T18:00:00Z';
  const bad = good.replace('112-1234567-1234567', '112-7654321-7654321').replace('2026-11-15T10:00:00Z', 'last tuesday');
  vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([`${header}\n${good}\n`, `${bad}\n`]) as typeof process.stdin);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const run = await runCommand(registerImport, ['--db', db, '--json', 'import', '-', '--skip-invalid', '--no-progress']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ file: 'stdin', format: 'shipments', rowsImported: 1, rowsRejected: 1, rejectsFile: 'stdin.rejected.csv' });
    expect(readFileSync(join(dir, 'stdin.rejected.csv'), 'utf8')).toContain('last tuesday');
  } finally {
    process.chdir(cwd);
    vi.restoreAllMocks();
  }
});

it('vtrguard import says the database is busy, not that vtrguard broke, when another process holds the write lock', async () => {
  const db = join(dir, 'cli.db');
  const file = join(dir, 'all-orders.txt');
  writeFileSync(file, REPORT);
  await (await openStore(db)).close();
  const other = new Database(db);
  other.exec('BEGIN IMMEDIATE');
  vi.stubEnv('VTRGUARD_DB_WAIT_SECONDS', '1');
  try {
    const busy = await runCommand(registerImport, ['--db', db, 'import', file, '--no-progress']);
    expect(busy.exitCode).toBe(1);
    expect(busy.stderr).toBe(
      'error DB_BUSY: The database is busy with another write (an import, or another vtrguard process writing) (waited 1 s for it to '
      + 'finish); nothing was changed — retry shortly.\n',
    );
  } finally {
    vi.unstubAllEnvs();
    other.exec('ROLLBACK');
    other.close();
  }
}, 15_000);

it('vtrguard import waits for another writer without holding its own process still, then imports (issue 18 item 14)', async () => {
  const db = join(dir, 'cli.db');
  const file = join(dir, 'all-orders.txt');
  writeFileSync(file, REPORT);
  await (await openStore(db)).close();
  // The other writer is in this very process and lets go from a timer: SQLite's synchronous busy wait would hold
  // the event loop, the timer could never fire, and the import would give up.
  const other = new Database(db);
  other.exec('BEGIN IMMEDIATE');
  let released = false;
  setTimeout(() => {
    other.exec('COMMIT');
    other.close();
    released = true;
  }, 300);
  const run = await runCommand(registerImport, ['--db', db, '--json', 'import', file, '--no-progress']);
  expect(released).toBe(true);
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ rowsImported: 1 });
}, 15_000);
