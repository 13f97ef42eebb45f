/**
 * The dashboard's Amazon panel end to end, in real headless Chromium against the real server and the local
 * SP-API: a connected seller with synced orders, a sent, a refused and a held confirmation, two confirmation feeds
 * (one processed, one Amazon still works on), a package Amazon holds differently, and a performance report; the held one is released from the page. Desktop and phone width,
 * axe-core clean. `web/dist` must exist (`npm run build:web`).
 */
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmPackages } from '../../src/app/amazon-confirm.js';
import { confirmMany } from '../../src/app/amazon-feed.js';
import type { AmazonDeps } from '../../src/app/amazon-context.js';
import { fetchPerformanceReport } from '../../src/app/amazon-reports.js';
import { syncOrders } from '../../src/app/amazon-sync.js';
import { createApp } from '../../src/server/app.js';
import { setHoldPolicy } from '../../src/store/amazon.js';
import { freshSqliteStore, type TestStore } from '../../src/store/testing.js';
import { makeOrder, makeSeller, UK, US } from '../mock-sp-api/fixtures.js';
import { connectMockSeller, mockDeps } from '../mock-sp-api/harness.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from '../mock-sp-api/server.js';
import { browserPrerequisite, DESKTOP, expectAccessible, PHONE, ROOT, WEB_ROOT, launchChromium } from './browser.js';

const missing = browserPrerequisite('dashboard Amazon panel');
const SELLER = 'shop';
const HOUR = 3_600_000;
const DAY = 86_400_000;
const UPS_A = '1Z999AA10123456784';
const UPS_B = '1ZQNZLQYYW42578153';
const UPS_C = '1Z999AA10123451118';
const UPS_D = '1Z999AA10123452224';

describe.skipIf(missing !== null)('the dashboard\'s Amazon panel in Chromium', () => {
  let db: TestStore;
  let mock: MockSpApi;
  let seller: MockSeller;
  let deps: AmazonDeps;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl = '';

  beforeAll(async () => {
    db = await freshSqliteStore();
    const now = Date.now();
    seller = makeSeller('panel', { count: 30, marketplaceIds: [US, UK] });
    const [sent, held, byFeed, inFeed] = [9001, 9002, 9003, 9004].map((n) => makeOrder({ n, marketplaceId: US, createdAt: now - 2 * HOUR, updatedAt: now - HOUR }));
    for (const order of [sent!, held!, byFeed!, inFeed!]) seller.orders.set(order.orderId, order);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    seller.performanceReport = {
      accountStatuses: [{ marketplaceId: US, status: 'NORMAL' }],
      performanceMetrics: [{
        marketplaceId: US,
        validTrackingRate: {
          reportingDateRange: { reportingDateFrom: `${day(now - 30 * DAY)}T00:00Z`, reportingDateTo: `${day(now - DAY)}T23:59Z` },
          shipmentCount: 40, validTrackingCount: 36, status: 'BAD', rate: 0.9, targetValue: 0.95, targetCondition: 'GREATER_THAN',
        },
        lateShipmentRate: {
          reportingDateRange: { reportingDateFrom: `${day(now - 30 * DAY)}T00:00Z`, reportingDateTo: `${day(now - DAY)}T23:59Z` },
          orderCount: 20, lateShipmentCount: 1, status: 'GOOD', rate: 0.05, targetValue: 0.04, targetCondition: 'LESS_THAN',
        },
      }],
    };
    mock = await startMockSpApi([seller]);
    mock.settleMs = 0;
    mock.pollsToFinish = 1;
    deps = mockDeps(db.store, mock);
    await connectMockSeller(deps, SELLER, seller);
    await syncOrders(deps, SELLER);
    const shipDate = now - HOUR;
    await confirmPackages(deps, SELLER, [
      { orderId: sent!.orderId, carrierCode: 'UPS', trackingNumber: UPS_A, shipDate },
      { orderId: held!.orderId, carrierCode: 'USPS', trackingNumber: UPS_B, shipDate },
    ]);
    await setHoldPolicy(db.store, SELLER, { untilFirstScan: true, marginMinutes: 120 }, now);
    await confirmPackages(deps, SELLER, [{ orderId: held!.orderId, carrierCode: 'UPS', trackingNumber: UPS_B, shipDate }]);
    // Edited in Seller Central: the carrier typed as Other.
    mock.touch(seller, sent!.orderId, (o) => {
      o.packages![0] = { ...o.packages![0]!, carrier: 'Other', shippingService: 'UPS Ground' };
    });
    await syncOrders(deps, SELLER);
    await fetchPerformanceReport(deps, SELLER, { pollEveryMs: 5 });
    // By feed: one Amazon has processed, one it still works on (not waited for).
    await confirmMany(deps, SELLER, [{ orderId: byFeed!.orderId, carrierCode: 'UPS', trackingNumber: UPS_C, shipDate }], { feed: true, hold: null, pollEveryMs: 5 });
    await confirmMany(deps, SELLER, [{ orderId: inFeed!.orderId, carrierCode: 'UPS', trackingNumber: UPS_D, shipDate }], { feed: true, hold: null, wait: false });
    app = await createApp({ store: db.store, defaultSellerId: SELLER, webRoot: WEB_ROOT, amazon: deps.amazon });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await mock?.close();
    await db?.dispose();
  });

  const open = async (viewport: { width: number; height: number }): Promise<Page> => {
    const page = await browser.newPage({ viewport, reducedMotion: 'reduce' });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${baseUrl}/?marketplace=US`);
    await page.locator('main:not([aria-busy])').waitFor();
    await page.locator('#amazon-body dl.facts').waitFor();
    expect(problems, 'errors in the page').toEqual([]);
    return page;
  };

  it('shows the connection, the held and refused confirmations, the package Amazon holds differently and its report beside vtrguard\'s', async () => {
    const page = await open(DESKTOP);
    const facts = await page.locator('#amazon-body dl.facts').innerText();
    expect(facts).toMatch(/Marketplaces\s+US, UK/);
    expect(facts).toMatch(/Orders synced\s+\d+/);
    expect(facts).toMatch(/Confirmations\s+2 sent, 1 held, 1 sending \(in a feed Amazon is processing\), 1 refused/);
    const feeds = page.locator('#amazon-body table', { hasText: 'Confirmation feeds' }).locator('tbody tr');
    expect(await feeds.count()).toBe(2);
    expect(await feeds.nth(0).innerText()).toMatch(/^\S+\s+US\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\s+1\s+…\s*Processing · IN_QUEUE\s*$/);
    expect(await feeds.nth(1).innerText()).toMatch(/^\S+\s+US\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\s+1\s+DONE\s+(\d+) of \1 rows accepted$/);
    expect(await page.locator('#amazon-sync').innerText()).toMatch(/^last sync \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, \d+ minutes? ago$/);
    const refused = page.locator('#amazon-body table', { hasText: 'Refused, failed and partial' }).locator('tbody tr');
    expect(await refused.count()).toBe(1);
    expect(await refused.first().innerText()).toContain('fix: the number is UPS\'s: send carrier code "UPS"');
    const differs = page.locator('#amazon-body table', { hasText: 'differently' }).locator('tbody tr');
    expect(await differs.first().innerText()).toMatch(/UPS 1Z999AA10123456784\s+Other 1Z999AA10123456784\s+VTR defect: Carrier not accepted/);
    const vtr = page.locator('#amazon-body tr[data-key="US/vtr"]');
    // vtrguard holds no package confirmed in Amazon's VTR window: its count is 0, and no difference is made up.
    expect(await vtr.innerText()).toMatch(/^US\s+Valid tracking\s+90\.0% \(36\/40\)\s+— \(0\/0\)\s+—/);
    const lsr = page.locator('#amazon-body tr[data-key="US/lsr"]');
    // Beyond the tolerance: flagged in words and symbol, with the likely reason.
    expect(await lsr.innerText()).toMatch(/^US\s+Late shipment\s+5\.0% \(1\/20\)\s+\d+\.\d% \(\d+\/\d+\)\s+✕\s+Beyond tolerance · \d+(\.\d+)? pts\s+vtrguard counts \d+ fewer orders/);
    await expectAccessible(page, 'Amazon panel, desktop');
    if (process.env.VTRGUARD_SCREENSHOTS) await page.locator('#amazon').screenshot({ path: join(resolve(ROOT, process.env.VTRGUARD_SCREENSHOTS), 'amazon.png') });

    // Released from the page: sent to Amazon now, and the panel says so.
    const before = mock.confirmations.length;
    await page.getByRole('button', { name: /^Send now: order .* package 1$/ }).click();
    await page.locator('#amazon-body table', { hasText: 'Held until' }).locator('td.empty').waitFor();
    expect(mock.confirmations.length).toBe(before + 1);
    expect(await page.locator('#amazon-body dl.facts').innerText()).toMatch(/Confirmations\s+3 sent, 0 held, 1 sending \(in a feed Amazon is processing\), 1 refused/);
    await expectAccessible(page, 'Amazon panel after a release');
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await open(PHONE);
    await page.locator('#amazon').scrollIntoViewIfNeeded();
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
    await expectAccessible(page, 'Amazon panel, phone');
    await page.close();
  });
});
