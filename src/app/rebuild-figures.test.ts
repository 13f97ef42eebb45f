import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../demo/create-demo.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import { markFiguresCurrent } from '../store/rollups.js';
import { dialectCases, rawSql } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { computeReports } from './metrics.js';
import { rebuildFigures } from './rebuild-figures.js';

const NOW = Date.parse('2026-11-30T18:00:00Z');
const config = DEFAULT_METRICS_CONFIG;
const read = (t: TestStore, sellerId: string, recompute = false) =>
  computeReports(t.store, sellerId, 'US', { config, now: NOW, recompute });

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`counting kept figures again on ${dialect.name}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await dialect.fresh();
      await createDemo(t.store, 'upgraded', config, { now: NOW, seed: 3 });
      await createDemo(t.store, 'current', config, { now: NOW, seed: 4 });
    });
    afterAll(() => t.dispose());

    it('counts again only the sellers an older build kept, and their reads then come from kept figures, right', async () => {
      // What an older build left: figures under another fingerprint, and a kept cell this build would count otherwise.
      await rawSql(t.store).run("DELETE FROM metric_rollups WHERE seller_id = ? AND metric = 'vtr_pd'", ['upgraded']);
      await markFiguresCurrent(t.store, 'upgraded', 'figures:0|older build');
      expect((await read(t, 'upgraded')).metrics.source).toBe('raw');
      expect((await read(t, 'current')).metrics.source).toBe('rollups');

      const rebuilt = await rebuildFigures(t.store, config, { onlyStale: true });

      expect(rebuilt.map((r) => r.sellerId)).toEqual(['upgraded']);
      const kept = await read(t, 'upgraded');
      expect(kept.metrics.source).toBe('rollups');
      const raw = await read(t, 'upgraded', true);
      expect({ ...kept.metrics, source: 'raw' }).toEqual(raw.metrics);
      expect(kept.metrics.vtr.overall.total).toBeGreaterThan(0);
    });

    it('counts a named seller again even when its figures are current (a check)', async () => {
      const rebuilt = await rebuildFigures(t.store, config, { sellerIds: ['current'] });
      expect(rebuilt.map((r) => r.sellerId)).toEqual(['current']);
      const kept = await read(t, 'current');
      expect({ ...kept.metrics, source: 'raw' }).toEqual((await read(t, 'current', true)).metrics);
    });
  });
}
