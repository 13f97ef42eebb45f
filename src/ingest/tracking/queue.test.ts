import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedBatch, seedPackages, type SeedPackage } from '../../../test/mock-carriers/seed.js';
import { putAmazonPackages } from '../../store/amazon.js';
import { dialectCases, type TestStore } from '../../store/testing.js';
import { claimDue, finishPoll } from '../../store/tracking-poll.js';
import { writeDerived } from '../import.js';
import { queueForPolling } from './queue.js';

const H = 3_600_000;
const DAY = 24 * H;
const NOW = Date.parse('2026-06-10T12:00:00Z');
const LEASE = 10 * 60_000;
const SELLERS = '1ZSELLER0000000001';
const AMAZONS = '1ZAMAZON0000000001';

/** The numbers the poller would ask for at `at`: every UPS row due then, claimed and let go again, still due. */
async function dueAt(store: TestStore['store'], at: number, sellerId?: string): Promise<string[]> {
  const owner = `probe-${at}-${Math.random()}`;
  const tasks = await claimDue(store, ['ups'], at, 1_000, owner, LEASE, sellerId);
  for (const task of tasks) await finishPoll(store, task, owner, at, 'probe', at);
  return tasks.map((t) => `${t.source}:${t.trackingNumber}`).sort();
}

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`the poll queue fed on write on ${dialect.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await dialect.fresh();
    });
    afterEach(async () => t.dispose());

    const pkg = (over: Partial<SeedPackage> = {}): SeedPackage => ({ orderId: 'o-1', trackingNumber: SELLERS, carrierKey: 'ups', confirmedAt: NOW - 5 * H, ...over });
    /** Writes packages the way every source does (src/ingest/import.ts `writeDerived`), at `now`. */
    const write = async (packages: readonly SeedPackage[], now = NOW, exempt = false) => {
      await t.store.ensureSeller('s1');
      const batch = seedBatch(packages);
      const written = { ...batch, packages: batch.packages!.map((p) => ({ ...p, exempt })) };
      await t.store.transaction((tx) => writeDerived(tx, 's1', written, now));
    };
    /** Amazon's record of package `o-1` with `number` (the Amazon sync's write: its rows, then the queue). */
    const amazonHolds = async (number: string, now = NOW) => {
      await t.store.transaction(async (tx) => {
        await putAmazonPackages(tx, 's1', [{
          orderId: 'o-1', packageRef: '1', carrier: 'UPS', shippingService: null, trackingNumber: number, shipTime: NOW - 6 * H, status: null,
          carrierKey: 'ups', trackingKey: number,
        }], now);
        await queueForPolling(tx, 's1', ['o-1'], now);
      });
    };

    it('makes a confirmed package of a carrier with an API due as soon as it is written, and no other', async () => {
      await write([
        pkg(),
        pkg({ orderId: 'o-untracked', trackingNumber: null }),
        pkg({ orderId: 'o-ontrac', trackingNumber: 'C10000000000001', carrierKey: 'ontrac' }),
        pkg({ orderId: 'o-old', trackingNumber: '1ZOLD0000000000001', confirmedAt: NOW - 31 * DAY }),
      ]);
      await write([pkg({ orderId: 'o-exempt', trackingNumber: '1ZEXEMPT0000000001' })], NOW, true);
      expect(await dueAt(t.store, NOW)).toEqual([`seller:${SELLERS}`]);
    });

    it('polls a corrected number from the start, and leaves an unchanged one on its schedule', async () => {
      await write([pkg()]);
      const owner = 'w1';
      const [task] = await claimDue(t.store, ['ups'], NOW, 10, owner, LEASE);
      await finishPoll(t.store, task!, owner, NOW, 'no_scan', NOW + 4 * H);
      // The same file imported again: the number keeps its schedule (due in four hours, not now).
      await write([pkg()], NOW + H);
      expect(await dueAt(t.store, NOW + H)).toEqual([]);
      // The number corrected: the new one is due at once.
      await write([pkg({ trackingNumber: '1ZFIXED00000000001' })], NOW + H);
      expect(await dueAt(t.store, NOW + H)).toEqual(['seller:1ZFIXED00000000001']);
    });

    it('polls Amazon\'s differing number beside the seller\'s, drops it while Amazon holds the seller\'s, takes it up when they differ again', async () => {
      await write([pkg()]);
      await amazonHolds(AMAZONS);
      expect(await dueAt(t.store, NOW)).toEqual([`amazon:${AMAZONS}`, `seller:${SELLERS}`]);
      await amazonHolds(SELLERS, NOW + H);
      expect(await dueAt(t.store, NOW + H)).toEqual([`seller:${SELLERS}`]);
      // Amazon's number again (edited in Seller Central once more): followed again, from the start.
      await amazonHolds(AMAZONS, NOW + 2 * H);
      expect(await dueAt(t.store, NOW + 2 * H)).toEqual([`amazon:${AMAZONS}`, `seller:${SELLERS}`]);
      // The seller's records take Amazon's number: one number, polled once, as the seller's.
      await write([pkg({ trackingNumber: AMAZONS })], NOW + 3 * H);
      expect(await dueAt(t.store, NOW + 3 * H)).toEqual([`seller:${AMAZONS}`]);
      // …and their own again: Amazon's number, which Amazon still holds, is taken up again though it did not change.
      await write([pkg()], NOW + 4 * H);
      expect(await dueAt(t.store, NOW + 4 * H)).toEqual([`amazon:${AMAZONS}`, `seller:${SELLERS}`]);
    });

    it('does not poll the seller\'s number of a package delivered since it was queued; Amazon\'s number goes on', async () => {
      await write([pkg(), pkg({ orderId: 'o-2', trackingNumber: '1ZSELLER0000000002' })]);
      await amazonHolds(AMAZONS);
      await t.store.insertEvents('s1', [{
        carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: SELLERS, occurredAt: NOW - H, offsetMinutes: 0, status: 'delivered', code: 'D',
        description: 'Delivered', location: null, source: 'webhook', eventKey: 'delivered-1',
      }], NOW);
      expect(await dueAt(t.store, NOW)).toEqual([`amazon:${AMAZONS}`, 'seller:1ZSELLER0000000002']);
      // Closed for good: a later claim does not see it either.
      expect(await dueAt(t.store, NOW + DAY)).toEqual([`amazon:${AMAZONS}`, 'seller:1ZSELLER0000000002']);
    });

    it('leaves a claim of one seller to that seller\'s rows', async () => {
      await seedPackages(t.store, 's1', [pkg()], NOW);
      await seedPackages(t.store, 's2', [pkg({ trackingNumber: '1ZOTHER00000000001' })], NOW);
      expect(await dueAt(t.store, NOW, 's2')).toEqual(['seller:1ZOTHER00000000001']);
      expect(await dueAt(t.store, NOW)).toEqual(['seller:1ZOTHER00000000001', `seller:${SELLERS}`]);
    });
  });
}
