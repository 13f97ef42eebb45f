import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshSqliteStore } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { listAlerts } from './state.js';
import { startAlertScheduler } from './scheduler.js';
import { recordCredentialCheck } from './signals.js';

const NOW = Date.parse('2026-11-20T20:00:00Z');

describe('alert scheduler', () => {
  let db: TestStore;
  beforeEach(async () => { db = await freshSqliteStore(); });
  afterEach(async () => { await db.dispose(); });

  it('evaluates every seller on its interval, and one seller’s failure does not stop the others', async () => {
    for (const seller of ['a', 'b']) {
      await db.store.ensureSeller(seller);
      await recordCredentialCheck(db.store, seller, { source: 'amazon', ok: false, message: 'expired' }, NOW);
    }
    const failures: string[] = [];
    const scheduler = startAlertScheduler(db.store, {
      intervalMs: 20,
      clock: () => NOW,
      snapshots: async (_store, sellerId) => {
        if (sellerId === 'a') throw new Error('metrics down');
        return [];
      },
      onError: (sellerId) => failures.push(sellerId),
    });
    // Two rounds on its own timer, however slow the machine (a fixed sleep failed under load).
    await vi.waitFor(() => expect(failures.length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 10 });
    await scheduler.stop();
    expect(new Set(failures)).toEqual(new Set(['a']));
    expect((await listAlerts(db.store, 'b')).map((a) => a.key)).toEqual(['credential:amazon']);
  });

  it('runs one round at a time when asked directly', async () => {
    await db.store.ensureSeller('a');
    let rounds = 0;
    const scheduler = startAlertScheduler(db.store, {
      intervalMs: 60_000,
      clock: () => NOW,
      snapshots: async () => { rounds++; return []; },
      onError: () => undefined,
    });
    await Promise.all([scheduler.runOnce(), scheduler.runOnce()]);
    expect(rounds).toBe(1);
    await scheduler.runOnce();
    expect(rounds).toBe(2);
    await scheduler.stop();
  });
});
