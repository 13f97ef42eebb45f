import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../demo/create-demo.js';
import { DEFAULT_METRICS_CONFIG, exemptionFingerprint } from '../metrics/config.js';
import { figuresCurrent } from '../store/rollups.js';
import { dialectCases } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { assertKnownCategorySomewhere, assertKnownFilter } from './known-names.js';

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`filter names while the kept figures lag the writes (${dialect.name})`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await dialect.fresh();
      await createDemo(t.store, 'demo', DEFAULT_METRICS_CONFIG, { now: Date.now(), seed: 7 });
      // A write the kept figures have not taken yet (as between a raw write and the next kept one).
      await t.store.transaction((tx) => tx.nextWriteSeq('demo'));
      expect(await figuresCurrent(t.store, 'demo', exemptionFingerprint(DEFAULT_METRICS_CONFIG))).toBe(false);
    }, 120_000);
    afterAll(async () => t.dispose());

    const check = (filter: { category?: string; carrier?: string }) => assertKnownFilter(t.store, 'demo', 'US', filter, DEFAULT_METRICS_CONFIG);

    it('still refuses a mistyped category or carrier, naming the nearest', async () => {
      await expect(check({ category: 'Toys & Gmaes' })).rejects.toThrow('Unknown category "Toys & Gmaes" in US. Did you mean "Toys & Games"?');
      await expect(check({ carrier: 'Fedx' })).rejects.toThrow('Did you mean "FedEx"?');
      await expect(assertKnownCategorySomewhere(t.store, 'demo', ['US', 'UK'], 'Gardn', DEFAULT_METRICS_CONFIG)).rejects.toThrow('Did you mean "Garden"?');
    });

    it('still accepts a known name in any case', async () => {
      await expect(check({ category: 'toys & games' })).resolves.toBeUndefined();
      await expect(check({ carrier: 'fedex' })).resolves.toBeUndefined();
    });
  });
}
