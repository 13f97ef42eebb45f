import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONFIRMATION_STATES, countConfirmations, insertConfirmation, listConfirmations, moveConfirmation, moveConfirmations, type ConfirmationRow,
  type ConfirmationState,
} from './amazon.js';
import type { Store } from './store.js';
import { dialectCases, rawSql, type TestStore } from './testing.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const ZERO = Object.fromEntries(CONFIRMATION_STATES.map((state) => [state, 0])) as Record<ConfirmationState, number>;

/** The seller's confirmations in each state, counted row by row (what the kept counts must equal). */
async function countedRows(store: Store, sellerId: string): Promise<Record<ConfirmationState, number>> {
  const rows = await rawSql(store).all<{ state: ConfirmationState; n: number }>(
    'SELECT state, COUNT(*) AS n FROM amazon_confirmations WHERE seller_id = ? GROUP BY state', [sellerId],
  );
  return { ...ZERO, ...Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])) };
}

const confirmation = (confirmationId: string, state: ConfirmationState): ConfirmationRow => ({
  confirmationId, orderId: `111-0000000-${confirmationId.padStart(7, '0')}`, packageRef: '1', state,
  request: JSON.stringify({ carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' }), reason: null, holdUntil: null, createdAt: NOW, updatedAt: NOW,
});

type Write =
  | { kind: 'insert'; seller: number; state: ConfirmationState }
  /** Moves of the `pick`-th confirmation of the seller, from its state or (refused then) from another one, in one call. */
  | { kind: 'move'; seller: number; moves: { pick: number; from: ConfirmationState | 'its own'; to: ConfirmationState }[] };
type Step = Write | { kind: 'transaction'; writes: Write[]; rollBack: boolean };

const state = fc.constantFrom(...CONFIRMATION_STATES);
const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), seller: fc.nat(1), state }),
  {
    arbitrary: fc.record({
      kind: fc.constant('move' as const), seller: fc.nat(1),
      moves: fc.array(fc.record({ pick: fc.nat(), from: fc.oneof({ arbitrary: fc.constant('its own' as const), weight: 3 }, { arbitrary: state, weight: 1 }), to: state }), { minLength: 1, maxLength: 3 }),
    }),
    weight: 2,
  },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: write, weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('transaction' as const), writes: fc.array(write, { minLength: 1, maxLength: 4 }), rollBack: fc.boolean() }), weight: 1 },
);

class RolledBack extends Error {}

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`confirmation counts on ${dialect.name}`, () => {
    let t: TestStore;
    afterEach(async () => t.dispose());

    describe('kept by every confirmation write', () => {
      beforeEach(async () => {
        t = await dialect.fresh();
      });

      it('equal a count of the rows after random inserts, moves, refused moves and transactions kept or rolled back', async () => {
        const runs = dialect.name === 'sqlite' ? 60 : 25;
        let run = 0;
        let moved = 0;
        let rolledBack = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
            const sellers = [`a-${run}`, `b-${run}`];
            run++;
            /** Each seller's confirmations: id and state as last written (a rolled-back transaction's are put back). */
            let held: Map<string, ConfirmationState>[] = [new Map(), new Map()];
            let next = 0;
            const apply = async (store: Store, w: Write) => {
              const mine = held[w.seller]!;
              if (w.kind === 'insert') {
                const id = String(next++);
                await insertConfirmation(store, sellers[w.seller]!, confirmation(id, w.state));
                mine.set(id, w.state);
                return;
              }
              const ids = [...mine.keys()];
              if (ids.length === 0) return;
              // One move alone through moveConfirmation, several in one moveConfirmations call: each applies after
              // the one before it.
              const moves = w.moves.map(({ pick, from, to }) => ({ confirmationId: ids[pick % ids.length]!, from, to }));
              const expected = new Set<string>();
              const asked = moves.map(({ confirmationId, from, to }) => {
                const state = from === 'its own' ? mine.get(confirmationId)! : from;
                if (state === mine.get(confirmationId)) {
                  expected.add(confirmationId);
                  mine.set(confirmationId, to);
                  moved++;
                }
                return { confirmationId, from: state, to, reason: 'moved' };
              });
              if (asked.length === 1) {
                const [{ confirmationId, from, to, reason }] = asked as [typeof asked[0]];
                expect(await moveConfirmation(store, sellers[w.seller]!, confirmationId, from, to, reason, NOW)).toBe(expected.has(confirmationId));
              } else {
                expect(await moveConfirmations(store, sellers[w.seller]!, asked, NOW)).toEqual(expected);
              }
            };
            for (const s of steps) {
              if (s.kind !== 'transaction') {
                await apply(t.store, s);
                continue;
              }
              const before = held.map((m) => new Map(m));
              try {
                await t.store.transaction(async (tx) => {
                  for (const w of s.writes) await apply(tx, w);
                  if (s.rollBack) throw new RolledBack();
                });
              } catch (error) {
                if (!(error instanceof RolledBack)) throw error;
                held = before;
                rolledBack++;
              }
            }
            for (const seller of sellers) expect(await countConfirmations(t.store, seller)).toEqual(await countedRows(t.store, seller));
          }),
          { numRuns: runs },
        );
        // The sequences must move confirmations and roll transactions back, or agreement would prove little.
        expect(moved).toBeGreaterThan(runs);
        expect(rolledBack).toBeGreaterThan(runs / 10);
      });
    });

    describe('migration 027', () => {
      beforeEach(async () => {
        t = await dialect.fresh({ migrate: false });
        await t.store.migrate(26);
      });

      it('counts the confirmations an existing store holds, and later writes count on from there', async () => {
        const states: [string, ConfirmationState][] = [
          ['s1', 'sent'], ['s1', 'sent'], ['s1', 'held'], ['s1', 'refused'], ['s1', 'partial'], ['s2', 'failed'], ['s2', 'sent'],
        ];
        for (const [i, [seller, s]] of states.entries()) {
          const row = confirmation(String(i), s);
          await rawSql(t.store).run(
            `INSERT INTO amazon_confirmations (seller_id, confirmation_id, order_id, package_ref, state, request, reason, hold_until, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [seller, row.confirmationId, row.orderId, row.packageRef, row.state, row.request, row.reason, row.holdUntil, row.createdAt, row.updatedAt],
          );
        }

        expect(await t.store.migrate()).toBeGreaterThanOrEqual(1);
        expect(await countConfirmations(t.store, 's1')).toEqual({ ...ZERO, sent: 2, held: 1, refused: 1, partial: 1 });
        expect(await countConfirmations(t.store, 's2')).toEqual({ ...ZERO, failed: 1, sent: 1 });
        expect(await countConfirmations(t.store, 's3')).toEqual(ZERO);
        await insertConfirmation(t.store, 's1', confirmation('7', 'held'));
        expect(await moveConfirmation(t.store, 's1', '2', 'held', 'sending', null, NOW)).toBe(true);
        expect(await countConfirmations(t.store, 's1')).toEqual({ ...ZERO, sent: 2, held: 1, sending: 1, refused: 1, partial: 1 });
      });
    });
  });
}

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`confirmation lists on ${dialect.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await dialect.fresh();
    });
    afterEach(async () => t.dispose());

    const PROBLEMS: ConfirmationState[] = ['refused', 'failed', 'partial'];
    /** Confirmations of two sellers, written interleaved: ids of one length (one order in every collation), `created_at` often tied. */
    const written: (ConfirmationRow & { sellerId: string })[] = [];
    for (let i = 0; i < 150; i++) {
      const sellerId = i % 3 === 2 ? 's2' : 's1';
      // The oldest 100 are problems (the history the panel must not read), the newest of every state.
      const rowState = i < 100 ? PROBLEMS[i % PROBLEMS.length]! : CONFIRMATION_STATES[i % CONFIRMATION_STATES.length]!;
      written.push({ ...confirmation(`c${String((i * 37) % 150).padStart(4, '0')}`, rowState), sellerId, createdAt: NOW + Math.floor(i / 4) * 60_000 });
    }
    /** What the list must hold: the seller's rows in these states, by `created_at` then `confirmation_id`, at most `limit`. */
    const expected = (sellerId: string, states: readonly ConfirmationState[], limit: number, order: 'oldest' | 'newest') => written
      .filter((row) => row.sellerId === sellerId && states.includes(row.state))
      .sort((a, b) => (a.createdAt - b.createdAt || (a.confirmationId < b.confirmationId ? -1 : 1)) * (order === 'oldest' ? 1 : -1))
      .slice(0, limit)
      .map((row) => row.confirmationId);
    const ids = async (sellerId: string, states: readonly ConfirmationState[], limit?: number, order?: 'oldest' | 'newest') =>
      (await listConfirmations(t.store, sellerId, states, limit, order)).map((row) => row.confirmationId);

    it("gives the newest problems across their states in order, ties by id, of the seller's only, and the oldest as before", async () => {
      for (const { sellerId, ...row } of written) await insertConfirmation(t.store, sellerId, row);
      const newest = expected('s1', PROBLEMS, 20, 'newest');
      // The page is the newest 20 of more, several states share it, and some of its rows tie on `created_at`.
      expect(written.filter((row) => row.sellerId === 's1' && PROBLEMS.includes(row.state)).length).toBeGreaterThan(40);
      const page = written.filter((row) => newest.includes(row.confirmationId) && row.sellerId === 's1');
      expect(new Set(page.map((row) => row.state)).size).toBe(3);
      expect(new Set(page.map((row) => row.createdAt)).size).toBeLessThan(20);

      expect(await ids('s1', PROBLEMS, 20, 'newest')).toEqual(newest);
      expect(await ids('s2', PROBLEMS, 20, 'newest')).toEqual(expected('s2', PROBLEMS, 20, 'newest'));
      // The held queue, the list by state of the API, the oldest of several states, a state given twice.
      expect(await ids('s1', ['held'])).toEqual(expected('s1', ['held'], 500, 'oldest'));
      for (const rowState of CONFIRMATION_STATES) expect(await ids('s1', [rowState])).toEqual(expected('s1', [rowState], 500, 'oldest'));
      expect(await ids('s1', PROBLEMS, 7)).toEqual(expected('s1', PROBLEMS, 7, 'oldest'));
      expect(await ids('s1', ['held', 'sent', 'held'], 500)).toEqual(expected('s1', ['held', 'sent'], 500, 'oldest'));
      expect(await ids('s3', PROBLEMS, 20, 'newest')).toEqual([]);
    });
  });
}
