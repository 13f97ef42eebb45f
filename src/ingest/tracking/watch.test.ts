import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedPackages } from '../../../test/mock-carriers/seed.js';
import { dialectCases, type TestStore } from '../../store/testing.js';
import { listWatch, nextStep, watchSettingsFromEnv } from './watch.js';

const H = 3_600_000;
const NOW = Date.parse('2026-10-20T12:00:00Z');

describe('nextStep', () => {
  const facts = (carrier: string, lastStatus: 'pre_transit' | null = null, promisePassed = false) => ({ carrier, lastStatus, promisedDay: '2026-10-22', promisePassed });

  it('escalates from handover to carrier to replacing the tracking, then to reshipping once the promise has passed', () => {
    expect(nextStep(25, 24, facts('UPS', 'pre_transit'))).toMatchObject({ code: 'check_handover', text: expect.stringContaining('label data') });
    expect(nextStep(25, 24, facts('UPS')).text).toContain('nothing for this number');
    expect(nextStep(50, 24, facts('UPS')).code).toBe('contact_carrier');
    expect(nextStep(100, 24, facts('UPS'))).toMatchObject({ code: 'replace_tracking', text: expect.stringContaining('before the promised 2026-10-22') });
    expect(nextStep(100, 24, facts('UPS', null, true))).toMatchObject({ code: 'reship', text: expect.stringContaining('2026-10-22 has passed') });
  });

  it('says which carrier and how long, so rows of different packages do not read alike', () => {
    expect(nextStep(700, 24, facts('UPS')).text).not.toBe(nextStep(700, 24, facts('OnTrac')).text);
    expect(nextStep(700, 24, facts('UPS')).text).toContain('29 days');
    expect(nextStep(30, 24, facts('UPS')).text).toContain('30 hours');
  });

  it('reads thresholds from configuration', () => {
    expect(watchSettingsFromEnv({ VTRGUARD_WATCH_HOURS: '12', VTRGUARD_WATCH_HOURS_USPS: '36', VTRGUARD_WATCH_HOURS_DHL: 'x' })).toEqual({ defaultHours: 12, hoursByCarrier: { usps: 36 } });
  });
});

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`listWatch on ${dialect.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await dialect.fresh();
      await seedPackages(t.store, 's1', [
        { orderId: 'o-new', trackingNumber: 'UPS1', carrierKey: 'ups', confirmedAt: NOW - 10 * H },
        { orderId: 'o-old', trackingNumber: 'UPS2', carrierKey: 'ups', confirmedAt: NOW - 100 * H },
        { orderId: 'o-mid', trackingNumber: 'USPS1', carrierKey: 'usps', confirmedAt: NOW - 30 * H },
        { orderId: 'o-usps-late', trackingNumber: 'USPS2', carrierKey: 'usps', confirmedAt: NOW - 40 * H },
        { orderId: 'o-scanned', trackingNumber: 'UPS3', carrierKey: 'ups', confirmedAt: NOW - 50 * H },
        { orderId: 'o-label', trackingNumber: 'UPS4', carrierKey: 'ups', confirmedAt: NOW - 26 * H },
        { orderId: 'o-none', trackingNumber: null, carrierKey: 'ups', confirmedAt: NOW - 50 * H },
        { orderId: 'o-forgotten', trackingNumber: 'UPS5', carrierKey: 'ups', confirmedAt: NOW - 31 * 24 * H },
      ]);
      const ev = (n: string, status: 'in_transit' | 'pre_transit', key: string) => ({
        carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: n, occurredAt: NOW - 20 * H, offsetMinutes: 0, status, code: null, description: null, location: null, source: 't', eventKey: key,
      });
      await t.store.insertEvents('s1', [ev('UPS3', 'in_transit', 'k1'), ev('UPS4', 'pre_transit', 'k2')], NOW);
    });
    afterEach(async () => t.dispose());

    it('lists unscanned packages past their carrier threshold, oldest first, with the next step (none past 30 days)', async () => {
      const items = await listWatch(t.store, 's1', NOW, { defaultHours: 24, hoursByCarrier: { usps: 36 } });
      expect(items.map((i) => [i.orderId, i.nextStep.code])).toEqual([
        ['o-old', 'replace_tracking'],
        ['o-usps-late', 'check_handover'],
        ['o-label', 'check_handover'],
      ]);
      expect(items[2]).toMatchObject({ trackingNumber: 'UPS4', lastStatus: 'pre_transit', hoursWaiting: 26, thresholdHours: 24, carrierKey: 'ups' });
    });

    it('pages through more unscanned packages than one read holds, ties on confirmation time included, none twice', async () => {
      // 250 more: pairs confirmed at the same instant; every third a DHL package, older than the rest but within
      // DHL's 1,000 hours, so the first reads skip them.
      await seedPackages(t.store, 's1', Array.from({ length: 250 }, (_, i) => ({
        orderId: `bulk-${String(i).padStart(3, '0')}`,
        trackingNumber: `BULK${i}`,
        carrierKey: i % 3 === 0 ? 'dhl' : 'ups',
        confirmedAt: NOW - (i % 3 === 0 ? 300 : 200) * H - Math.floor(i / 2) * 60_000,
      })));
      const settings = { defaultHours: 24, hoursByCarrier: { usps: 36, dhl: 1000 } };
      const all = await listWatch(t.store, 's1', NOW, settings, 10_000);
      const bulk = all.filter((i) => i.orderId.startsWith('bulk-'));
      expect(bulk).toHaveLength(166);
      expect(new Set(all.map((i) => i.packageId)).size).toBe(all.length);
      const order = all.map((i) => [i.confirmedAt, i.packageId] as const);
      expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      // Limits whose first read (at least 100 rows) is mostly skipped DHL packages: several reads, same items.
      for (const limit of [7, 100, 150]) expect(await listWatch(t.store, 's1', NOW, settings, limit)).toEqual(all.slice(0, limit));
    });

    it('as of a past instant lists what was waiting then — still unscanned, or first scanned after it — in one order, paged', async () => {
      const past = NOW - 15 * H;
      // Confirmed 1–200 hours before \`past\`; every third scanned before it, every third after it, the rest never.
      // The last two share a confirmation instant, the one scanned later written first (the lower package id).
      const packages = Array.from({ length: 120 }, (_, i) => ({
        orderId: `p-${String(i).padStart(3, '0')}`, trackingNumber: `PAST${i}`, carrierKey: 'ups', confirmedAt: past - (1 + ((i * 37) % 200)) * H - i * 1000,
        scannedAt: i % 3 === 0 ? past - 30 * 60_000 : i % 3 === 1 ? past + (1 + (i % 5)) * H : null,
      }));
      packages.push(
        { orderId: 'tie-later', trackingNumber: 'TIE1', carrierKey: 'ups', confirmedAt: past - 60 * H, scannedAt: past + H },
        { orderId: 'tie-never', trackingNumber: 'TIE2', carrierKey: 'ups', confirmedAt: past - 60 * H, scannedAt: null },
      );
      await seedPackages(t.store, 's2', packages);
      await t.store.insertEvents('s2', packages.filter((p) => p.scannedAt !== null).map((p, k) => ({
        carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: p.trackingNumber, occurredAt: p.scannedAt!, offsetMinutes: 0, status: 'in_transit' as const,
        code: null, description: null, location: null, source: 't', eventKey: `scan-${k}`,
      })), NOW);
      const settings = { defaultHours: 24, hoursByCarrier: {} };
      const expected = packages
        .map((p, k) => ({ ...p, k }))
        .filter((p) => (p.scannedAt === null || p.scannedAt > past) && p.confirmedAt <= past - 24 * H)
        .sort((a, b) => a.confirmedAt - b.confirmedAt || a.k - b.k)
        .map((p) => p.orderId);
      const all = await listWatch(t.store, 's2', past, settings, 10_000, { past: true });
      expect(all.map((i) => i.orderId)).toEqual(expected);
      expect(expected).toContain('tie-later');
      expect(expected.indexOf('tie-later') + 1).toBe(expected.indexOf('tie-never'));
      // Pages smaller than either source's share, and limits that end inside a run of one source.
      for (const limit of [1, 7, 33, 60]) expect((await listWatch(t.store, 's2', past, settings, limit, { past: true })).map((i) => i.orderId)).toEqual(expected.slice(0, limit));
      // Now, the packages scanned since are no longer waiting.
      expect((await listWatch(t.store, 's2', NOW, settings, 10_000)).map((i) => i.orderId)).toEqual(
        packages.filter((p) => p.scannedAt === null && p.confirmedAt <= NOW - 24 * H).sort((a, b) => a.confirmedAt - b.confirmedAt).map((p) => p.orderId),
      );
    });
  });
}
