import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ZONES } from '../src/core/time.js';
import { FileText } from '../src/ingest/file-text.js';
import { mapBatches } from '../src/ingest/map-batches.js';
import { DELIMITED, delimitedRows } from '../src/ingest/source-rows.js';
import { openStore } from '../src/store/open.js';
import { appendRows } from '../src/store/sql.js';
import { tableWrites } from '../src/store/table-writes.js';
import { rawSql, sqliteDriver } from '../src/store/testing.js';
import { writeShipmentsFile } from './shipments-file.js';

/**
 * What SQLite alone costs to hold the import's rows in the store's schema: the same generated file mapped by
 * the real importer (not timed), its rows written as plain multi-row INSERTs (the store's own column lists,
 * no conflict clause, no checks, no rollups) into an empty store, in one transaction. Only the statements and
 * the COMMIT are timed. Prints one JSON line: rows, seconds, rows/s and the b-tree entries written per row.
 */
const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'vtrguard-floor-'));

/**
 * Each table is one b-tree (by rowid, or by its key WITHOUT ROWID) plus one per index; the partial index on
 * unscanned packages takes every bench row (none is scanned).
 */
function btreesPerTable(db: Database, table: string): number {
  return 1 + db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").all(table).length;
}

try {
  const file = join(dir, 'shipments.csv');
  await writeShipmentsFile(file, rows);
  const store = await openStore(join(dir, 'floor.db'));
  try {
    const sellerId = 'bench';
    await store.ensureSeller(sellerId);
    const counter = { bytes: 0 };
    const source = delimitedRows(new FileText(file, 'auto', counter), DELIMITED.shipments, { zones: DEFAULT_ZONES, defaultMarketplace: 'US' }, () => undefined);
    const rowsPerTable = new Map<string, number>();
    let written = 0;
    let milliseconds = 0;
    let commitStarted = 0;
    await store.transaction(async (tx) => {
      for await (const mapped of mapBatches(source, counter, { file, skipInvalid: false, batchSize: 5000 })) {
        const writes = tableWrites(tx.dialect, sellerId, mapped.batch);
        const started = performance.now();
        for (const write of writes) await appendRows(rawSql(tx), write.insert, write.rows);
        milliseconds += performance.now() - started;
        for (const write of writes) rowsPerTable.set(write.table, (rowsPerTable.get(write.table) ?? 0) + write.rows.length);
        written += mapped.rowsImported;
      }
      commitStarted = performance.now();
    });
    milliseconds += performance.now() - commitStarted;
    const db = sqliteDriver(store).db;
    let entries = 0;
    for (const [table, count] of rowsPerTable) entries += count * btreesPerTable(db, table);
    const seconds = milliseconds / 1000;
    process.stdout.write(`${JSON.stringify({ rows: written, seconds, rowsPerSecond: written / seconds, entriesPerRow: entries / written })}\n`);
  } finally {
    await store.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
