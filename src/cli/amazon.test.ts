import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrder, makeSeller, orderIdOf, US } from '../../test/mock-sp-api/fixtures.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from '../../test/mock-sp-api/server.js';
import { registerAmazon } from './amazon.js';
import { runCommand } from './cli-harness.js';
import { registerConfirm } from './confirm.js';

describe('vtrguard amazon and confirm', () => {
  let dir: string;
  let db: string;
  let mock: MockSpApi;
  let seller: MockSeller;
  const both = (program: Parameters<typeof registerAmazon>[0]) => {
    registerAmazon(program);
    registerConfirm(program);
  };
  const run = (...args: string[]) => runCommand(both, ['--db', db, '--seller', 'shop', ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-amazon-cli-'));
    db = join(dir, 'a.db');
    seller = makeSeller('cli', { count: 8, marketplaceIds: [US] });
    const fresh = makeOrder({ n: 7001, marketplaceId: US, createdAt: Date.now() - 3_600_000, updatedAt: Date.now() - 600_000 });
    seller.orders.set(fresh.orderId, fresh);
    mock = await startMockSpApi([seller]);
    mock.settleMs = 0;
    vi.stubEnv('VTRGUARD_SECRET_KEY', randomBytes(32).toString('hex'));
    vi.stubEnv('VTRGUARD_SP_API_ENDPOINT', mock.url);
    vi.stubEnv('VTRGUARD_LWA_TOKEN_URL', mock.tokenUrl);
    vi.stubEnv('LWA_CLIENT_ID', seller.clientId);
    vi.stubEnv('LWA_CLIENT_SECRET', seller.clientSecret);
    vi.stubEnv('LWA_REFRESH_TOKEN', seller.refreshToken);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects, syncs, refuses a defect with its fix, sends the rest and shows the status — never a secret', async () => {
    const connected = await run('amazon', 'connect', '--verbose');
    expect(connected.exitCode).toBe(0);
    expect(connected.stdout).toContain('US  ATVPDKIKX0DER');
    expect(connected.stderr).toContain('sp-api shop getMarketplaceParticipations 200');

    const synced = await run('amazon', 'sync');
    expect(synced.stdout).toMatch(/^synced 9 orders written/);

    const csv = join(dir, 'confirm.csv');
    writeFileSync(csv, `order_id,carrier_code,tracking_number,ship_date\n${orderIdOf(7001)},UPS,1Z999AA10123456784,${new Date().toISOString()}\n${orderIdOf(7001)},USPS,1ZQNZLQYYW42578153,${new Date().toISOString()}\n`);
    const confirmed = await run('confirm', csv);
    expect(confirmed.exitCode).toBe(1);
    expect(confirmed.stdout).toMatch(/^sent {5}\S+ #1$/m);
    expect(confirmed.stdout).toMatch(/refused .*\n.*\n\s+fix: the number is UPS's: send carrier code "UPS"/);
    expect(mock.confirmations).toHaveLength(1);

    // One package from the command line, through the same gateway.
    const one = await run('confirm', '1Z879E930346834440', '--order', orderIdOf(7001), '--carrier', 'USPS');
    expect(one.exitCode).toBe(1);
    expect(one.stdout).toMatch(/^refused {2}\S+\n.*\n\s+fix: the number is UPS's: send carrier code "UPS"/m);
    const fixed = await run('confirm', '1Z879E930346834440', '--order', orderIdOf(7001), '--carrier', 'UPS', '--method', 'Ground');
    expect(fixed.exitCode).toBe(0);
    expect(fixed.stdout).toMatch(/^sent {5}\S+ #2$/m);
    expect(mock.confirmations.at(-1)!.body).toMatchObject({ packageDetail: { packageReferenceId: '2', carrierCode: 'UPS', shippingMethod: 'Ground', trackingNumber: '1Z879E930346834440' } });
    expect(mock.confirmations).toHaveLength(2);

    const status = await run('amazon', 'status');
    expect(status.stdout).toContain('shop connected (na): US');
    expect(status.stdout).toContain('confirmations: 2 sent, 0 held, 2 refused');
    const everything = [connected, synced, confirmed, one, fixed, status].map((r) => r.stdout + r.stderr).join('\n');
    for (const secret of [seller.clientSecret, seller.refreshToken, 'Atza|']) expect(everything).not.toContain(secret);
  });

  it('confirms a file by the feed with --feed, showing each package as Amazon\'s processing report has it', async () => {
    mock.pollsToFinish = 1;
    const csv = join(dir, 'feed.csv');
    const shipped = new Date().toISOString();
    writeFileSync(csv, 'order_id,carrier_code,tracking_number,ship_date,order_item_id,quantity\n'
      + `${orderIdOf(1)},UPS,1ZI69FH60101018902,${shipped},${seller.orders.get(orderIdOf(1))!.orderItems[0]!.orderItemId},1\n`
      + `${orderIdOf(2)},UPS,1Z5R89390357567127,${shipped},99999999999999,1\n`
      + `${orderIdOf(3)},USPS,1Z999AA10123456784,${shipped},,\n`);
    const before = mock.calls.filter((c) => c.operation === 'confirmShipment').length;
    const result = await run('confirm', '--file', csv, '--feed');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^feed \d+ \(US, 2 packages in 2 rows\): DONE, Amazon accepted 1 of 2 rows$/m);
    expect(result.stdout).toMatch(new RegExp(`^sent {5}${orderIdOf(1)} #1$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^failed {3}${orderIdOf(2)} #1: Amazon refused feed row 2: OrderItemId is invalid`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^refused  ${orderIdOf(3)}`, 'm'));
    expect(mock.calls.filter((c) => c.operation === 'confirmShipment').length).toBe(before);
  });

  it('waits for a feed printing its polls, leaves it open when the polls run out, and `amazon feeds --wait` finishes it', async () => {
    mock.pollsToFinish = 1_000_000;
    vi.stubEnv('VTRGUARD_FEED_POLL_SECONDS', '0.001');
    const order = seller.orders.get(orderIdOf(6))!;
    expect(order.orderItems.length).toBe(2);
    const csv = join(dir, 'partial.csv');
    const shipped = new Date().toISOString();
    writeFileSync(csv, 'order_id,carrier_code,tracking_number,ship_date,order_item_id,quantity\n'
      + `${order.orderId},UPS,1Z8V92A70367203024,${shipped},${order.orderItems[0]!.orderItemId},1\n`
      + `${order.orderId},UPS,1Z8V92A70367203024,${shipped},99999999999999,1\n`);
    const waited = await run('confirm', '--file', csv, '--feed');
    expect(waited.stderr).toMatch(/^feed (\d+) \(US\): IN_PROGRESS, poll 120$/m);
    expect(waited.stdout).toMatch(/^feed \d+ \(US, 1 packages in 2 rows\): IN_PROGRESS — still with Amazon: vtrguard amazon feeds --wait follows it/m);
    expect(waited.stdout).toMatch(new RegExp(`^sending {3}${order.orderId} #1: in feed \\d+$`, 'm'));
    expect((await run('amazon', 'status')).stdout).toMatch(/1 sending \(in a feed Amazon is processing\)[^]*\n {2}feed \d+ \(US, 1 packages in 2 rows\): IN_PROGRESS/);

    mock.pollsToFinish = 1;
    const resumed = await run('amazon', 'feeds', '--wait');
    vi.stubEnv('VTRGUARD_FEED_POLL_SECONDS', '');
    expect(resumed.stdout).toMatch(/^feed \d+ \(US, 1 packages in 2 rows\): DONE, Amazon accepted 1 of 2 rows$/m);
    const status = await run('amazon', 'status');
    expect(status.stdout).toMatch(/1 partial \(Amazon refused some items\)/);
    expect(status.stdout).toContain(`partial ${order.orderId}: Amazon confirmed package 1 with 1 of its 2 items; it refused item 99999999999999: `
      + 'item 99999999999999 (feed row 2): OrderItemId is invalid');
    expect(status.stdout).not.toMatch(/sending/);
  });

  it('says what is missing when credentials are not given', async () => {
    vi.stubEnv('LWA_CLIENT_SECRET', '');
    const result = await run('amazon', 'connect');
    vi.stubEnv('LWA_CLIENT_SECRET', seller.clientSecret);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('clientSecret is missing: put it in the --credentials file or LWA_CLIENT_SECRET');
  });
});
