import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtModule, runAlone } from '../../test/run-alone.js';
import { openStore } from './open.js';
import { SqliteDriver } from './sqlite-driver.js';
import type { WalCheckpointMode } from './wal-checkpointer.js';

/**
 * Who copies SQLite's write-ahead log back into the database file. In WAL mode the file itself changes only at a
 * checkpoint, so its size tells whether one has run since a write.
 */
describe('WAL checkpoints', () => {
  let dir: string;
  let path: string;
  const drivers: SqliteDriver[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-wal-'));
    path = join(dir, 't.db');
  });
  afterEach(async () => {
    for (const driver of drivers.splice(0)) await driver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (checkpoint: WalCheckpointMode) => {
    const driver = SqliteDriver.open(path, { busyWaitMs: 0, checkpoint });
    drivers.push(driver);
    await driver.exec('CREATE TABLE IF NOT EXISTS t (v TEXT)');
    return driver;
  };
  const fileSize = () => statSync(path).size;
  /** ~6 MB in one transaction: well past the 1,000 pages (4 MB) at which a commit checkpoints by default. */
  const writeMuch = (driver: SqliteDriver) => driver.transaction(async (tx) => {
    for (let k = 0; k < 300; k++) await tx.run(`INSERT INTO t SELECT printf('%0200d', value) FROM json_each(json_array(${Array.from({ length: 100 }, (_, i) => i).join(',')}))`);
  });
  const MB = 1 << 20;

  it('inline: the commit that grows the log past 1,000 pages copies it back itself', async () => {
    const driver = await open('inline');
    await writeMuch(driver);
    expect(fileSize()).toBeGreaterThan(5 * MB);
  });

  it('elsewhere: a commit never checkpoints (another store of the process does)', async () => {
    const driver = await open('elsewhere');
    await writeMuch(driver);
    expect(fileSize()).toBeLessThan(MB);
  });

  it('background: the commits leave the log to a thread of the store, which copies it back beside them', async () => {
    const driver = await open('background');
    await writeMuch(driver);
    expect(driver.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await vi.waitFor(() => expect(fileSize()).toBeGreaterThan(5 * MB), { timeout: 10_000, interval: 20 });
  });

  it('background: when the thread stops on its own, the commits checkpoint again (a log nobody copies back grows without end)', async () => {
    const driver = await open('background');
    await driver.checkpointer!.kill();
    await vi.waitFor(() => expect(driver.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000));
    await writeMuch(driver);
    expect(fileSize()).toBeGreaterThan(5 * MB);
  });

  it('closes in a process that has nothing else to do (the idle thread does not hold it open, nor end it mid-close)', () => {
    expect(runAlone(dir, `
      import { openStore } from ${JSON.stringify(builtModule('store/open.js'))};
      const store = await openStore(${JSON.stringify(path)}, { walCheckpoint: 'background' });
      await store.close();
      process.stdout.write('closed');
    `)).toEqual({ status: 0, stdout: 'closed', stderr: '' });
  });

  it('a store checkpointed in the background tells the other threads that open it not to checkpoint', async () => {
    const background = await openStore(path, { walCheckpoint: 'background' });
    const inline = await openStore(join(dir, 'u.db'));
    try {
      expect(background.location?.options).toMatchObject({ walCheckpoint: 'elsewhere' });
      expect(inline.location?.options).toMatchObject({ walCheckpoint: 'inline' });
    } finally {
      await background.close();
      await inline.close();
    }
  });
});
