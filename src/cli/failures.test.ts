import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL, dialectCases } from '../store/testing.js';
import { BUILT_CLI as MAIN, runBuiltCli as vtrguard, runCommand, type BuiltCliRun as Run } from './cli-harness.js';
import { action } from './context.js';

/** One line on standard error, without a stack frame, and a non-zero exit. */
function expectOneLineFailure(run: Run, says: string | RegExp): void {
  expect(run.code, run.stderr).not.toBe(0);
  const lines = run.stderr.trim().split('\n').filter((line) => !line.startsWith('(run with --help'));
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(says);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

const HEADER = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date';

describe.skipIf(!existsSync(MAIN))('CLI failures: one clear line and a non-zero exit, never a stack', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-cli-fail-'));
    db = join(dir, 'cli.db');
    // 3,000 packages without a carrier scan: `watch` prints far more than a pipe holds.
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const n = String(i).padStart(7, '0');
      return `112-${n}-${n},US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-06,SKU-${i},Books,UPS,1Z999AA1${String(i).padStart(8, '0')}X,2026-11-02T15:00:00Z`;
    });
    writeFileSync(join(dir, 'many.csv'), [HEADER, ...rows].join('\n'));
    const imported = await vtrguard(['--db', db, 'import', join(dir, 'many.csv'), '--no-progress']);
    expect(imported.code, imported.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops quietly when the reader of its output goes away (watch | head, alerts list | head)', async () => {
    const watch = await vtrguard(['--db', db, 'watch', '--limit', '5000'], true);
    expect(watch.stderr).toBe('');
    expect(watch.code).toBe(0);
    expect(watch.stdout.length).toBeGreaterThan(0);
    await vtrguard(['--db', db, 'alerts', 'evaluate']);
    const alerts = await vtrguard(['--db', db, 'alerts', 'list', '--all'], true);
    expect(alerts.stderr).toBe('');
    expect(alerts.code).toBe(0);
  });

  it('validates numeric options', async () => {
    expectOneLineFailure(await vtrguard(['--db', db, 'watch', '--limit', '0']), /--limit.*'0' is invalid\. wants a whole number from 1 to 100000/);
    expectOneLineFailure(await vtrguard(['--db', db, 'watch', '--hours', 'abc']), /--hours.*'abc' is invalid\. wants a number above 0/);
    expectOneLineFailure(await vtrguard(['--db', db, 'alerts', 'rules', 'set', 'no_first_scan', '--param', 'hours=abc']), /'hours=abc' is invalid\. wants name=number/);
    expectOneLineFailure(await vtrguard(['--db', db, 'serve', '--port', '70000']), /--port.*'70000' is invalid/);
  });

  it('says a directory is not a file, an impossible or future as-of is an error', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expectOneLineFailure(await vtrguard(['--db', db, 'import', folder, '--no-progress']), /FILE_NOT_FOUND: .*folder: is a directory/);
    expectOneLineFailure(await vtrguard(['--db', db, 'metrics', '--marketplace', 'US', '--as-of', '2026-02-30']), /BAD_REQUEST: .*as-of must be a date YYYY-MM-DD, got "2026-02-30"/);
    expectOneLineFailure(await vtrguard(['--db', db, 'metrics', '--marketplace', 'US', '--as-of', '2999-01-01']), /BAD_REQUEST: .*as-of 2999-01-01 is in the future/);
  });

  describe('with a port taken', () => {
    let taken: Server;
    let port = 0;
    beforeAll(async () => {
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      port = (taken.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

    it('says the port is in use', async () => {
      const run = await vtrguard(['--db', db, 'serve', '--port', String(port), '--host', '127.0.0.1', '--no-track']);
      expectOneLineFailure(run, new RegExp(`CONFIG_INVALID: cannot listen on 127.0.0.1 port ${port}: it is in use`));
    });
  });

  it('says what PostgreSQL refused, in one line', async () => {
    const postgres = (await dialectCases()).find((d) => d.name === 'postgres');
    if (!postgres?.available) return;
    const missing = new URL(TEST_PG_URL);
    missing.pathname = '/vtrguard_no_such_database';
    expectOneLineFailure(await vtrguard(['--db', missing.toString(), 'metrics']), /DB_UNREACHABLE: /);
  });
});

it('prints a driver error it does not know (or a bug) as one line with its code, without the stack', async () => {
  const failing = (program: Command): void => {
    program.command('fail').action(action(async () => {
      throw Object.assign(new Error('value "100000000000000000000" is out of range for type integer\nDETAIL: more'), { code: '22003' });
    }));
  };
  const run = await runCommand(failing, ['fail']);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toBe('error 22003: value "100000000000000000000" is out of range for type integer\n');
});
