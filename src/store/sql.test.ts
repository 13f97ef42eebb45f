import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows, insertRows } from './sql.js';
import type { SqlValue } from './sql.js';
import { sqlOf } from './sql-store.js';
import { dialectCases } from './testing.js';
import type { TestStore } from './testing.js';

const UPSERT = `INSERT INTO bulk_rows (k, v, n) VALUES (?, ?, ?)
  ON CONFLICT (k) DO UPDATE SET v = excluded.v, n = bulk_rows.n + excluded.n`;

/** Text that an array literal or a multi-row statement could mangle. */
const AWKWARD = ['', 'NULL', 'a,b', '{x}', 'say "hi"', 'back\\slash', "it's", 'tab\there', 'zwölf €', ' padded '];

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`bulk inserts on ${dialect.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await dialect.fresh();
      await sqlOf(t.store).exec('CREATE TABLE bulk_rows (k TEXT PRIMARY KEY, v TEXT, n BIGINT)');
    });
    afterEach(async () => t.dispose());

    const byKey = (a: { k: string }, b: { k: string }) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0);
    // Sorted here: the database's collation may order punctuation differently.
    const read = async () => (await sqlOf(t.store).all<{ k: string; v: string | null; n: number | null }>('SELECT k, v, n FROM bulk_rows')).sort(byKey);

    it('keeps every value as given: empty strings, quotes, commas, braces, backslashes, nulls and large numbers', async () => {
      const rows: SqlValue[][] = AWKWARD.map((v, i) => [`k${i}`, v, i === 3 ? null : 1_762_093_600_000 + i]);
      rows.push(['k-null', null, null]);
      expect(await insertRows(sqlOf(t.store), UPSERT, rows)).toBe(rows.length);
      const expected = rows.map(([k, v, n]) => ({ k: k as string, v, n })).sort(byKey);
      expect((await read()).map((r) => ({ ...r, n: r.n === null ? null : Number(r.n) }))).toEqual(expected);
    });

    it('applies rows that share a key one after the other, across statements of any size', async () => {
      // 12,000 rows over 3 keys: every statement meets each key many times and the rows span several statements.
      const rows: SqlValue[][] = Array.from({ length: 12_000 }, (_, i) => [`k${i % 3}`, `v${i}`, 1]);
      await insertRows(sqlOf(t.store), UPSERT, rows, (row) => String(row[0]));
      expect(await read()).toEqual([
        { k: 'k0', v: 'v11997', n: 4000 },
        { k: 'k1', v: 'v11998', n: 4000 },
        { k: 'k2', v: 'v11999', n: 4000 },
      ]);
    });

    it('appends rows after a shared prefix', async () => {
      const rows: SqlValue[][] = Array.from({ length: 7_001 }, (_, i) => [`k${String(i).padStart(5, '0')}`, i]);
      await appendRows(sqlOf(t.store), 'INSERT INTO bulk_rows (v, k, n) VALUES (?, ?, ?)', rows, ['same']);
      const all = await read();
      expect(all).toHaveLength(7_001);
      expect(all[7_000]).toEqual({ k: 'k07000', v: 'same', n: 7_000 });
    });
  });
}
