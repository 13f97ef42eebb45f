import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { sampleNumber, seededRandom } from '../../src/carriers/family-samples.js';
import { getCarrier } from '../../src/carriers/registry.js';
import { openStore } from '../../src/store/open.js';
import { TEST_PG_URL } from '../../src/store/testing.js';
import { SIGNERS } from '../mock-carriers/webhook-senders.js';

/**
 * What the many-writers suites share (issue 16): a PostgreSQL schema of their own, `vtrguard serve` processes and
 * CLI runs on it, the webhook deliveries a carrier sends (retrying a 503 as a sender does), and the comparison of
 * the kept figures with a recount from raw rows. Only public surfaces: the CLI, HTTP, and the metrics JSON.
 */
export const CLI = join(process.cwd(), 'dist/src/cli/main.js');
export const WEBHOOK_SECRET = 'many-writers-secret';
export const DAY = 86_400_000;

export interface Shipment {
  orderId: string;
  trackingNumber: string;
}

/** `count` distinct valid UPS 1Z numbers, the same ones for the same seed. */
export function upsNumbers(count: number, seed: number): string[] {
  const ups = getCarrier('ups')!.families.find((f) => f.id === 'ups-1z')!;
  const random = seededRandom(seed);
  const numbers = new Set<string>();
  while (numbers.size < count) numbers.add(sampleNumber(ups, random));
  return [...numbers];
}

export function shipmentsCsv(shipments: readonly Shipment[], now: number): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const lines = ['order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date'];
  shipments.forEach((s, i) => {
    const category = ['Toys', 'Books', 'Kitchen'][i % 3];
    lines.push([s.orderId, 'US', iso(now - 6 * DAY), iso(now - 4 * DAY), iso(now - 1 * DAY).slice(0, 10), `SKU-${i}`, category, 'UPS',
      s.trackingNumber, iso(now - 5 * DAY)].join(','));
  });
  return `${lines.join('\n')}\n`;
}

export const scanAt = (ms: number) => new Date(ms).toISOString().replace('Z', '-05:00');

/**
 * Two shipments files of `perFile` UPS packages each in `dir` (first.csv, second.csv), and the second file's scans as
 * an events file (second-events.jsonl), imported beside the webhooks.
 */
export function writeShipmentFiles(dir: string, numbers: readonly string[], perFile: number, now: number): { first: Shipment[]; second: Shipment[] } {
  const all = numbers.slice(0, 2 * perFile).map((trackingNumber, i) => ({ orderId: `111-${String(i).padStart(7, '0')}-0000001`, trackingNumber }));
  const first = all.slice(0, perFile);
  const second = all.slice(perFile);
  writeFileSync(join(dir, 'first.csv'), shipmentsCsv(first, now));
  writeFileSync(join(dir, 'second.csv'), shipmentsCsv(second, now));
  writeFileSync(join(dir, 'second-events.jsonl'), second.map((s, i) => JSON.stringify({
    carrier: 'UPS', tracking_number: s.trackingNumber, occurred_at: scanAt(now - 4 * DAY + i * 1000), status: 'in_transit', event_id: `e-${i}`, source: 'file',
  })).join('\n') + '\n');
  return { first, second };
}

/** The webhook deliveries for the first file: two thirds of its packages get a first scan, a third of those also a delivery. */
export function firstFileScans(first: readonly Shipment[], now: number): string[] {
  const bodies: string[] = [];
  first.forEach((s, i) => {
    if (i % 3 === 2) return;
    bodies.push(scanBody(s.trackingNumber, 'InTransit', scanAt(now - 4 * DAY + i * 1000)));
    if (i % 3 === 0) bodies.push(scanBody(s.trackingNumber, 'Delivered', scanAt(now - 2 * DAY + i * 1000)));
  });
  // Senders retry: a tenth of the deliveries arrive twice, at the other server.
  bodies.push(...bodies.filter((_, i) => i % 10 === 0));
  return bodies;
}

/** How many of the first file's packages `firstFileScans` gives a scan. */
export const scannedOfFirst = (first: readonly Shipment[]) => first.filter((_, i) => i % 3 !== 2).length;

function scanBody(trackingNumber: string, tag: 'InTransit' | 'Delivered', time: string): string {
  return JSON.stringify({
    event: 'tracking_update', event_id: `evt-${trackingNumber}-${tag}`, ts: 1,
    msg: { tracking_number: trackingNumber, slug: 'ups', checkpoints: [{ checkpoint_time: time, tag, subtag: `${tag}_001`, message: tag, city: 'Louisville' }] },
  });
}

export function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
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

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/v1/health`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} never answered /v1/health`);
}

export interface Servers {
  bases: string[];
  /** Everything the servers wrote to standard error. */
  stderr(): string;
  /** SIGTERM to each, resolved once all have exited (their database connections closed). */
  stop(): Promise<void>;
}

/** `count` `vtrguard serve` processes on `env`'s database, each on a port of its own, once all answer /v1/health. */
export async function startServers(count: number, env: NodeJS.ProcessEnv): Promise<Servers> {
  const children: ChildProcess[] = [];
  const bases: string[] = [];
  let stderr = '';
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', '127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    children.push(child);
    bases.push(`http://127.0.0.1:${port}`);
  }
  const stop = () => Promise.all(children.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  }))).then(() => undefined);
  try {
    await Promise.all(bases.map(waitForHealth));
  } catch (error) {
    await stop();
    throw error;
  }
  return { bases, stderr: () => stderr, stop };
}

/**
 * Sends until the answer is not a 503 (the database busy: a lock or serialization conflict, or a deadlock), waiting
 * a little between tries, as a webhook sender or an API client does; at most `attempts` tries.
 */
export async function retryingBusy(send: () => Promise<Response>, attempts = 50): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (response.status !== 503 || attempt >= attempts) return response;
    await response.arrayBuffer();
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs `work` on every item, `concurrency` at a time; the results in the items' order. */
export async function eachConcurrently<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Posts every webhook body to the servers in turn, `concurrency` at a time, retrying 503s. Returns the final statuses. */
export function deliverAll(targets: readonly string[], bodies: readonly string[], concurrency: number): Promise<number[]> {
  return eachConcurrently(bodies, concurrency, async (body, i) => {
    const response = await retryingBusy(() => fetch(`${targets[i % targets.length]}/v1/webhooks/aftership?seller=default`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', ...SIGNERS.aftership(body, WEBHOOK_SECRET) },
    }));
    await response.arrayBuffer();
    return response.status;
  });
}

export interface MetricsJson { source?: string; vtr: { overall: { valid: number; total: number } } }

/** The kept figures and a recount from raw rows, by the CLI (US). */
export async function keptAndRecount(env: NodeJS.ProcessEnv): Promise<{ kept: MetricsJson; recount: MetricsJson }> {
  const kept = await run(['metrics', '--json', '--marketplace', 'US'], env);
  const recount = await run(['metrics', '--json', '--marketplace', 'US', '--recompute'], env);
  if (kept.code !== 0 || recount.code !== 0) throw new Error(`metrics failed: ${kept.stderr}${recount.stderr}`);
  return { kept: JSON.parse(kept.stdout) as MetricsJson, recount: JSON.parse(recount.stdout) as MetricsJson };
}

/** The figures only: what says where they came from (kept or recounted) is dropped. */
export function normalised(json: MetricsJson): unknown {
  return { ...json, source: undefined };
}

/** A schema of its own on the test server, with its tables; `url` reaches it, its connections named `applicationName`. */
export async function createSchema(prefix: string): Promise<{ schema: string; url: string; applicationName: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const applicationName = schema;
  const url = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}&application_name=${applicationName}`;
  const store = await openStore(TEST_PG_URL, { schema });
  await store.close();
  return {
    schema, url, applicationName,
    drop: () => withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => undefined),
  };
}

export async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
