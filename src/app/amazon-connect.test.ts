import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialSignals } from '../alerts/signals.js';
import { makeSeller, UK, US } from '../../test/mock-sp-api/fixtures.js';
import { connectMockSeller, mockDeps } from '../../test/mock-sp-api/harness.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from '../../test/mock-sp-api/server.js';
import { getConnection } from '../store/amazon.js';
import { freshSqliteStore, rawSql, type TestStore } from '../store/testing.js';
import { connectAmazon, secretRotation } from './amazon-connect.js';
import { openCredentials, type AmazonDeps } from './amazon-context.js';

let db: TestStore;
let mock: MockSpApi;
let seller: MockSeller;
let deps: AmazonDeps;

beforeEach(async () => {
  db = await freshSqliteStore();
  seller = makeSeller('conn', { count: 0, marketplaceIds: [US, UK, 'A2ZV50J4W1RKNI'] });
  mock = await startMockSpApi([seller]);
  deps = mockDeps(db.store, mock);
});
afterEach(async () => {
  await mock.close();
  await db.dispose();
});

describe('connectAmazon', () => {
  it('finds the marketplaces and keeps the credentials only sealed', async () => {
    const result = await connectMockSeller(deps, 's1', seller);
    expect(result.marketplaces.map((m) => m.marketplace)).toEqual(['US', 'UK', null]);
    expect(JSON.stringify(result)).not.toContain(seller.clientSecret);
    const dump = JSON.stringify(await rawSql(db.store).all('SELECT * FROM amazon_connections'));
    for (const secret of [seller.clientId, seller.clientSecret, seller.refreshToken, '"na"']) expect(dump).not.toContain(secret);
    const stored = (await getConnection(db.store, 's1'))!;
    expect(openCredentials(deps, stored)).toMatchObject({ clientSecret: seller.clientSecret, region: 'na' });
  });

  it('refuses bad credentials, stores nothing and raises the credential alert', async () => {
    await expect(connectAmazon(deps, 's1', { clientId: seller.clientId, clientSecret: 'wrong-secret-xyz', refreshToken: seller.refreshToken, region: 'na' }))
      .rejects.toMatchObject({ code: 'AMAZON_AUTH_FAILED' });
    expect(await getConnection(db.store, 's1')).toBeNull();
    expect(await credentialSignals(db.store, 's1')).toMatchObject([{ source: 'amazon', ok: false }]);
  });

  it('replaces a rotated secret without a new authorisation, and several sellers live side by side', async () => {
    const other = makeSeller('other', { count: 0, marketplaceIds: [UK] });
    mock.sellers.push(other);
    await connectMockSeller(deps, 's1', seller);
    await connectMockSeller(deps, 's2', other);
    seller.clientSecret = 'amzn1.oa2-cs.v1.rotated-0000000000';
    const again = await connectMockSeller(deps, 's1', seller);
    expect(again.updated).toBe(true);
    expect(openCredentials(deps, (await getConnection(db.store, 's1'))!).clientSecret).toBe(seller.clientSecret);
    expect((await getConnection(db.store, 's2'))!.marketplaces.map((m) => m.id)).toEqual([UK]);
  });

  it('needs the installation key and a known region', async () => {
    await expect(connectMockSeller({ ...deps, amazon: { ...deps.amazon, secretKey: null } }, 's1', seller)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(connectAmazon(deps, 's1', { clientId: 'a', clientSecret: 'b', refreshToken: 'c', region: 'moon' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('warns in the last two weeks before the 180-day secret rotation', () => {
    const day = 86_400_000;
    expect(secretRotation(0, 100 * day)).toMatchObject({ daysLeft: 80, warn: false });
    expect(secretRotation(0, 170 * day)).toMatchObject({ daysLeft: 10, warn: true });
    expect(secretRotation(0, 181 * day)).toMatchObject({ daysLeft: -1, warn: true });
  });
});
