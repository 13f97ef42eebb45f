import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFedexMock, type FedexMock } from '../../../test/mock-carriers/fedex.js';
import { startUpsMock, type UpsMock } from '../../../test/mock-carriers/ups.js';
import * as fx from '../../../test/mock-carriers/fixtures.js';
import { seedPackages } from '../../../test/mock-carriers/seed.js';
import { dialectCases, rawSql, type TestStore } from '../../store/testing.js';
import { clientsFromCredentials, pollOnce } from './poller.js';
import { credentialsFromEnv } from './credentials.js';

const H = 3_600_000;
const NOW = Date.parse('2026-01-04T20:00:00Z');
const CONFIRMED = NOW - 32 * H;
const creds = { clientId: 'poll-client', clientSecret: 'poll-secret' };
const fedexNumbers = Array.from({ length: 35 }, (_, i) => `7000000000${String(i).padStart(2, '0')}`);

function fedexPickup(n: string) {
  return {
    trackingNumberInfo: { trackingNumber: n },
    scanEvents: [{ date: new Date(CONFIRMED + 2 * H).toISOString().replace('Z', '+00:00'), eventType: 'PU', eventDescription: 'Picked up', scanLocation: { city: 'Memphis' } }],
  };
}

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`pollOnce on ${dialect.name}`, () => {
    let t: TestStore;
    let ups: UpsMock;
    let fedex: FedexMock;
    beforeEach(async () => {
      t = await dialect.fresh();
      ups = await startUpsMock(creds, { [fx.UPS_NUMBER]: fx.upsPackage });
      fedex = await startFedexMock(creds, Object.fromEntries(fedexNumbers.map((n) => [n, fedexPickup(n)])));
    });
    afterEach(async () => {
      await Promise.all([ups.close(), fedex.close(), t.dispose()]);
    });

    const env = () => ({
      VTRGUARD_UPS_CLIENT_ID: creds.clientId, VTRGUARD_UPS_CLIENT_SECRET: creds.clientSecret, VTRGUARD_UPS_BASE_URL: ups.url,
      VTRGUARD_FEDEX_CLIENT_ID: creds.clientId, VTRGUARD_FEDEX_CLIENT_SECRET: creds.clientSecret, VTRGUARD_FEDEX_BASE_URL: fedex.url,
    });
    const clients = () => clientsFromCredentials(credentialsFromEnv(env()), () => ({ rateLimit: { perSecond: 1000, burst: 1000 } }));

    it('polls due packages in batches, stores their events and schedules the next poll by age', async () => {
      await seedPackages(t.store, 's1', [
        { orderId: 'o-ups', trackingNumber: fx.UPS_NUMBER, carrierKey: 'ups', confirmedAt: Date.parse('2026-01-03T12:00:00Z') },
        ...fedexNumbers.map((n, i) => ({ orderId: `o-fx-${i}`, trackingNumber: n, carrierKey: 'fedex', confirmedAt: CONFIRMED })),
        { orderId: 'o-fx-unknown', trackingNumber: '799999999999', carrierKey: 'fedex', confirmedAt: CONFIRMED },
        { orderId: 'o-dhl', trackingNumber: '1234567890', carrierKey: 'dhl', confirmedAt: CONFIRMED },
        { orderId: 'o-old', trackingNumber: '700000000999', carrierKey: 'fedex', confirmedAt: NOW - 31 * 24 * H },
      ], NOW);
      const summary = await pollOnce({ store: t.store, clients: clients(), now: () => NOW, random: () => 0.5 });
      expect(summary).toMatchObject({ polled: 37, notFound: 1, failed: 0, skipped: ['dhl'], inserted: 5 + 35 });
      const fedexCalls = fedex.requests.filter((r) => r.path === '/track/v1/trackingnumbers');
      expect(fedexCalls.map((r) => (JSON.parse(r.body) as { trackingInfo: unknown[] }).trackingInfo.length).sort((a, b) => b - a)).toEqual([30, 6]);
      expect(fedexCalls.flatMap((r) => (JSON.parse(r.body) as { trackingInfo: { trackingNumberInfo: { trackingNumber: string } }[] }).trackingInfo.map((x) => x.trackingNumberInfo.trackingNumber))).not.toContain('700000000999');

      const rows = await rawSql(t.store).all<{ tracking_number: string; done: number; next_poll_at: number; last_outcome: string }>(
        'SELECT tracking_number, done, next_poll_at, last_outcome FROM tracking_poll ORDER BY tracking_number');
      const byNumber = new Map(rows.map((r) => [r.tracking_number, r]));
      expect(byNumber.get(fx.UPS_NUMBER)).toMatchObject({ done: 1, last_outcome: 'delivered' });
      expect(byNumber.get(fedexNumbers[0]!)).toMatchObject({ done: 0, last_outcome: 'scanned', next_poll_at: NOW + H });
      expect(byNumber.get('799999999999')).toMatchObject({ done: 0, last_outcome: 'not_found' });
      expect(byNumber.get('1234567890')).toMatchObject({ done: 0, last_outcome: 'no_credentials', next_poll_at: NOW + H });
      expect(byNumber.has('700000000999')).toBe(false);

      const scanned = await rawSql(t.store).all<{ n: number }>("SELECT COUNT(*) AS n FROM packages WHERE first_scan_at IS NOT NULL");
      expect(Number(scanned[0]!.n)).toBe(36);

      const again = await pollOnce({ store: t.store, clients: clients(), now: () => NOW + 60_000 });
      expect(again.polled).toBe(0);
    });

    it('lets several workers run side by side without polling a package twice', async () => {
      const many = Array.from({ length: 240 }, (_, i) => `71000000${String(i).padStart(4, '0')}`);
      await seedPackages(t.store, 's1', many.map((n, i) => ({ orderId: `o-${i}`, trackingNumber: n, carrierKey: 'fedex', confirmedAt: CONFIRMED })), NOW);
      const results = await Promise.all([0, 1, 2].map(() => pollOnce({ store: t.store, clients: clients(), now: () => NOW, claimSize: 30, carriers: ['fedex'] })));
      expect(results.reduce((s, r) => s + r.polled, 0)).toBe(240);
      const asked = fedex.requests
        .filter((r) => r.path === '/track/v1/trackingnumbers')
        .flatMap((r) => (JSON.parse(r.body) as { trackingInfo: { trackingNumberInfo: { trackingNumber: string } }[] }).trackingInfo.map((x) => x.trackingNumberInfo.trackingNumber));
      expect(asked).toHaveLength(240);
      expect(new Set(asked).size).toBe(240);
    });

    it('stops asking for a package without a carrier account once its schedule has ended, as for a polled one', async () => {
      // No DHL account: the row waits an hour at each pass. Past the schedule's 30 days it closes, or the queue would
      // keep every package of that carrier ever confirmed and rewrite them all every hour.
      await seedPackages(t.store, 's1', [{ orderId: 'o-dhl', trackingNumber: '1234567890', carrierKey: 'dhl', confirmedAt: NOW - 29 * 24 * H }], NOW);
      const row = async () => (await rawSql(t.store).all<{ done: number; last_outcome: string }>('SELECT done, last_outcome FROM tracking_poll'))[0];
      await pollOnce({ store: t.store, clients: clients(), now: () => NOW });
      expect(await row()).toMatchObject({ done: 0, last_outcome: 'no_credentials' });
      await pollOnce({ store: t.store, clients: clients(), now: () => NOW + 2 * 24 * H });
      expect(await row()).toMatchObject({ done: 1, last_outcome: 'no_credentials' });
    });

    it('records refused credentials, keeps them out of logs and retries later', async () => {
      await seedPackages(t.store, 's1', [{ orderId: 'o1', trackingNumber: fedexNumbers[0]!, carrierKey: 'fedex', confirmedAt: CONFIRMED }], NOW);
      const lines: string[] = [];
      const bad = clientsFromCredentials(credentialsFromEnv({ ...env(), VTRGUARD_FEDEX_CLIENT_SECRET: 'definitely-wrong-secret' }));
      const summary = await pollOnce({ store: t.store, clients: bad, now: () => NOW, log: (l) => lines.push(l), carriers: ['fedex'] });
      expect(summary).toMatchObject({ failed: 1, skipped: ['fedex'] });
      expect(lines.join('\n')).toContain('CARRIER_AUTH_FAILED');
      expect(lines.join('\n')).not.toContain('definitely-wrong-secret');
      const [row] = await rawSql(t.store).all<{ last_outcome: string; next_poll_at: number }>('SELECT last_outcome, next_poll_at FROM tracking_poll');
      expect(row).toMatchObject({ last_outcome: 'carrier_auth_failed', next_poll_at: NOW + H });
    });
  });
}
