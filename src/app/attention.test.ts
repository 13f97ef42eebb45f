import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Marketplace } from '../core/domain.js';
import { DEFAULT_ZONES, addDays, endOfLocalDay } from '../core/time.js';
import { CellAccumulator, addPackageCells } from '../metrics/cells.js';
import { asOfInstant, classifyContext } from '../metrics/classify.js';
import { DEFAULT_METRICS_CONFIG, configForView } from '../metrics/config.js';
import type { MetricsView } from '../metrics/config.js';
import { buildReports } from '../metrics/report.js';
import { LA, pkg } from '../metrics/testing.js';
import { staticTrackingDefect } from '../validate/assess.js';
import type { Store } from '../store/store.js';
import { dialectCases } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { flaggedMetrics, readAttention } from './attention.js';
import { rebuildKeptFigures } from './kept-figures.js';

const H = 3_600_000;
/** 12:00 in Los Angeles, 20:00 in London: today is 2026-11-20 in both. */
const NOW = Date.parse('2026-11-20T20:00:00Z');

interface Shipment {
  marketplace?: Marketplace;
  promisedDay: string;
  /** Hours from now (negative: past). */
  latestShipIn: number;
  confirmedIn?: number | null;
  scannedIn?: number | null;
  cancelledBy?: 'buyer' | 'seller' | null;
  deliveredIn?: number;
  category?: string;
}

async function order(store: Store, orderId: string, s: Shipment): Promise<void> {
  const marketplace = s.marketplace ?? 'US';
  const zone = DEFAULT_ZONES[marketplace];
  const latestShipDate = NOW + s.latestShipIn * H;
  const shipByDay = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(latestShipDate);
  const confirmedAt = s.confirmedIn === undefined || s.confirmedIn === null ? null : NOW + s.confirmedIn * H;
  const tracking = `1Z${orderId.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
  await store.writeBatch('s', {
    orders: [{
      orderId, marketplace, purchaseDate: latestShipDate - 48 * H, purchaseDay: addDays(shipByDay, -2), latestShipDate, shipByDay,
      latestDeliveryDate: endOfLocalDay(s.promisedDay, zone), promisedDay: s.promisedDay, fulfillmentChannel: 'MFN', shipServiceLevel: null,
      cancelledAt: s.cancelledBy ? NOW - H : null, cancelledBy: s.cancelledBy ?? null,
    }],
    items: [{ orderId, orderItemId: 'a', sku: 'S', category: s.category ?? 'Toys', quantity: 1 }],
    packages: confirmedAt === null ? [] : [{
      orderId, packageRef: '1', carrierCode: 'UPS', carrierName: null, shippingMethod: null, trackingRaw: tracking, trackingNumber: tracking,
      shipDate: confirmedAt, confirmedAt, confirmDay: null, exempt: false, carrierKey: 'ups', staticDefect: null, problems: [],
    }],
    packageItems: confirmedAt === null ? [] : [{ orderId, packageRef: '1', orderItemId: 'a', quantity: 1 }],
  });
  const event = (status: 'in_transit' | 'delivered', hours: number) => ({
    carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: tracking, occurredAt: NOW + hours * H, offsetMinutes: 0,
    status, code: null, description: null, location: null, source: 't', eventKey: `${status}-${orderId}`,
  });
  if (confirmedAt !== null && s.scannedIn !== undefined && s.scannedIn !== null) {
    await store.insertEvents('s', [event('in_transit', s.scannedIn), ...(s.deliveredIn === undefined ? [] : [event('delivered', s.deliveredIn)])], NOW);
  }
}

describe('the flagged Prime VTR', () => {
  it('is flagged below its target in either view, with the live and the lagged figure and its own defect list', () => {
    // Prime packages: one valid, promised before Amazon's lagged window ends; one never scanned, promised this week.
    const packages = [pkg({ promisedDay: '2026-11-01', isPrime: true }), pkg({ promisedDay: '2026-11-18', isPrime: true, firstScanAt: null })];
    const reportIn = (view: MetricsView) => {
      const cfg = configForView(DEFAULT_METRICS_CONFIG, view).US;
      const acc = new CellAccumulator();
      const ctx = classifyContext(cfg, asOfInstant('2026-11-20', LA), staticTrackingDefect);
      for (const p of packages) addPackageCells(acc, p, { ...ctx, metrics: ['vtr_pd'] });
      return buildReports(acc.list(), '2026-11-20', 'US', cfg, 'raw', [], view).metrics;
    };
    const flagged = flaggedMetrics(reportIn('live'), reportIn('amazon')).find((m) => m.key === 'sfp_vtr');
    expect(flagged).toEqual({
      marketplace: 'US', key: 'sfp_vtr', metric: 'sfp_vtr', category: null, defects: 'sfp_vtr', target: 0.99, direction: 'at_least',
      live: { rate: 0.5, status: 'bad' }, amazon: { rate: 1, status: 'good' }, defectCount: 1, total: 2, neededToRecover: null,
    });
  });
});

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`the attention view's figures on ${dialect.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await dialect.fresh();
      const s = t.store;
      // In both Amazon's lagged window (ends 2026-11-06) and the live one: a defect Amazon already counts.
      await order(s, 'old-defect', { promisedDay: '2026-11-01', latestShipIn: -24 * 22, confirmedIn: -24 * 22 - 2 });
      // In the live window only: enters Amazon's on 2026-11-18 + 14.
      await order(s, 'new-defect', { promisedDay: '2026-11-18', latestShipIn: -24 * 5, confirmedIn: -24 * 5 - 2 });
      // Valid tracking, promised yesterday and not delivered: late for OTDR, whose window it enters on 2026-11-19 + 7.
      await order(s, 'valid-late', { promisedDay: '2026-11-19', latestShipIn: -24 * 4, confirmedIn: -24 * 4 - 2, scannedIn: -24 * 4 });
      // Confirmed 30 hours ago, never scanned, promised later: not a defect yet, on the watch list.
      await order(s, 'waiting', { promisedDay: '2026-11-24', latestShipIn: -20, confirmedIn: -30 });
      // Not confirmed: one due in 14 hours (early tomorrow there, so not yet late as of today), one in 60 (beyond the horizon), one cancelled by the buyer.
      await order(s, 'due-soon', { promisedDay: '2026-11-25', latestShipIn: 14 });
      await order(s, 'due-later', { promisedDay: '2026-11-27', latestShipIn: 60 });
      await order(s, 'due-cancelled', { promisedDay: '2026-11-25', latestShipIn: 5, cancelledBy: 'buyer' });
      // Garden: on target live (19 of 20), below target in Seller Central, whose window holds only its old defect.
      await order(s, 'garden-old', { promisedDay: '2026-11-02', latestShipIn: -24 * 21, confirmedIn: -24 * 21 - 2, category: 'Garden' });
      for (let i = 0; i < 19; i++) {
        const day = 10 + (i % 3);
        await order(s, `garden-${i}`, {
          promisedDay: `2026-11-${day}`, latestShipIn: -24 * (23 - day), confirmedIn: -24 * (23 - day) - 2, scannedIn: -24 * (23 - day), deliveredIn: -24 * (21 - day),
          category: 'Garden',
        });
      }
      // The UK shows the 7-day VTR: a defect promised this week puts it below target.
      await order(s, 'uk-defect', { marketplace: 'UK', promisedDay: '2026-11-19', latestShipIn: -24 * 3, confirmedIn: -24 * 3 - 2, category: 'Books' });
    });
    afterEach(async () => t.dispose());

    it('flags every metric below target or at risk, with the live and the amazon figure, and the 7-day VTR only where Amazon shows it', async () => {
      const report = await readAttention({ store: t.store, sellerId: 's', config: DEFAULT_METRICS_CONFIG, now: NOW });
      expect(report.generatedAt).toBe('2026-11-20T20:00:00.000Z');
      expect(report.marketplaces.map((m) => [m.marketplace, m.today, m.live.view, m.amazon.view])).toEqual([
        ['US', '2026-11-20', 'live', 'amazon'],
        ['UK', '2026-11-20', 'live', 'amazon'],
      ]);
      expect(report.metrics.map((m) => [m.marketplace, m.key, m.live.status, m.live.rate, m.amazon?.rate ?? null, m.defectCount, m.total, m.defects])).toEqual([
        // US Toys: 2 defects of 3 live; Amazon's window (to 2026-11-06) holds only the old defect.
        ['US', 'vtr-Toys', 'bad', 1 / 3, 0, 2, 3, 'vtr'],
        ['US', 'vtr-Garden', 'good', 19 / 20, 0, 1, 20, 'vtr'],
        ['UK', 'vtr-Books', 'bad', 0, null, 1, 1, 'vtr'],
        ['UK', 'vtr7', 'bad', 0, null, 1, 1, 'vtr'],
      ]);
      // The US 7-day VTR is below target too (1 of 2), but Amazon does not show it there.
      expect(report.marketplaces[0]?.live.vtr.d7.status).toBe('bad');
    });

    it('lists the defects not yet in Amazon\'s figures by the day they enter them, and what is about to become one', async () => {
      const report = await readAttention({ store: t.store, sellerId: 's', config: DEFAULT_METRICS_CONFIG, now: NOW });
      expect(report.upcomingDefects.items.map((d) => [d.marketplace, d.metric, d.row.orderId, d.entersOn, d.row.reasons])).toEqual([
        ['US', 'otdr', 'valid-late', '2026-11-26', ['not_delivered']],
        ['US', 'vtr', 'new-defect', '2026-12-02', ['no_carrier_scan']],
        ['UK', 'vtr', 'uk-defect', '2026-12-03', ['no_carrier_scan']],
      ]);
      expect(report.upcomingDefects.total).toBe(3);
      expect(report.upcomingDefects.items[1]?.row.trackingUrl).toContain('1ZNEWDEFECT');
      // Every confirmed package without a scan past 24 hours, oldest first, the defects among them too.
      expect(report.noFirstScan.items.map((p) => [p.orderId, p.hoursWaiting, p.nextStep.code])).toEqual([
        ['old-defect', 530, 'reship'],
        ['garden-old', 506, 'reship'],
        ['new-defect', 122, 'reship'],
        ['uk-defect', 74, 'contact_carrier'],
        ['waiting', 30, 'check_handover'],
      ]);
      expect(report.dueToShip.items).toEqual([
        { marketplace: 'US', orderId: 'due-soon', latestShipDate: '2026-11-21T10:00:00.000Z', hoursLeft: 14, isPrime: false, categories: ['Toys'] },
      ]);
    });

    it('gives the same answer from the kept figures as from the raw rows', async () => {
      const reader = { store: t.store, sellerId: 's', config: DEFAULT_METRICS_CONFIG, now: NOW };
      const raw = await readAttention(reader);
      expect(raw.marketplaces.map((m) => m.live.source)).toEqual(['raw', 'raw']);
      await rebuildKeptFigures(t.store, 's', DEFAULT_METRICS_CONFIG);
      const kept = await readAttention(reader);
      expect(kept.marketplaces.map((m) => m.live.source)).toEqual(['rollups', 'rollups']);
      const { marketplaces: _a, ...keptRest } = kept;
      const { marketplaces: _b, ...rawRest } = raw;
      expect(keptRest).toEqual(rawRest);
    });
  });
}
