import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCarrier } from '../../src/carriers/registry.js';
import { sampleNumber, seededRandom } from '../../src/carriers/family-samples.js';
import { openStore } from '../../src/store/open.js';
import { postgresAvailable, TEST_PG_URL } from '../../src/store/testing.js';
import { SIGNERS } from '../mock-carriers/webhook-senders.js';
import pg from 'pg';

/**
 * Scale-out on PostgreSQL (issue 16): two `vtrguard serve` processes and an importer write to one database at
 * the same time — carrier scans by webhook to both servers, a shipments file and its events by the CLI. Every
 * acknowledged scan must be stored once, and the kept figures must equal a recount from raw rows: a lost update
 * or a deadlock in applying the writes' deltas shows as a difference (or as a failed request / import).
 * Only public surfaces are used: the CLI, HTTP, and the metrics JSON.
 */
const CLI = join(process.cwd(), 'dist/src/cli/main.js');
const SECRET = 'many-writers-secret';
const DAY = 86_400_000;
const PER_FILE = 600;

interface Shipment {
  orderId: string;
  trackingNumber: string;
}

function shipmentsCsv(shipments: readonly Shipment[], now: number): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const lines = ['order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date'];
  shipments.forEach((s, i) => {
    const category = ['Toys', 'Books', 'Kitchen'][i % 3];
    lines.push([s.orderId, 'US', iso(now - 6 * DAY), iso(now - 4 * DAY), iso(now - 1 * DAY).slice(0, 10), `SKU-${i}`, category, 'UPS',
      s.trackingNumber, iso(now - 5 * DAY)].join(','));
  });
  return `${lines.join('\n')}\n`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/v1/health`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} never answered /v1/health`);
}

function scanBody(trackingNumber: string, tag: 'InTransit' | 'Delivered', time: string): string {
  return JSON.stringify({
    event: 'tracking_update', event_id: `evt-${trackingNumber}-${tag}`, ts: 1,
    msg: { tracking_number: trackingNumber, slug: 'ups', checkpoints: [{ checkpoint_time: time, tag, subtag: `${tag}_001`, message: tag, city: 'Louisville' }] },
  });
}

/** Posts every body, `concurrency` at a time; a 503 (busy) is retried as a sender would. Returns the final statuses. */
async function deliverAll(targets: readonly string[], bodies: readonly string[], concurrency: number): Promise<number[]> {
  const statuses: number[] = new Array<number>(bodies.length);
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      const body = bodies[i]!;
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(`${targets[i % targets.length]}/v1/webhooks/aftership?seller=default`, {
          method: 'POST', body, headers: { 'content-type': 'application/json', ...SIGNERS.aftership(body, SECRET) },
        });
        await response.arrayBuffer();
        if (response.status !== 503 || attempt >= 50) { statuses[i] = response.status; break; }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

interface MetricsJson { source?: string; vtr: { overall: { valid: number; total: number } } }

const available = await postgresAvailable();

describe.skipIf(!available)('many writers on one PostgreSQL database', () => {
  const schema = `vtrguard_mw_${process.pid}_${Date.now().toString(36)}`;
  const url = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let dir: string;
  const servers: ReturnType<typeof spawn>[] = [];
  const env = { ...process.env, VTRGUARD_DB: url, VTRGUARD_WEBHOOK_SECRET_AFTERSHIP: SECRET, VTRGUARD_SELLER: 'default' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-mw-'));
    const store = await openStore(TEST_PG_URL, { schema });
    await store.close();
  });
  afterAll(async () => {
    for (const server of servers) server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('two servers and an importer at once: every acknowledged scan counted once, kept figures equal a recount', async () => {
    const now = Date.now();
    const ups = getCarrier('ups')!.families.find((f) => f.id === 'ups-1z')!;
    const random = seededRandom(16);
    const numbers = new Set<string>();
    while (numbers.size < 2 * PER_FILE) numbers.add(sampleNumber(ups, random));
    const all = [...numbers].map((trackingNumber, i) => ({ orderId: `111-${String(i).padStart(7, '0')}-0000001`, trackingNumber }));
    const first = all.slice(0, PER_FILE);
    const second = all.slice(PER_FILE);
    writeFileSync(join(dir, 'first.csv'), shipmentsCsv(first, now));
    writeFileSync(join(dir, 'second.csv'), shipmentsCsv(second, now));
    const scanAt = (ms: number) => new Date(ms).toISOString().replace('Z', '-05:00');
    // The second file's packages get their scans from an events file, imported beside the webhooks.
    writeFileSync(join(dir, 'second-events.jsonl'), second.map((s, i) => JSON.stringify({
      carrier: 'UPS', tracking_number: s.trackingNumber, occurred_at: scanAt(now - 4 * DAY + i * 1000), status: 'in_transit', event_id: `e-${i}`, source: 'file',
    })).join('\n') + '\n');

    const seeded = await run(['import', join(dir, 'first.csv')], env);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);

    const bases: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', '127.0.0.1'], { env, stdio: 'ignore' });
      servers.push(child);
      bases.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(bases.map(waitForHealth));

    // Two thirds of the first file's packages get a first scan, a third of those also a delivery.
    const bodies: string[] = [];
    first.forEach((s, i) => {
      if (i % 3 === 2) return;
      bodies.push(scanBody(s.trackingNumber, 'InTransit', scanAt(now - 4 * DAY + i * 1000)));
      if (i % 3 === 0) bodies.push(scanBody(s.trackingNumber, 'Delivered', scanAt(now - 2 * DAY + i * 1000)));
    });
    // Senders retry: a tenth of the deliveries arrive twice, at the other server.
    bodies.push(...bodies.filter((_, i) => i % 10 === 0));
    const [statuses, imported] = await Promise.all([
      deliverAll(bases, bodies, 8),
      run(['import', join(dir, 'second.csv'), join(dir, 'second-events.jsonl')], env),
    ]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);

    const kept = await run(['metrics', '--json', '--marketplace', 'US'], env);
    const recount = await run(['metrics', '--json', '--marketplace', 'US', '--recompute'], env);
    expect(kept.code).toBe(0);
    expect(recount.code).toBe(0);
    const keptJson = JSON.parse(kept.stdout) as MetricsJson;
    const recountJson = JSON.parse(recount.stdout) as MetricsJson;
    expect(keptJson.source).not.toBe(recountJson.source);
    const scannedFirst = first.filter((_, i) => i % 3 !== 2).length;
    // Every package is a valid UPS number under UPS, promised yesterday: valid exactly when it has a scan.
    expect(keptJson.vtr.overall).toMatchObject({ valid: scannedFirst + second.length, total: first.length + second.length });
    expect(normalised(keptJson)).toEqual(normalised(recountJson));
  }, 240_000);
});

/** The figures only: what says where they came from (kept or recounted) is dropped. */
function normalised(json: MetricsJson): unknown {
  return { ...json, source: undefined };
}
