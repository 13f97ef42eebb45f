import { queueForPolling } from '../src/ingest/tracking/queue.js';
import { rawSql } from '../src/store/testing.js';
import { claimDue } from '../src/store/tracking-poll.js';
import { BENCH_NOW, BENCH_SELLER, generateBenchData, onEachDialect, timed } from './data-set.js';

const HOUR = 3_600_000;
/** Packages a write batch of an import holds (src/ingest/import.ts). */
const BATCH = 5_000;
const CLAIM_ROUNDS = 7;

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The carrier poll queue's work (docs/scaling.md, stop 26): what a write of packages adds to feed it, per package
 * written (5,000 a batch, as an import writes them), and a claim of 120 due rows of every seller and of one. A pass
 * does no other queue work: nothing before its claims. On the benches' data set with its carriers given their
 * registry keys (UPS, USPS, FedEx, DHL and DHL eCommerce have an API: a third of the packages), then again with every
 * package due (a UPS number confirmed an hour before, not delivered): the worst case of a write, every package queued.
 * Sizes: VTRGUARD_BENCH_POLL_PACKAGES, comma-separated (default 1000000).
 */
export async function benchPollQueue(): Promise<void> {
  const sizes = (process.env.VTRGUARD_BENCH_POLL_PACKAGES ?? '1000000').split(',').map(Number);
  console.log('\n## the poll queue: fed on write, claimed from indexes (no work before a pass\'s claims)');
  for (const n of sizes) {
    await onEachDialect(async (name, store) => {
      await generateBenchData(store, n);
      const label = `${name} ${n.toLocaleString('en')}`;
      const orderIds = (await rawSql(store).all<{ order_id: string }>('SELECT order_id FROM packages')).map((r) => r.order_id);
      const mixes = [
        ['realistic carriers', `UPDATE packages SET carrier_key = CASE carrier_code WHEN 'UPS' THEN 'ups' WHEN 'USPS' THEN 'usps' WHEN 'FedEx' THEN 'fedex'
          WHEN 'DHL' THEN 'dhl' WHEN 'DHL eCommerce' THEN 'dhl-ecommerce' ELSE 'other' END`],
        ['every package due', `UPDATE packages SET carrier_key = 'ups', delivered_at = NULL, confirmed_at = ${BENCH_NOW - HOUR}`],
      ] as const;
      for (const [mix, update] of mixes) {
        await rawSql(store).run(update);
        let writeMs = 0;
        for (let i = 0; i < orderIds.length; i += BATCH) {
          const batch = orderIds.slice(i, i + BATCH);
          writeMs += (await timed(() => store.transaction((tx) => queueForPolling(tx, BENCH_SELLER, batch, BENCH_NOW))))[1];
        }
        const [{ open } = { open: 0 }] = await rawSql(store).all<{ open: number }>('SELECT COUNT(*) AS open FROM tracking_poll WHERE done = 0');
        const claims: string[] = [];
        for (const seller of [undefined, BENCH_SELLER]) {
          const rounds: number[] = [];
          for (let round = 0; round < CLAIM_ROUNDS; round++) {
            rounds.push((await timed(() => claimDue(store, ['ups'], BENCH_NOW, 120, `bench-${round}`, 10 * 60_000, seller)))[1]);
            await rawSql(store).run('UPDATE tracking_poll SET lease_until = NULL, lease_owner = NULL WHERE lease_owner IS NOT NULL');
          }
          claims.push(`${median(rounds).toFixed(1)} ms ${seller === undefined ? 'every seller' : 'one seller'}`);
        }
        console.log(`${label}, ${mix}: queue work on write ${(writeMs * 1000 / orderIds.length).toFixed(1)} µs a package written `
          + `(${(writeMs / 1000).toFixed(1)} s in all); ${Number(open).toLocaleString('en')} open rows; a claim of 120 UPS rows: ${claims.join(', ')}`);
      }
    });
  }
}
