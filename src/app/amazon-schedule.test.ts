import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSeller, UK, US } from '../../test/mock-sp-api/fixtures.js';
import { connectMockSeller, mockDeps } from '../../test/mock-sp-api/harness.js';
import { startMockSpApi, type MockSpApi } from '../../test/mock-sp-api/server.js';
import { countAmazonOrders, latestReports } from '../store/amazon.js';
import { freshSqliteStore, type TestStore } from '../store/testing.js';
import { startAmazonScheduler } from './amazon-schedule.js';

let db: TestStore;
let mock: MockSpApi;

beforeEach(async () => {
  db = await freshSqliteStore();
});
afterEach(async () => {
  await mock.close();
  await db.dispose();
});

describe('startAmazonScheduler', () => {
  it('syncs every connected seller and fetches a report once a day; one seller\'s failure does not stop the other', async () => {
    const a = makeSeller('a', { count: 20, marketplaceIds: [US] });
    const b = makeSeller('b', { count: 30, marketplaceIds: [UK] });
    mock = await startMockSpApi([a, b]);
    mock.settleMs = 0;
    mock.pollsToFinish = 1;
    const deps = mockDeps(db.store, mock);
    await connectMockSeller(deps, 'a', a);
    await connectMockSeller(deps, 'b', b);
    const bad = makeSeller('gone', { count: 1, marketplaceIds: [US] });
    mock.sellers.push(bad);
    await connectMockSeller(deps, 'c', bad);
    bad.refreshToken = 'revoked';
    const errors: string[] = [];
    const scheduler = startAmazonScheduler(deps, {
      syncEveryMs: 3_600_000, heldEveryMs: 3_600_000, reportEveryMs: 86_400_000, onError: (seller, task) => errors.push(`${seller}:${task}`),
    });
    await scheduler.runOnce();
    await scheduler.runOnce();
    await scheduler.stop();
    expect(await countAmazonOrders(db.store, 'a')).toBe(18);
    expect(await countAmazonOrders(db.store, 'b')).toBe(27);
    expect((await latestReports(db.store, 'a', 5)).map((r) => r.state)).toEqual(['DONE']);
    expect([...new Set(errors)].sort()).toEqual(['c:report', 'c:sync']);
  });
});
