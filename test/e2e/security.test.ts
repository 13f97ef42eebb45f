/**
 * Issue 18's security items against a running `vtrguard serve` (the built CLI in its own process), with carrier
 * token endpoints that refuse the credentials and echo back what they were sent — the careless API every
 * redaction must survive. Every response and every log line of the run is searched for every configured secret,
 * in every spelling it travelled in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMULA_PAYLOADS, csvCells, liveFormulas } from '../csv-cells.js';
import { startMockServer, type MockServer } from '../mock-carriers/harness.js';
import { FEDEX_NUMBERS, UPS_NUMBER, USPS_NUMBER } from '../mock-carriers/fixtures.js';
import { SIGNERS, deliveryBody } from '../mock-carriers/webhook-senders.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');

const SECRETS = {
  VTRGUARD_UPS_CLIENT_ID: 'ups-client-id-e2e1',
  VTRGUARD_UPS_CLIENT_SECRET: 'ups secret+/=e2e"1',
  VTRGUARD_FEDEX_CLIENT_ID: 'fedex-client-id-e2e2',
  VTRGUARD_FEDEX_CLIENT_SECRET: 'fedex s3cret&=e2e/2',
  VTRGUARD_USPS_CLIENT_ID: 'usps-client-id-e2e3',
  VTRGUARD_USPS_CLIENT_SECRET: 'usps "secret"\\e2e3',
  VTRGUARD_WEBHOOK_SECRET_SHIPPO: 'whsec-shippo-e2e-4',
  VTRGUARD_SECRET_KEY: 'a1'.repeat(32),
};
const SLACK_TOKEN = 'T0E2E/B0E2E/slacktokene2e5';

/** Every way a secret can travel: as is, Basic with its id, form- and URL-encoded, JSON-escaped, base64. */
function spellings(secret: string): string[] {
  const id = Object.entries(SECRETS).find(([, v]) => v === secret)?.[0].replace('_SECRET', '_ID');
  const basic = id && id in SECRETS ? [Buffer.from(`${SECRETS[id as keyof typeof SECRETS]}:${secret}`).toString('base64')] : [];
  const json = JSON.stringify(secret).slice(1, -1);
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), json, JSON.stringify(json).slice(1, -1),
    Buffer.from(secret).toString('base64'), ...basic];
}

/** An instant this many days before now (negative: after), as the files write it. */
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe('vtrguard serve under attack (issue 18)', () => {
  let dir: string;
  let echo: MockServer;
  let server: ChildProcess;
  let base: string;
  let logs = '';
  const responses: string[] = [];

  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    responses.push(`${res.status} ${JSON.stringify([...res.headers])} ${text}`);
    return { status: res.status, text, json: () => JSON.parse(text) as { error?: { code: string; message: string } } & Record<string, unknown> };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-security-'));
    // A carrier that refuses every credential and quotes the request back: header and body, first.
    echo = await startMockServer((request) => ({
      status: 401,
      body: { echo: { authorization: request.headers.authorization ?? null, body: request.body }, error: 'invalid_client' },
    }));
    const port = await freePort();
    server = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--db', join(dir, 'e2e.db')], {
      env: {
        PATH: process.env.PATH, ...SECRETS,
        VTRGUARD_UPS_BASE_URL: echo.url, VTRGUARD_FEDEX_BASE_URL: echo.url, VTRGUARD_USPS_BASE_URL: echo.url,
        VTRGUARD_TRACK_INTERVAL_SECONDS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100 && !logs.includes('serving'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(logs).toContain('serving');
  }, 30_000);

  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  };

  afterAll(async () => {
    await stop();
    await echo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes local imports and serves the seller to this machine, but not to another site', async () => {
    const csv = ['order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,quantity,carrier_code,carrier_name,tracking_number,ship_date,confirmed_at,cancelled_at,cancelled_by',
      ...[['UPS', UPS_NUMBER], ['FedEx', FEDEX_NUMBERS[0]], ['USPS', USPS_NUMBER]].map(([code, number], i) =>
        `112-000000${i}-000000${i},US,${ago(3)},${ago(1)},${ago(-3).slice(0, 10)},SKU-${i},Toys,1,${code},,${number},${ago(2)},${ago(2)},,`)].join('\n');
    const crossSite = await call('/v1/imports', { method: 'POST', body: csv, headers: { 'content-type': 'text/plain', origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    const simple = await call('/v1/imports', { method: 'POST', body: csv, headers: { 'content-type': 'text/plain' } });
    expect(simple.json().error?.code).toBe('LOCAL_ACCESS_REFUSED');
    // fetch() sets Host itself; a DNS-rebinding page's request carries the attacker's name.
    const rebinding = await new Promise<number>((done, fail) => {
      get({ host: '127.0.0.1', port: new URL(base).port, path: '/v1/alerts', headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      }).on('error', fail);
    });
    expect(rebinding).toBe(403);
    const imported = await call('/v1/imports', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(200);
    expect(imported.json()).toMatchObject({ rowsImported: 3 });
  });

  it('polls the refusing carriers and says so, without their credentials in any answer or log', { timeout: 30_000 }, async () => {
    const track = await call('/v1/track', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(track.status).toBe(200);
    // The worker's passes (every second) log each carrier's refusal.
    const refused = () => ['ups', 'fedex', 'usps'].every((carrier) => new RegExp(`${carrier} .*CARRIER_AUTH_FAILED`).test(logs));
    for (let i = 0; i < 150 && !refused(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(logs).toMatch(/ups .*CARRIER_AUTH_FAILED/);
    expect(logs).toMatch(/fedex .*CARRIER_AUTH_FAILED/);
    expect(logs).toMatch(/usps .*CARRIER_AUTH_FAILED/);
    // The echo server really received the secrets: what is searched for below was really on the wire.
    expect(echo.requests.map((r) => `${r.headers.authorization ?? ''} ${r.body}`).join('\n')).toContain(new URLSearchParams({ s: SECRETS.VTRGUARD_FEDEX_CLIENT_SECRET }).toString().slice(2));
    // And their refusals quoted it back: the log shows where it was cut out.
    expect(logs).toContain('[redacted]');
  });

  it('shows an alert channel without the token its URL carries', async () => {
    const created = await call('/v1/alerts/channels', { method: 'POST', body: JSON.stringify({ kind: 'slack', url: `https://hooks.slack.example/services/${SLACK_TOKEN}` }), headers: { 'content-type': 'application/json' } });
    expect(created.status).toBeLessThan(300);
    const list = await call('/v1/alerts/channels');
    expect(list.status).toBe(200);
    expect(list.text).toContain('hooks.slack.example');
  });

  it('refuses alert channels on internal networks, however the address is spelled (item 11)', async () => {
    const targets = [
      { kind: 'slack', url: 'http://169.254.169.254/latest/meta-data/iam/' },
      { kind: 'slack', url: 'http://2852039166/latest/meta-data/' },
      { kind: 'webhook', url: 'http://[::ffff:127.0.0.1]:6379/', secret: 'a-long-enough-secret' },
      { kind: 'webhook', url: 'http://192.168.0.1/admin', secret: 'a-long-enough-secret' },
      { kind: 'email', smtpUrl: 'smtp://127.1:25', from: 'a@shop.test', to: ['b@shop.test'] },
    ];
    for (const target of targets) {
      const refused = await call('/v1/alerts/channels', { method: 'POST', body: JSON.stringify(target), headers: { 'content-type': 'application/json' } });
      expect(refused.status).toBe(422);
      expect(refused.json().error?.code).toBe('ALERT_TARGET_INTERNAL');
    }
    const list = (await call('/v1/alerts/channels')).text;
    expect(list).not.toMatch(/169\.254|ffff|192\.168|127\.|2852039166/);
  });

  it('treats a loopback request carrying any proxy header as remote (item 12)', async () => {
    for (const headers of [{ 'x-forwarded-for': '127.0.0.1' }, { forwarded: 'for=127.0.0.1' }, { 'x-real-ip': '127.0.0.1' }] as Record<string, string>[]) {
      const answer = await call('/v1/alerts', { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.json().error?.code).toBe('UNAUTHORIZED');
    }
  });

  it('writes no live spreadsheet formula in the CSV it returns (item 5)', async () => {
    const header = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,quantity,carrier_code,carrier_name,tracking_number,ship_date,confirmed_at,cancelled_at,cancelled_by';
    const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
    // The payload leads the row, so the rejected row as written back starts with it too.
    const rows = FORMULA_PAYLOADS.map((cell) => `${quoted(cell)},US,not a date,${ago(1)},${ago(-3).slice(0, 10)},${quoted(cell)},Toys,1,UPS,,,,,,`);
    const imported = await call('/v1/imports?skipInvalid=true&fileName=formulas.csv', { method: 'POST', body: [header, ...rows].join('\n'), headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(200);
    const rejected = String(imported.json().rejectedCsv);
    expect(csvCells(rejected).length - 1).toBe(FORMULA_PAYLOADS.length);
    expect(liveFormulas(rejected)).toEqual([]);
  });

  it('verifies webhooks with the configured secret only, for existing sellers only, and exactly', async () => {
    const body = deliveryBody('shippo', { trackingNumber: UPS_NUMBER, time: '2026-11-02T18:00:00Z', seq: 1 });
    const good = SIGNERS.shippo(body, SECRETS.VTRGUARD_WEBHOOK_SECRET_SHIPPO);
    const post = (query: string, headers: Record<string, string>) => call(`/v1/webhooks/shippo${query}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    expect((await post('?seller=nobody', good)).status).toBe(404);
    const longer = Object.fromEntries(Object.entries(good).map(([k, v]) => [k, `${v}0`]));
    expect((await post('', longer)).status).toBe(401);
    expect((await post('', good)).status).toBe(200);
  });

  it('throttles a client that keeps presenting bad keys, however it spells the path', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await call(i % 2 ? '/%761/alerts' : '/v1/alerts', { headers: { 'x-api-key': `vtg_00000000000${i % 10}_${'A'.repeat(32)}` } })).status);
    // 30 failures per minute and client (the refused key-less requests above counted too), then 429 whatever the key.
    const first = statuses.indexOf(429);
    expect(first).toBeGreaterThan(20);
    expect(statuses.slice(0, first).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
  });

  it('never printed or returned a configured secret, in any spelling', async () => {
    await stop();
    const everything = `${logs}\n${responses.join('\n')}`;
    expect(responses.length).toBeGreaterThan(10);
    for (const secret of [...Object.values(SECRETS), SLACK_TOKEN]) {
      for (const spelling of spellings(secret)) expect(everything.includes(spelling), `${secret} as ${spelling}`).toBe(false);
    }
  }, 20_000);
});
