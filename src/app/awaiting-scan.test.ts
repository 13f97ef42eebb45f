import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageWrite, Store } from '../store/store.js';
import { dialectCases } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { readAwaitingScanCells } from './awaiting-scan.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';

const H = 3_600_000;
const NOW = Date.parse('2026-11-20T20:00:00Z');

async function confirm(store: Store, orderId: string, confirmedAt: number, extra: Partial<PackageWrite> = {}): Promise<void> {
  await store.writeBatch('s', {
    orders: [{
      orderId, marketplace: 'US', purchaseDate: confirmedAt - 48 * H, latestShipDate: confirmedAt + 24 * H, latestDeliveryDate: confirmedAt + 96 * H,
      fulfillmentChannel: 'MFN', shipServiceLevel: null, cancelledAt: null, cancelledBy: null,
      purchaseDay: '2026-11-18', shipByDay: '2026-11-21', promisedDay: '2026-11-24',
    }],
    items: [{ orderId, orderItemId: 'a', sku: 'S', category: 'Toys', quantity: 1 }],
    packages: [{
      orderId, packageRef: '1', carrierCode: 'UPS', carrierName: null, shippingMethod: null, trackingRaw: `1Z${orderId}`,
      trackingNumber: `1Z${orderId}`, shipDate: confirmedAt, confirmedAt, confirmDay: '2026-11-20', exempt: false,
      carrierKey: 'ups', staticDefect: null, problems: [], ...extra,
    }],
    packageItems: [{ orderId, packageRef: '1', orderItemId: 'a', quantity: 1 }],
  });
}

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`packages awaiting their first scan on ${dialect.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await dialect.fresh();
    });
    afterEach(async () => t.dispose());

    it('are the recent, otherwise valid, unscanned ones', async () => {
      await confirm(t.store, 'recent', NOW - 2 * H);
      await confirm(t.store, 'stale', NOW - 30 * H);
      // A USPS number confirmed as UPS, stored as valid by an import under older rules: judged by today's rules.
      await confirm(t.store, 'mismatch', NOW - 2 * H, { trackingRaw: '9400111206206406260787', trackingNumber: '9400111206206406260787' });
      await confirm(t.store, 'exempt', NOW - 2 * H, { exempt: true });
      await confirm(t.store, 'scanned', NOW - 3 * H);
      await t.store.insertEvents('s', [{
        carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: '1Zscanned', occurredAt: NOW - H, offsetMinutes: 0,
        status: 'in_transit', code: null, description: null, location: null, source: 't', eventKey: 'e1',
      }], NOW);
      const cells = await readAwaitingScanCells(t.store, 's', 'US', DEFAULT_METRICS_CONFIG.US, NOW);
      expect(cells.map((c) => [c.day, c.category, c.carrier, c.total, c.hit]).sort()).toEqual([
        ['2026-11-24', '', 'UPS', 1, 1],
        ['2026-11-24', 'Toys', 'UPS', 1, 1],
      ]);
    });
  });
}
