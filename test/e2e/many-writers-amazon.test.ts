import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpOrder } from '../../src/amazon/operations.js';
import { postgresAvailable } from '../../src/store/testing.js';
import { makeSeller, US } from '../mock-sp-api/fixtures.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from '../mock-sp-api/server.js';
import {
  createSchema, DAY, deliverAll, eachConcurrently, firstFileScans, keptAndRecount, normalised, retryingBusy, run, startServers, upsNumbers,
  WEBHOOK_SECRET, withClient, writeShipmentFiles, type Servers,
} from './many-writers-harness.js';

/**
 * Issue 16 with the Amazon write paths: on one PostgreSQL schema, two `vtrguard serve` processes take carrier
 * scans by webhook and, for the same seller, confirmations through the gateway — one confirmShipment call each,
 * and bulk confirmations by feed whose outcomes the servers apply (sent and failed packages of one feed) — and
 * orders syncs, while the CLI imports a shipments file. The SP-API and LWA are the local mock, reached through
 * VTRGUARD_SP_API_ENDPOINT and VTRGUARD_LWA_TOKEN_URL.
 *
 * A deadlock is retried away (a 503 the client sends again; a feed outcome the schedule applies again), so it is
 * counted where PostgreSQL counts it: pg_stat_database.deadlocks, which no other suite provokes on purpose. A feed
 * outcome that moved the confirmation counts before taking the seller's write lock deadlocked here (eaf51ef).
 */
const SELLER = 'default';
const PER_FILE = 250;
const SINGLES = 50;
const FEEDS = 25;
/** Each feed: packages Amazon takes, and one whose only item it refuses (that package fails). */
const FEED_GOOD = 2;
const BAD_ITEM = '99999999999999';

interface Outcome { confirmationId: string; orderId: string; state: string; reason: string | null }
interface FeedRun { feeds: { feedId: string | null }[]; outcomes: Outcome[] }

const available = await postgresAvailable();

describe.skipIf(!available)('many writers on one PostgreSQL database, Amazon paths beside the others', () => {
  let database: Awaited<ReturnType<typeof createSchema>>;
  let dir: string;
  let mock: MockSpApi;
  let seller: MockSeller;
  let servers: Servers | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-mwa-'));
    database = await createSchema('vtrguard_mwa');
    seller = makeSeller('many-writers', { count: 240, marketplaceIds: [US], days: 20 });
    mock = await startMockSpApi([seller]);
    // Orders changed a moment ago are seen by the next sync; a feed is processed at its first getFeed.
    mock.settleMs = 0;
    mock.pollsToFinish = 1;
    env = {
      ...process.env, VTRGUARD_DB: database.url, VTRGUARD_WEBHOOK_SECRET_AFTERSHIP: WEBHOOK_SECRET, VTRGUARD_SELLER: SELLER,
      VTRGUARD_SECRET_KEY: randomBytes(32).toString('hex'), VTRGUARD_SP_API_ENDPOINT: mock.url, VTRGUARD_LWA_TOKEN_URL: mock.tokenUrl,
      VTRGUARD_FEED_POLL_SECONDS: '0.05',
    };
  });
  afterAll(async () => {
    await servers?.stop();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it('confirmations one by one and by feed, syncs, webhooks and an import at once: no deadlock, counts as sent, figures equal a recount', async () => {
    const now = Date.now();
    const numbers = upsNumbers(2 * PER_FILE + SINGLES + FEEDS * FEED_GOOD + FEEDS, 1616);
    const { first } = writeShipmentFiles(dir, numbers, PER_FILE, now);
    const confirmNumbers = numbers.slice(2 * PER_FILE);

    const connected = await run(['amazon', 'connect', '--region', 'na'], {
      ...env, LWA_CLIENT_ID: seller.clientId, LWA_CLIENT_SECRET: seller.clientSecret, LWA_REFRESH_TOKEN: seller.refreshToken,
    });
    expect(connected.stderr).toBe('');
    expect(connected.code).toBe(0);
    for (const args of [['amazon', 'sync'], ['import', join(dir, 'first.csv')]]) {
      const done = await run(args, env);
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
    }

    // Orders the gateway accepts: merchant-fulfilled (the sync leaves Amazon's out) and not cancelled.
    const orders = [...seller.orders.values()].filter((o) => o.fulfillment?.fulfilledBy === 'MERCHANT' && o.fulfillment.fulfillmentStatus === 'UNSHIPPED');
    const request = (order: SpOrder, trackingNumber: string, bad = false) => ({
      orderId: order.orderId, carrierCode: 'UPS', trackingNumber, shipDate: new Date(Math.min(Date.parse(order.createdTime) + DAY / 2, now)).toISOString(),
      ...(bad ? { items: [{ orderItemId: BAD_ITEM, quantity: 1 }] } : {}),
    });
    const singles = orders.slice(0, SINGLES).map((order, i) => request(order, confirmNumbers[i]!));
    const feeds = Array.from({ length: FEEDS }, (_, f) => {
      const at = SINGLES + f * (FEED_GOOD + 1);
      return orders.slice(at, at + FEED_GOOD + 1).map((order, k) => request(order, confirmNumbers[at + k]!, k === FEED_GOOD));
    });
    expect(feeds.flat()).toHaveLength(FEEDS * (FEED_GOOD + 1));
    const startDeadlocks = await deadlocks();
    servers = await startServers(2, env);
    const { bases } = servers;

    const post = (base: string, path: string, body: unknown) => retryingBusy(() => fetch(`${base}${path}`, {
      method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
    }), 20);
    const confirm = async (base: string, confirmations: unknown[], feed: boolean): Promise<{ status: number; run: FeedRun }> => {
      const response = await post(base, '/v1/confirmations', { confirmations, feed });
      return { status: response.status, run: (await response.json()) as FeedRun };
    };
    let loading = true;
    const syncs: number[] = [];
    const syncing = (async () => {
      for (let i = 0; loading; i++) {
        const response = await post(bases[i % 2]!, '/v1/amazon/sync', {});
        await response.arrayBuffer();
        syncs.push(response.status);
      }
    })();
    const [scans, imported, singleRuns, feedRuns] = await Promise.all([
      deliverAll(bases, firstFileScans(first, now), 6),
      run(['import', join(dir, 'second.csv'), join(dir, 'second-events.jsonl')], env),
      eachConcurrently(singles, 4, (one, i) => confirm(bases[i % 2]!, [one], false)),
      eachConcurrently(feeds, 3, (packages, i) => confirm(bases[(i + 1) % 2]!, packages, true)),
    ]).finally(() => { loading = false; });
    await syncing;

    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(scans.filter((s) => s < 200 || s >= 300)).toEqual([]);
    expect(syncs.filter((s) => s !== 200)).toEqual([]);
    expect.soft(singleRuns.map((r) => `${r.status} ${r.run.outcomes.map((o) => `${o.state}${o.reason ? `: ${o.reason}` : ''}`).join()}`)
      .filter((said) => said !== '200 sent')).toEqual([]);
    expect(feedRuns.map((r) => r.status).filter((s) => s !== 202)).toEqual([]);

    // The servers follow the feeds Amazon processes; each ends with its good packages sent, the refused one failed.
    const feedIds = feedRuns.map((r) => r.run.feeds[0]!.feedId!);
    const finished = await eachConcurrently(feedIds, 4, (feedId) => finishedFeed(bases[0]!, feedId));
    expect.soft(finished.map((outcomes) => outcomes.map((o) => o.state))).toEqual(feeds.map(() => [...Array<string>(FEED_GOOD).fill('sent'), 'failed']));
    const sent = SINGLES + FEEDS * FEED_GOOD;

    // One more sync once every confirmation is in: Amazon's packages as it holds them.
    expect((await post(bases[1]!, '/v1/amazon/sync', {})).status).toBe(200);
    const status = (await (await fetch(`${bases[0]}/v1/amazon/status`)).json()) as { confirmations: { counts: Record<string, number> }; differences: unknown[] };
    expect.soft(status.differences, 'packages Amazon holds differently').toEqual([]);
    const byState = await withClient((client) => client.query<{ state: string; n: number }>(
      `SELECT state, COUNT(*)::int AS n FROM "${database.schema}".amazon_confirmations WHERE seller_id = $1 GROUP BY state`, [SELLER],
    ));
    const none = { held: 0, sending: 0, sent: 0, partial: 0, refused: 0, failed: 0, skipped: 0 };
    const counted = { ...none, ...Object.fromEntries(byState.rows.map((r) => [r.state, r.n])) };
    // The status's counts are kept as confirmations move (migration 027): they must equal a count of the rows.
    expect.soft(status.confirmations.counts, 'counts kept').toEqual(counted);
    expect.soft(counted, 'confirmations by state').toEqual({ ...none, sent, failed: FEEDS });

    // Amazon holds each confirmed package once, and nothing it refused. (Soft: a run with a deadlock goes on to count it.)
    const confirmed = [...singles, ...feeds.flatMap((packages) => packages.slice(0, FEED_GOOD))];
    expect.soft(mock.confirmations, 'confirmShipment calls and feed packages Amazon took').toHaveLength(sent);
    for (const { orderId, trackingNumber } of confirmed) {
      expect.soft(seller.orders.get(orderId)!.packages!.filter((p) => p.trackingNumber === trackingNumber), `${orderId} ${trackingNumber}`).toHaveLength(1);
    }
    for (const packages of feeds) expect.soft(seller.orders.get(packages[FEED_GOOD]!.orderId)!.packages ?? []).toEqual([]);

    const { kept, recount } = await keptAndRecount(env);
    expect(kept.source).not.toBe(recount.source);
    expect.soft(normalised(kept), 'kept figures').toEqual(normalised(recount));

    // Every backend of the servers and the CLI has ended (and so reported its statistics) before the count is read.
    await servers.stop();
    await connectionsGone(database.applicationName);
    const troubles = servers.stderr().split('\n').filter((line) => /busy|deadlock|failed/i.test(line));
    expect(await deadlocks() - startDeadlocks, `deadlocks; the servers said:\n${troubles.join('\n')}`).toBe(0);
  }, 120_000);
});

/** Deadlocks PostgreSQL has detected in the test database (every suite's: none provokes one on purpose). */
function deadlocks(): Promise<number> {
  return withClient(async (client) => {
    const { rows } = await client.query<{ deadlocks: string }>('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0]!.deadlocks);
  });
}

/** A backend reports its statistics when it ends at the latest: wait for those of the schema's clients to end. */
async function connectionsGone(applicationName: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const open = await withClient((client) => client.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [applicationName]));
    if (open.rowCount === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`connections of ${applicationName} still open after 10 s`);
}

/** The feed's outcomes once its outcome is applied (the servers follow it, the schedule resumes it). */
async function finishedFeed(base: string, feedId: string): Promise<Outcome[]> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    const { feed, outcomes } = (await (await fetch(`${base}/v1/amazon/feeds/${feedId}`)).json()) as { feed: { finishedAt: number | null }; outcomes: Outcome[] };
    if (feed.finishedAt !== null) return outcomes;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`feed ${feedId} not finished after 30 s`);
}
