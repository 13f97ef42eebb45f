import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDhlMock } from '../../../test/mock-carriers/dhl.js';
import * as fx from '../../../test/mock-carriers/fixtures.js';
import type { MockServer } from '../../../test/mock-carriers/harness.js';
import { seedPackages } from '../../../test/mock-carriers/seed.js';
import { freshSqliteStore, rawSql, type TestStore } from '../../store/testing.js';
import { trackingSettingsFromEnv } from './credentials.js';
import { startTrackingWorker } from './worker.js';

let t: TestStore;
let dhl: MockServer;
beforeEach(async () => {
  t = await freshSqliteStore();
  dhl = await startDhlMock('worker-key-123', { [fx.DHL_NUMBER]: fx.dhlShipment });
});
afterEach(async () => {
  await dhl.close();
  await t.dispose();
});

it('polls on start', async () => {
  const now = Date.parse('2026-04-02T00:00:00Z');
  await seedPackages(t.store, 's1', [{ orderId: 'o1', trackingNumber: fx.DHL_NUMBER, carrierKey: 'dhl-paket', confirmedAt: Date.parse('2026-04-01T12:00:00Z') }], now);
  const worker = await startTrackingWorker({
    store: t.store,
    settings: trackingSettingsFromEnv({ VTRGUARD_DHL_API_KEY: 'worker-key-123', VTRGUARD_DHL_BASE_URL: dhl.url, VTRGUARD_TRACK_INTERVAL_SECONDS: '3600' }),
    now: () => now,
  });
  const summary = await worker.idle();
  await worker.stop();
  expect(summary).toMatchObject({ polled: 1, inserted: 4 });
  const [pkg] = await rawSql(t.store).all<{ first_scan_at: number; delivered_at: number }>('SELECT first_scan_at, delivered_at FROM packages');
  expect(pkg).toEqual({ first_scan_at: Date.parse('2026-04-02T11:14:15Z'), delivered_at: Date.parse('2026-04-03T08:11:12Z') });
});
