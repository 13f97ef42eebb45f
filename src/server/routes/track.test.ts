import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fx from '../../../test/mock-carriers/fixtures.js';
import { seedPackages } from '../../../test/mock-carriers/seed.js';
import { startUpsMock, type UpsMock } from '../../../test/mock-carriers/ups.js';
import { withStoredCarrierCredentials } from '../../app/seller-credentials.js';
import { trackingSettingsFromEnv } from '../../ingest/tracking/credentials.js';
import { clientsFromSettings } from '../../ingest/tracking/poller.js';
import { dialectCases } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { createApp } from '../app.js';

for (const dialect of await dialectCases()) {
describe.skipIf(!dialect.available)(`POST /v1/track on ${dialect.name}`, () => {
  let t: TestStore;
  let ups: UpsMock;
  let app: FastifyInstance;
  const now = Date.now();
  beforeEach(async () => {
    t = await dialect.fresh();
    ups = await startUpsMock({ clientId: 'api-id', clientSecret: 'api-secret' }, { [fx.UPS_NUMBER]: fx.upsPackage });
    await seedPackages(t.store, 'default', [{ orderId: 'mine', trackingNumber: fx.UPS_NUMBER, carrierKey: 'ups', confirmedAt: now - 3_600_000 }]);
    await seedPackages(t.store, 'other', [{ orderId: 'theirs', trackingNumber: '1Z999AA10000000001', carrierKey: 'ups', confirmedAt: now - 3_600_000 }]);
  });
  afterEach(async () => {
    await app.close();
    await ups.close();
    await t.dispose();
  });

  it('polls the carriers for the calling seller\'s packages only and stores their scans', async () => {
    const trackingClients = clientsFromSettings(trackingSettingsFromEnv({ VTRGUARD_UPS_CLIENT_ID: 'api-id', VTRGUARD_UPS_CLIENT_SECRET: 'api-secret', VTRGUARD_UPS_BASE_URL: ups.url }));
    app = await createApp({ store: t.store, defaultSellerId: 'default', now: () => now, trackingClients });
    const response = await app.inject({ method: 'POST', url: '/v1/track', payload: { carriers: ['ups'] } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ polled: 1, failed: 0 });
    expect(response.json().inserted).toBeGreaterThan(0);
    expect((await t.store.counts('default')).events).toBe(response.json().inserted);
    expect((await t.store.counts('other')).events).toBe(0);
  });

  it('uses a seller\'s carrier account stored through the API after the server started (read again before each poll)', async () => {
    const key = randomBytes(32);
    // No UPS account in the environment: only the seller's stored one reaches the (local) UPS API.
    const { settings, refresh } = await withStoredCarrierCredentials(t.store, key, trackingSettingsFromEnv({}));
    app = await createApp({
      store: t.store, defaultSellerId: 'default', now: () => now, trackingClients: clientsFromSettings(settings), beforeTrack: refresh,
      amazon: { secretKey: key, endpoint: null, tokenUrl: null },
    });
    const stored = await app.inject({ method: 'PUT', url: '/v1/credentials/carriers/ups', payload: { clientId: 'api-id', clientSecret: 'api-secret', baseUrl: ups.url } });
    expect(stored.statusCode).toBe(200);
    const polled = await app.inject({ method: 'POST', url: '/v1/track', payload: { carriers: ['ups'] } });
    expect(polled.json()).toMatchObject({ polled: 1, failed: 0, skipped: [] });
  });

  it('says so when no carrier credentials are configured', async () => {
    app = await createApp({ store: t.store, defaultSellerId: 'default', now: () => now });
    const response = await app.inject({ method: 'POST', url: '/v1/track', payload: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
}
