import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { planDeliveries, sendDeliveries } from '../../../test/mock-carriers/webhook-load.js';
import { startWebhookServer } from '../../../test/mock-carriers/webhook-server.js';
import { dialectCases, rawSql, type TestStore } from '../../store/testing.js';

const SECRET = 'load-test-secret';

/**
 * The load test of issue 5: 20,000 deliveries (10% duplicates, 1% forged, shuffled) from 8 concurrent clients to a
 * listening server. It asserts exactly-once storage, never time; the throughput figure comes from the bench.
 */
for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`webhook load on ${dialect.name}`, () => {
    let t: TestStore;
    let server: { app: FastifyInstance; url: string };
    beforeAll(async () => {
      t = await dialect.fresh();
      server = await startWebhookServer(t.store, SECRET);
    });
    afterAll(async () => {
      await server.app.close();
      await t.dispose();
    });

    it('stores every good event exactly once and no forged one', async () => {
      const total = dialect.name === 'sqlite' ? 20_000 : 5_000;
      const plan = planDeliveries(total, SECRET, { seed: 7 });
      const result = await sendDeliveries(server.url, plan.deliveries, 8, 4);
      expect(result.wrong).toBe(0);
      expect(result.statuses.get(401)).toBe(plan.bad);
      const [row] = await rawSql(t.store).all<{ n: number; distinct_numbers: number }>(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT event_key) AS distinct_numbers FROM tracking_events WHERE seller_id = 'default'");
      expect(Number(row!.n)).toBe(plan.uniqueGood);
      expect(Number(row!.distinct_numbers)).toBe(plan.uniqueGood);
      const [forged] = await rawSql(t.store).all<{ n: number }>("SELECT COUNT(*) AS n FROM tracking_events WHERE tracking_number LIKE 'BAD%'");
      expect(Number(forged!.n)).toBe(0);
      // Each good delivery carries a distinct (number, minute): one row per delivery proves none was merged away.
      const [pairs] = await rawSql(t.store).all<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT DISTINCT tracking_number, occurred_at FROM tracking_events) x');
      expect(Number(pairs!.n)).toBe(plan.uniqueGood);
    }, 120_000);
  });
}
