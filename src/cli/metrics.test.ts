import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../core/time.js';
import { BUILT_CLI, runBuiltCli } from './cli-harness.js';

/**
 * `vtrguard metrics` as a seller runs it (the built CLI, its own process) on a SQLite store seeded through
 * `vtrguard import`: the Seller Fulfilled Prime table where there are Prime orders, and the `amazon` view beside
 * the `live` one (definitions.md v2).
 */
const AS_OF = '2026-11-30';

const SHIPMENTS = [
  'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date,is_prime,cancelled_at,cancelled_by',
  // Prime, promised in the live window only, first scan before the ship-by: on time.
  'P1,US,2026-11-20T18:00:00Z,2026-11-22T07:59:59Z,2026-11-25,S1,Toys,UPS,1Z5R89390357567127,2026-11-21T18:00:00Z,true,,',
  // Prime, promised in both windows, confirmed in time but first scanned after the ship-by: late for SFP only.
  'P2,US,2026-11-06T18:00:00Z,2026-11-08T07:59:59Z,2026-11-12,S2,Toys,UPS,1Z879E930346834440,2026-11-07T18:00:00Z,true,,',
  // Prime, cancelled whole by the seller before any confirmation: in SFP's cancel rate, not in its shipment rate.
  'P3,US,2026-11-28T18:00:00Z,2026-11-30T07:59:59Z,2026-12-03,S3,Toys,,,,true,2026-11-28T20:00:00Z,seller',
  // Not Prime, promised in the amazon view's window only, never scanned: its VTR defect.
  'N1,US,2026-10-20T18:00:00Z,2026-10-22T07:59:59Z,2026-10-25,S4,Books,UPS,1Z410E7W0392751591,2026-10-21T18:00:00Z,,,',
  // Not Prime, promised in both windows, valid.
  'N2,US,2026-11-06T18:00:00Z,2026-11-08T07:59:59Z,2026-11-12,S5,Books,UPS,1Z8V92A70367203024,2026-11-07T18:00:00Z,,,',
  // A marketplace without Prime orders: no SFP table.
  'U1,UK,2026-11-20T10:00:00Z,2026-11-21T23:59:59Z,2026-11-25,S6,Books,UPS,1Z999AA10123456784,2026-11-21T10:00:00Z,,,',
].join('\n');

const scan = (number: string, at: string, status: string) =>
  JSON.stringify({ carrier: 'UPS', tracking_number: number, occurred_at: at, status, source: 'test', event_id: `${number}-${status}` });

const EVENTS = [
  scan('1Z5R89390357567127', '2026-11-21T22:00:00Z', 'in_transit'),
  scan('1Z5R89390357567127', '2026-11-24T20:00:00Z', 'delivered'),
  scan('1Z879E930346834440', '2026-11-08T12:00:00Z', 'in_transit'),
  scan('1Z879E930346834440', '2026-11-11T20:00:00Z', 'delivered'),
  scan('1Z8V92A70367203024', '2026-11-07T22:00:00Z', 'in_transit'),
  scan('1Z8V92A70367203024', '2026-11-11T20:00:00Z', 'delivered'),
  scan('1Z999AA10123456784', '2026-11-21T12:00:00Z', 'in_transit'),
].join('\n');

/** The cells of the table row that starts with `label`, split on the two-space column gaps. */
function row(text: string, label: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(label));
  expect(line, `no row "${label}" in:\n${text}`).toBeDefined();
  return (line as string).split(/ {2,}/).map((cell) => cell.trim());
}

/** Every date of the fixture moved by `days` (so that its as-of can be today). */
function shifted(text: string, days: number): string {
  return days === 0 ? text : text.replace(/\d{4}-\d{2}-\d{2}/g, (day) => addDays(day, days));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A new SQLite store seeded through `vtrguard import`, every date moved by `days`. */
async function seededStore(dir: string, days: number): Promise<string> {
  const db = join(dir, `seller${days}.db`);
  writeFileSync(join(dir, `shipments${days}.csv`), shifted(SHIPMENTS, days));
  writeFileSync(join(dir, `events${days}.jsonl`), shifted(EVENTS, days));
  for (const file of [`shipments${days}.csv`, `events${days}.jsonl`]) {
    const run = await runBuiltCli(['--db', db, 'import', join(dir, file), '--no-progress']);
    expect(run.code, run.stderr).toBe(0);
  }
  return db;
}

async function printed(db: string, args: readonly string[]): Promise<string> {
  const run = await runBuiltCli(['--db', db, 'metrics', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

describe.skipIf(!existsSync(BUILT_CLI))('vtrguard metrics', () => {
  let dir: string;
  let db: string;
  const metrics = (...args: string[]) => printed(db, ['--as-of', AS_OF, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-metrics-cli-'));
    db = await seededStore(dir, 0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the Seller Fulfilled Prime table for a marketplace with Prime orders', async () => {
    const text = await metrics('--marketplace', 'US');
    expect(text).toContain('Seller Fulfilled Prime');
    // P1 on time, P2 scanned after its ship-by; P3 cancelled before confirmation is out.
    expect(row(text, 'on-time shipment')).toEqual(['on-time shipment', '2026-11-01 … 2026-11-30', '1', '2', '50.00% bad', '≥ 99.00%']);
    expect(row(text, 'cancel rate')).toEqual(['cancel rate', '2026-11-24 … 2026-11-30', '1', '1', '100.00% bad', '≤ 0.50%']);
    // US OTDR counts units: P2's one unit, delivered before its promise.
    expect(row(text, 'OTDR  ')).toEqual(['OTDR', '2026-11-10 … 2026-11-23', '1', '1', '100.00% good', '≥ 97.00%']);
    // Prime packages' VTR, in VTR's window: P1 and P2, both scanned.
    expect(row(text, 'VTR  ')).toEqual(['VTR', '2026-11-01 … 2026-11-30', '2', '2', '100.00% good', '≥ 99.00%']);
  });

  it('prints no SFP table where there is no Prime order', async () => {
    const text = await metrics('--marketplace', 'UK');
    expect(text).toContain('UK as of 2026-11-30');
    expect(text).not.toContain('Seller Fulfilled Prime');
    expect(text).not.toContain('on-time shipment');
  });

  it('shows the live view by default: the VTR window ends on as-of', async () => {
    const text = await metrics('--marketplace', 'US');
    expect(text).not.toContain('amazon view');
    expect(text).toContain('VTR 2026-11-01 … 2026-11-30, target ≥ 95.00%');
    expect(row(text, 'overall')).toEqual(['overall', '3', '3', '100.00% good']);
    expect(row(text, 'last 7 days')).toEqual(['last 7 days (2026-11-24 …)', '1', '1', '100.00% good']);
    expect(text).toEqual(await metrics('--marketplace', 'US', '--view', 'live'));
  });

  it('shows with --view amazon the figure Seller Central shows today: VTR 14 days behind', async () => {
    const text = await metrics('--marketplace', 'US', '--view', 'amazon');
    expect(text).toContain('amazon view');
    expect(text).toContain('VTR 2026-10-18 … 2026-11-16, target ≥ 95.00%');
    // N1's missing scan is in this window; P1, promised after it, is not.
    expect(row(text, 'overall')).toEqual(['overall', '2', '3', '66.67% bad']);
    expect(row(text, 'last 7 days')).toEqual(['last 7 days (2026-11-10 …)', '2', '2', '100.00% good']);
    expect(row(text, 'Books')).toEqual(['Books', '1', '2', '50.00% bad', '18']);
    // Only VTR lags: LSR, CR, OTDR and SFP's other lines read the same windows in both views.
    const live = await metrics('--marketplace', 'US');
    for (const label of ['LSR 10d', 'LSR 30d', 'CR  ', 'OTDR (units)', 'on-time shipment', 'cancel rate']) {
      expect(row(text, label)).toEqual(row(live, label));
    }
    // Prime VTR lags with VTR: P2 only.
    expect(row(text, 'VTR  ')).toEqual(['VTR', '2026-10-18 … 2026-11-16', '1', '1', '100.00% good', '≥ 99.00%']);
  });

  it('says the view in its JSON', async () => {
    const amazon = JSON.parse(await metrics('--marketplace', 'US', '--view', 'amazon', '--json')) as { view: string; vtr: { window: unknown; lagDays: number } };
    expect(amazon.view).toBe('amazon');
    expect(amazon.vtr.lagDays).toBe(14);
    expect(amazon.vtr.window).toEqual({ from: '2026-10-18', to: '2026-11-16' });
    const live = JSON.parse(await metrics('--marketplace', 'US', '--json')) as { view: string; vtr: { lagDays: number } };
    expect(live.view).toBe('live');
    expect(live.vtr.lagDays).toBe(0);
  });

  it('refuses an unknown view, naming the ones there are', async () => {
    const run = await runBuiltCli(['--db', db, 'metrics', '--as-of', AS_OF, '--view', 'seller-central']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('view must be one of live, amazon, got "seller-central"');
  });
});

describe.skipIf(!existsSync(BUILT_CLI))('vtrguard metrics for today', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-metrics-today-'));
    db = await seededStore(dir, daysBetween(AS_OF, localDay(Date.now(), 'America/Los_Angeles')));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints from the kept figures what a recount of the rows prints, in both views', async () => {
    for (const view of ['live', 'amazon']) {
      const kept = await printed(db, ['--marketplace', 'US', '--view', view]);
      expect(kept).toContain('(from rollups');
      expect(kept).toContain('Seller Fulfilled Prime');
      const recounted = await printed(db, ['--marketplace', 'US', '--view', view, '--recompute']);
      expect(kept.replace('(from rollups', '(from raw')).toEqual(recounted);
    }
  });
});
