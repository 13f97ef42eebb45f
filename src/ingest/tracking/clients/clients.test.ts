import { afterEach, describe, expect, it } from 'vitest';
import type { TrackingEventRecord } from '../../../core/domain.js';
import { VtrguardError } from '../../../core/errors.js';
import { startDhlMock } from '../../../../test/mock-carriers/dhl.js';
import { startFedexMock } from '../../../../test/mock-carriers/fedex.js';
import type { MockServer } from '../../../../test/mock-carriers/harness.js';
import { startUpsMock } from '../../../../test/mock-carriers/ups.js';
import { startUspsMock } from '../../../../test/mock-carriers/usps.js';
import * as fx from '../../../../test/mock-carriers/fixtures.js';
import type { Clock } from '../clock.js';
import type { TrackingClient } from '../client.js';
import { createTrackingClient, type PullCarrier } from './index.js';

const CLIENT_ID = 'client-id-ABCDEF';
const SECRET = 'client-secret-987654';
const API_KEY = 'dhl-api-key-1234567';

function fakeClock(): Clock & { slept: number[] } {
  let t = 1_800_000_000_000;
  const slept: number[] = [];
  return { slept, now: () => t, sleep: async (ms) => { slept.push(ms); t += ms; } };
}

interface Case {
  carrier: PullCarrier;
  start: () => Promise<MockServer>;
  known: string;
  expected: TrackingEventRecord[];
}

const CASES: Case[] = [
  { carrier: 'ups', start: () => startUpsMock({ clientId: CLIENT_ID, clientSecret: SECRET }, { [fx.UPS_NUMBER]: fx.upsPackage }), known: fx.UPS_NUMBER, expected: fx.upsExpected },
  { carrier: 'fedex', start: () => startFedexMock({ clientId: CLIENT_ID, clientSecret: SECRET }, { [fx.FEDEX_NUMBERS[0]]: fx.fedexResult }), known: fx.FEDEX_NUMBERS[0], expected: fx.fedexExpected },
  { carrier: 'usps', start: () => startUspsMock({ clientId: CLIENT_ID, clientSecret: SECRET }, { [fx.USPS_NUMBER]: fx.uspsItem }), known: fx.USPS_NUMBER, expected: fx.uspsExpected },
  { carrier: 'dhl', start: () => startDhlMock(API_KEY, { [fx.DHL_NUMBER]: fx.dhlShipment }), known: fx.DHL_NUMBER, expected: fx.dhlExpected },
];

let servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function setup(c: Case, credentials: { clientId?: string; clientSecret?: string; apiKey?: string } = { clientId: CLIENT_ID, clientSecret: SECRET, apiKey: API_KEY }) {
  const server = await c.start();
  servers.push(server);
  const clock = fakeClock();
  const client = createTrackingClient(c.carrier, { ...credentials, baseUrl: server.url }, { clock, random: () => 0.5, rateLimit: { perSecond: 1000, burst: 1000 } }) as TrackingClient;
  return { server, clock, client };
}

const apiRequests = (server: MockServer) => server.requests.filter((r) => !/token/.test(r.path));

describe.each(CASES)('$carrier pull client against its mock', (c) => {
  it('maps every field of the fixture', async () => {
    const { client } = await setup(c);
    const [outcome] = await client.track([c.known]);
    expect(outcome!.kind).toBe('found');
    expect(outcome!.events).toEqual(c.expected);
  });

  it('reports an unknown number as not_found, not as a failure', async () => {
    const { client } = await setup(c);
    const [outcome] = await client.track(['NOPE0000000000']);
    expect(outcome).toMatchObject({ trackingNumber: 'NOPE0000000000', kind: 'not_found', events: [] });
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const { client, server, clock } = await setup(c);
    server.faults.push({ status: 429, headers: { 'retry-after': '7' }, body: { error: 'slow down' } });
    const [outcome] = await client.track([c.known]);
    expect(outcome!.kind).toBe('found');
    expect(clock.slept).toContain(7000);
    expect(apiRequests(server)).toHaveLength(2);
  });

  it('retries server errors with backoff and gives up with CARRIER_UNAVAILABLE', async () => {
    const { client, server, clock } = await setup(c);
    server.faults.push({ status: 503 }, { status: 502 });
    expect((await client.track([c.known]))[0]!.kind).toBe('found');
    expect(clock.slept.filter((ms) => ms > 0)).toHaveLength(2);
    server.faults.push({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    await expect(client.track([c.known])).rejects.toMatchObject({ code: 'CARRIER_UNAVAILABLE' });
  });

  it('refuses bad credentials with CARRIER_AUTH_FAILED and never shows the secret', async () => {
    const { client } = await setup(c, { clientId: CLIENT_ID, clientSecret: 'wrong-secret-xyz', apiKey: 'wrong-key-abcdef' });
    const error = await client.track([c.known]).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(VtrguardError);
    expect((error as VtrguardError).code).toBe('CARRIER_AUTH_FAILED');
    const text = `${(error as Error).message} ${JSON.stringify((error as VtrguardError).context)}`;
    for (const secret of [CLIENT_ID, 'wrong-secret-xyz', 'wrong-key-abcdef']) expect(text).not.toContain(secret);
  });
});

describe.each(CASES.filter((c) => c.carrier !== 'dhl'))('$carrier OAuth token cache', (c) => {
  it('fetches one token for many calls and one more after a revocation', async () => {
    const { client, server } = await setup(c);
    const tokens = (server as MockServer & { tokens: { issued: number; revokeAll(): void } }).tokens;
    await Promise.all([client.track([c.known]), client.track([c.known]), client.track([c.known])]);
    expect(tokens.issued).toBe(1);
    tokens.revokeAll();
    expect((await client.track([c.known]))[0]!.kind).toBe('found');
    expect(tokens.issued).toBe(2);
  });
});

describe('FedEx batches', () => {
  it('sends at most 30 numbers per call and keeps per-number failures apart', async () => {
    const c = CASES[1]!;
    const { client, server } = await setup(c);
    const numbers = [c.known, ...Array.from({ length: 44 }, (_, i) => `99999999${String(i).padStart(4, '0')}`)];
    const outcomes = await client.track(numbers);
    expect(apiRequests(server).map((r) => (JSON.parse(r.body) as { trackingInfo: unknown[] }).trackingInfo.length)).toEqual([30, 15]);
    expect(outcomes.map((o) => o.trackingNumber)).toEqual(numbers);
    expect(outcomes[0]!.kind).toBe('found');
    expect(outcomes.slice(1).every((o) => o.kind === 'not_found')).toBe(true);
  });
});

describe('UPS answers', () => {
  it('treats a 200 with a shipment warning and no package as not found', async () => {
    const { parseUpsResponse } = await import('./ups.js');
    const outcomes = parseUpsResponse({ trackResponse: { shipment: [{ inquiryNumber: '1ZNOTHING', warnings: [{ code: 'TW0001', message: 'Tracking Information Not Found' }] }] } });
    expect(outcomes.get('1ZNOTHING')).toEqual({ trackingNumber: '1ZNOTHING', kind: 'not_found', events: [], message: 'Tracking Information Not Found' });
  });

  it('derives delivery from deliveryDate/deliveryTime DEL when no activity says delivered', async () => {
    const { parseUpsResponse } = await import('./ups.js');
    const pkg = { ...fx.upsPackage, activity: fx.upsPackage.activity.slice(1) };
    const events = parseUpsResponse({ trackResponse: { shipment: [{ package: [pkg] }] } }).get(fx.UPS_NUMBER)!.events;
    expect(events.find((e) => e.status === 'delivered')).toMatchObject({ code: 'DEL', occurredAt: Date.parse('2026-01-05T19:30:00Z'), offsetMinutes: -300 });
  });
});
