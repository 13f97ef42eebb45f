import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedBatch, seedPackages } from '../../test/mock-carriers/seed.js';
import { numberScans, putAmazonPackages } from './amazon.js';
import { dialectCases, rawSql, type TestStore } from './testing.js';
import { claimDue, finishPoll, queuePackages, type PollTask } from './tracking-poll.js';

const H = 3_600_000;
const NOW = Date.parse('2026-12-06T12:00:00Z');
const CONFIRMED = NOW - 5 * H;
const WINDOW = { carrierKeys: ['ups'], confirmedAfter: NOW - 30 * 24 * H };

/** The UPS number the seller sent for package `i` and the one Amazon holds instead. */
const sellers = (i: number) => `1ZSELLER${String(i).padStart(10, '0')}`;
const amazons = (i: number) => `1ZAMAZON${String(i).padStart(10, '0')}`;

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`tracking poll queue on ${dialect.name}`, () => {
    let t: TestStore;
    afterEach(async () => t.dispose());

    describe('migration 021', () => {
      beforeEach(async () => {
        t = await dialect.fresh({ migrate: false });
        await t.store.migrate(20);
      });

      it('turns a row queued under the negated package id into the Amazon source of that package', async () => {
        await t.store.ensureSeller('s1');
        await t.store.writeBatch('s1', seedBatch([{ orderId: 'o-1', trackingNumber: sellers(1), carrierKey: 'ups', confirmedAt: CONFIRMED }]));
        const [pkg] = await rawSql(t.store).all<{ package_id: number }>('SELECT package_id FROM packages', []);
        const id = Number(pkg!.package_id);
        const insert = `INSERT INTO tracking_poll (seller_id, package_id, carrier_key, tracking_number, confirmed_at, next_poll_at, last_polled_at,
            last_outcome, polls, done) VALUES (?, ?, 'ups', ?, ?, ?, ?, ?, ?, 0)`;
        await rawSql(t.store).run(insert, ['s1', id, sellers(1), CONFIRMED, NOW + H, NOW - 2 * H, 'scanned', 3]);
        await rawSql(t.store).run(insert, ['s1', -id, amazons(1), CONFIRMED, NOW - H, NOW - 3 * H, 'not_found', 2]);

        expect(await t.store.migrate(21)).toBe(1);
        const rows = await rawSql(t.store).all<{ package_id: number; source: string; tracking_number: string; polls: number }>(
          'SELECT package_id, source, tracking_number, polls FROM tracking_poll ORDER BY source', []);
        expect(rows.map((r) => ({ ...r, package_id: Number(r.package_id), polls: Number(r.polls) }))).toEqual([
          { package_id: id, source: 'amazon', tracking_number: amazons(1), polls: 2 },
          { package_id: id, source: 'seller', tracking_number: sellers(1), polls: 3 },
        ]);
        // The comparison reads the Amazon row's last poll; the seller's number is not Amazon's.
        expect((await numberScans(t.store, 's1', amazons(1), 0)).lastPolledAt).toBe(NOW - 3 * H);
        expect((await numberScans(t.store, 's1', sellers(1), 0)).lastPolledAt).toBeNull();
        // Only the Amazon row is due: it is claimed and finished as Amazon's, the seller's row left as it was.
        const [task, ...more] = await claimDue(t.store, ['ups'], NOW, 10, 'w1', 10 * 60_000);
        expect(more).toEqual([]);
        expect(task).toEqual({ sellerId: 's1', packageId: id, source: 'amazon', trackingNumber: amazons(1), confirmedAt: CONFIRMED });
        await finishPoll(t.store, task!, 'w1', NOW, 'no_scan', NOW + H);
        expect((await numberScans(t.store, 's1', amazons(1), 0)).lastPolledAt).toBe(NOW);
        const [seller] = await rawSql(t.store).all<{ polls: number; last_polled_at: number }>(
          "SELECT polls, last_polled_at FROM tracking_poll WHERE source = 'seller'", []);
        expect({ polls: Number(seller!.polls), lastPolledAt: Number(seller!.last_polled_at) }).toEqual({ polls: 3, lastPolledAt: NOW - 2 * H });
      });
    });

    describe('migration 028', () => {
      beforeEach(async () => {
        t = await dialect.fresh({ migrate: false });
        await t.store.migrate(27);
      });

      it('queues once what the store holds: the packages written before the poller was fed on write', async () => {
        // Written by the version before, whose every pass read the packages to fill the queue: nothing is queued yet.
        const now = Date.now();
        await t.store.ensureSeller('s1');
        await t.store.writeBatch('s1', seedBatch([
          { orderId: 'o-1', trackingNumber: sellers(1), carrierKey: 'ups', confirmedAt: now - 5 * H },
          { orderId: 'o-2', trackingNumber: sellers(2), carrierKey: 'ups', confirmedAt: now - 5 * H },
          { orderId: 'o-old', trackingNumber: sellers(3), carrierKey: 'ups', confirmedAt: now - 31 * 24 * H },
          { orderId: 'o-ontrac', trackingNumber: 'C10000000000001', carrierKey: 'ontrac', confirmedAt: now - 5 * H },
        ]));
        await putAmazonPackages(t.store, 's1', [1, 2].map((i) => ({
          orderId: `o-${i}`, packageRef: '1', carrier: 'UPS', shippingService: null, trackingNumber: i === 1 ? amazons(1) : sellers(2), shipTime: now - 6 * H,
          status: null, carrierKey: 'ups', trackingKey: i === 1 ? amazons(1) : sellers(2),
        })), now);
        expect(await claimDue(t.store, ['ups'], now, 10, 'before', 10 * 60_000)).toEqual([]);

        expect(await t.store.migrate(28)).toBe(1);
        const due = await claimDue(t.store, ['ups', 'ontrac'], now, 10, 'w1', 10 * 60_000, 's1');
        expect(due.map((task) => `${task.source}:${task.trackingNumber}`).sort()).toEqual([`amazon:${amazons(1)}`, `seller:${sellers(1)}`, `seller:${sellers(2)}`]);
      });
    });

    describe('claims', () => {
      beforeEach(async () => {
        t = await dialect.fresh();
      });

      it('workers claiming at once take each number of every package exactly once, the seller\'s and Amazon\'s', async () => {
        const n = 40;
        const orders = Array.from({ length: n }, (_, i) => i);
        await seedPackages(t.store, 's1', orders.map((i) => ({ orderId: `o-${i}`, trackingNumber: sellers(i), carrierKey: 'ups', confirmedAt: CONFIRMED })), NOW);
        await putAmazonPackages(t.store, 's1', orders.map((i) => ({
          orderId: `o-${i}`, packageRef: '1', carrier: 'UPS', shippingService: null, trackingNumber: amazons(i), shipTime: CONFIRMED, status: null,
          carrierKey: 'ups', trackingKey: amazons(i),
        })), NOW);
        await queuePackages(t.store, 's1', orders.map((i) => `o-${i}`), WINDOW);

        const worker = async (owner: string) => {
          const taken: PollTask[] = [];
          for (;;) {
            const tasks = await claimDue(t.store, ['ups'], NOW, 7, owner, 10 * 60_000);
            if (tasks.length === 0) return taken;
            taken.push(...tasks);
          }
        };
        const taken = (await Promise.all(['w1', 'w2', 'w3'].map(worker))).flat();
        const numbers = taken.map((task) => task.trackingNumber).sort();
        expect(numbers).toEqual([...orders.map(sellers), ...orders.map(amazons)].sort());
        expect(taken.every((task) => task.source === (task.trackingNumber.startsWith('1ZAMAZON') ? 'amazon' : 'seller'))).toBe(true);
      });
    });
  });
}
