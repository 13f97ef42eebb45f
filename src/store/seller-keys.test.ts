import { describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import { dialectCases } from './testing.js';
import { sqlOf } from './sql-store.js';

/**
 * Every primary and unique key of a seller's data leads with seller_id (docs/scaling.md): the condition for
 * distributing the tables by seller. schema_migrations is the database's own, not a seller's. On SQLite an
 * `INTEGER PRIMARY KEY` is the rowid, a storage id of a file that is never distributed (migration 011 says why
 * no seller-leading copy of it is kept there).
 */
const NOT_A_SELLERS_TABLE = new Set(['schema_migrations']);

interface Key {
  table: string;
  columns: string[];
}

async function sqliteKeys(store: Store): Promise<Key[]> {
  const tables = await sqlOf(store).all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const keys: Key[] = [];
  for (const { name } of tables) {
    const columns = await sqlOf(store).all<{ name: string; pk: number; type: string }>(`PRAGMA table_info("${name}")`);
    const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const rowidAlias = pk.length === 1 && pk[0]!.type.toUpperCase() === 'INTEGER';
    if (pk.length > 0 && !rowidAlias) keys.push({ table: name, columns: pk.map((c) => c.name) });
    const indexes = await sqlOf(store).all<{ name: string; unique: number; origin: string }>(`PRAGMA index_list("${name}")`);
    for (const index of indexes.filter((i) => i.unique === 1 && i.origin !== 'pk')) {
      const cols = await sqlOf(store).all<{ seqno: number; name: string }>(`PRAGMA index_info("${index.name}")`);
      keys.push({ table: name, columns: cols.sort((a, b) => a.seqno - b.seqno).map((c) => c.name) });
    }
  }
  return keys;
}

async function postgresKeys(store: Store): Promise<Key[]> {
  const rows = await sqlOf(store).all<{ table_name: string; columns: string }>(
    `SELECT c.conrelid::regclass::text AS table_name,
            string_agg(a.attname, ',' ORDER BY k.ord) AS columns
       FROM pg_constraint c
       JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = current_schema()
       CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.contype IN ('p', 'u')
      GROUP BY c.oid, c.conrelid`,
  );
  const indexes = await sqlOf(store).all<{ table_name: string; columns: string }>(
    `SELECT t.relname AS table_name, string_agg(a.attname, ',' ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE i.indisunique
      GROUP BY i.indexrelid, t.relname`,
  );
  return [...rows, ...indexes].map((r) => ({ table: r.table_name.replace(/^.*\./, '').replace(/"/g, ''), columns: r.columns.split(',') }));
}

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`keys on ${dialect.name}`, () => {
    it('every primary and unique key of a seller table leads with seller_id', async () => {
      const { store, dispose } = await dialect.fresh();
      try {
        const keys = dialect.name === 'sqlite' ? await sqliteKeys(store) : await postgresKeys(store);
        const sellerKeys = keys.filter((k) => !NOT_A_SELLERS_TABLE.has(k.table));
        expect(sellerKeys.length).toBeGreaterThan(15);
        const offenders = sellerKeys.filter((k) => k.columns[0] !== 'seller_id').map((k) => `${k.table} (${k.columns.join(', ')})`);
        expect(offenders).toEqual([]);
        // On PostgreSQL the surrogate-id tables are keyed by (seller_id, id).
        if (dialect.name === 'postgres') for (const [table, id] of [['packages', 'package_id'], ['tracking_events', 'event_id']] as const) {
          expect(sellerKeys.some((k) => k.table === table && k.columns.join() === `seller_id,${id}`)).toBe(true);
        }
      } finally {
        await dispose();
      }
    });
  });
}
