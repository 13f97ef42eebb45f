import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDriver } from './sqlite-driver.js';

describe('SQLite driver transactions', () => {
  let dir: string;
  let driver: SqliteDriver;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-sqlite-'));
    driver = SqliteDriver.open(join(dir, 't.db'), { busyWaitMs: 0 });
    await driver.exec('CREATE TABLE t (v TEXT)');
  });
  afterEach(async () => {
    await driver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const values = async () => (await driver.all<{ v: string }>('SELECT v FROM t ORDER BY v')).map((r) => r.v);

  it('keeps writes from other async work out of a transaction that rolls back', async () => {
    const failing = driver.transaction(async (tx) => {
      await tx.run("INSERT INTO t VALUES ('import')");
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('bad row');
    });
    // A webhook arriving while the import is open: it must wait, then commit on its own.
    const concurrent = driver.run("INSERT INTO t VALUES ('webhook')");
    await expect(failing).rejects.toThrow('bad row');
    await concurrent;
    expect(await values()).toEqual(['webhook']);
  });

  it('runs transactions from different async contexts one after the other', async () => {
    const order: string[] = [];
    const slow = driver.transaction(async (tx) => {
      order.push('a:start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.run("INSERT INTO t VALUES ('a')");
      order.push('a:end');
    });
    const fast = driver.transaction(async (tx) => {
      order.push('b:start');
      await tx.run("INSERT INTO t VALUES ('b')");
      order.push('b:end');
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
    expect(await values()).toEqual(['a', 'b']);
  });

  it('nests as savepoints inside one context', async () => {
    await driver.transaction(async (tx) => {
      await tx.run("INSERT INTO t VALUES ('outer')");
      await expect(tx.transaction(async (inner) => {
        await inner.run("INSERT INTO t VALUES ('inner')");
        throw new Error('inner fails');
      })).rejects.toThrow('inner fails');
    });
    expect(await values()).toEqual(['outer']);
  });

  it('lets another connection that shares its write gate (another thread of this process) wait for its transaction; one without it is refused at once', async () => {
    const sibling = SqliteDriver.open(join(dir, 't.db'), { busyWaitMs: 0, gate: driver.gate!.buffer });
    const stranger = SqliteDriver.open(join(dir, 't.db'), { busyWaitMs: 0 });
    try {
      let inside!: () => void;
      const opened = new Promise<void>((resolve) => { inside = resolve; });
      let finish!: () => void;
      const held = driver.transaction(async (tx) => {
        await tx.run("INSERT INTO t VALUES ('first')");
        inside();
        await new Promise<void>((resolve) => { finish = resolve; });
      });
      await opened;
      await expect(stranger.run("INSERT INTO t VALUES ('stranger')")).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      const waiting = sibling.run("INSERT INTO t VALUES ('second')");
      finish();
      await held;
      await waiting;
      expect(await values()).toEqual(['first', 'second']);
    } finally {
      await sibling.close();
      await stranger.close();
    }
  });
});
