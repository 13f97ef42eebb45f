/**
 * The dashboard end to end, in real headless Chromium (Debian's `chromium`, driven by playwright-core),
 * against the real server on a demo database: pick a marketplace, filter the defects by a carrier and a
 * category, download the CSV, validate a number, see the forecast chart drawn; at desktop and phone width.
 *
 * It builds nothing itself: `web/dist` must exist (`vite build web`, which `npm test` runs first). Screenshots
 * go to $VTRGUARD_SCREENSHOTS when set (`docs/screenshots` to refresh the README's), else to a temp dir.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_CONFIG } from '../../src/metrics/config.js';
import { createDemo } from '../../src/demo/create-demo.js';
import { createApp } from '../../src/server/app.js';
import { freshSqliteStore } from '../../src/store/testing.js';
import type { TestStore } from '../../src/store/testing.js';
import { DESKTOP, NOW, PHONE, WEB_ROOT, browserPrerequisite, expectAccessible, screenshotDir, launchChromium } from './browser.js';

const SELLER = 'demo';
const missing = browserPrerequisite('dashboard end-to-end');

interface DefectRow {
  orderId: string;
  carrierCode: string | null;
  carrierName: string | null;
  categories: string[];
}

interface DefectPage {
  total: number;
  items: DefectRow[];
}

const carrierOf = (row: Pick<DefectRow, 'carrierCode' | 'carrierName'>): string =>
  row.carrierCode === 'Other' && row.carrierName ? `Other: ${row.carrierName}` : (row.carrierCode ?? '(none)');

describe.skipIf(missing !== null)('dashboard in Chromium', () => {
  let db: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl = '';
  let shots = '';
  let downloads = '';

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(baseUrl + path);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    db = await freshSqliteStore();
    await createDemo(db.store, SELLER, DEFAULT_METRICS_CONFIG, { now: NOW, seed: 7 });
    app = await createApp({ store: db.store, defaultSellerId: SELLER, webRoot: WEB_ROOT, now: () => NOW });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    shots = screenshotDir();
    downloads = mkdtempSync(join(tmpdir(), 'vtrguard-downloads-'));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true, reducedMotion: 'reduce' });
    page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(baseUrl + '/');
    // Every section has loaded once the page is no longer busy.
    await page.locator('#marketplace:not([disabled])').waitFor();
    await page.locator('main:not([aria-busy])').waitFor();
    expect(problems, 'errors in the page').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.dispose();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  const loaded = async (): Promise<void> => {
    await page.locator('main:not([aria-busy])').waitFor();
    await page.locator('#defects:not([aria-busy])').waitFor();
  };

  it('opens on the demo seller and switches marketplace', async () => {
    const options = await page.locator('#marketplace option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['US', 'UK', 'DE']));
    await page.selectOption('#marketplace', 'UK');
    await loaded();
    await expect.poll(() => page.locator('#title-context').textContent()).toContain('UK');
    await page.selectOption('#marketplace', 'US');
    await loaded();
    await expect.poll(() => page.locator('#title-context').textContent()).toContain('US');
    expect(new URL(page.url()).searchParams.get('marketplace')).toBe('US');

    // VTR per category: one bar per category of the report, each saying its status in words.
    const metrics = await api<{ vtr: { byCategory: { category: string }[]; overall: { rate: number } } }>(
      '/v1/metrics?marketplace=US',
    );
    await expect.poll(() => page.locator('#vtr-bars .bar-row').count()).toBe(metrics.vtr.byCategory.length);
    // Each bar is a button whose name says the category, its rate and status in words, and what it opens.
    const named = page.getByRole('button', { name: /^.+ \d+\.\d% (On target|At risk|Below target).*, [\d,]+ of [\d,]+ valid\. Show its defects$/ });
    expect(await named.count()).toBe(metrics.vtr.byCategory.length);
    expect(await page.locator('#vtr-overall .figure').textContent()).toBe(`${(metrics.vtr.overall.rate * 100).toFixed(1)}%`);
    await expect.poll(() => page.locator('#tiles .tile').count()).toBe(4);
    // `At risk` is explained where it is shown.
    expect(await page.locator('#vtr-status-help').textContent()).toContain('At risk: on target today, but the forecast falls below 95% within 7 days');
    expect(await page.locator('#scorecard-help').textContent()).toContain('At risk: on target today');
    await expectAccessible(page, 'desktop, US, every section loaded');
  });

  it('lists what needs attention in every marketplace, and opens one in its marketplace', async () => {
    await expect.poll(() => page.locator('#attention-asof').textContent()).toMatch(/^Data as of /);
    // The attention view's own test (dashboard-attention.test.ts) walks it; here: it lists its use case's items.
    const report = await api<{ metrics: { marketplace: string; key: string }[] }>('/v1/attention');
    const expected = report.metrics.map((m) => `${m.marketplace} ${m.key}`);
    expect(expected.length).toBeGreaterThan(0);
    const shown = await page.locator('#attention-list .attention-item').evaluateAll((items) => items.map((i) => `${i.getAttribute('data-marketplace')} ${i.getAttribute('data-key')}`));
    expect(shown).toEqual(expected);
    await expectAccessible(page, 'the attention view');

    const elsewhere = shown.find((key) => !key.startsWith('US ')) ?? shown[0] ?? '';
    const [marketplace, key] = elsewhere.split(' ');
    await page.locator(`#attention-list .attention-item[data-marketplace="${marketplace}"][data-key="${key}"] button`).click();
    await expect.poll(() => page.locator('#title-context').textContent()).toContain(marketplace ?? '');
    await loaded();
    await page.selectOption('#marketplace', 'US');
    await loaded();
    // The item opened its metric's defects; the tests below read VTR's.
    await page.selectOption('#defects-metric', 'vtr');
    await loaded();
  });

  it('says the page is busy from the start until its first figures are shown, however slowly they come', async () => {
    const slow = await context.newPage();
    // The seller's marketplaces arrive late: before them the page has nothing to show, and must not look ready.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await slow.route('**/v1/marketplaces', async (route) => {
      await held;
      await route.continue();
    });
    await slow.goto(`${baseUrl}/?marketplace=US&category=${encodeURIComponent('Toys & Games')}#vtr`);
    expect(await slow.locator('main').getAttribute('aria-busy')).toBe('true');
    release();
    await slow.locator('main:not([aria-busy])').waitFor();
    await slow.locator('#defects:not([aria-busy])').waitFor();
    expect(await slow.locator('#defects-category').inputValue()).toBe('Toys & Games');
    await slow.close();
  });

  it('opens an alert link on its marketplace and category, and a bar opens its defects by keyboard', async () => {
    const linked = await context.newPage();
    await linked.goto(`${baseUrl}/?marketplace=US&category=${encodeURIComponent('Toys & Games')}#vtr`);
    await linked.locator('main:not([aria-busy])').waitFor();
    await linked.locator('#defects:not([aria-busy])').waitFor();
    expect(await linked.locator('#defects-category').inputValue()).toBe('Toys & Games');
    expect(await linked.locator('#trend-category').inputValue()).toBe('Toys & Games');
    expect(await linked.locator('#vtr-bars .bar-row[data-category="Toys & Games"] button').getAttribute('aria-pressed')).toBe('true');
    for (const text of await linked.locator('#defects-table td[data-col="category"]').allTextContents()) expect(text).toContain('Toys & Games');

    // Another bar, reached and pressed by keyboard, narrows the defects and the trend to its category.
    const other = linked.locator('#vtr-bars .bar-row button[aria-pressed="false"]').first();
    const name = (await other.locator('.bar-name').textContent()) ?? '';
    await other.focus();
    await linked.keyboard.press('Enter');
    await expect.poll(() => linked.locator('#defects-category').inputValue()).toBe(name);
    await linked.locator('#defects:not([aria-busy])').waitFor();
    expect(await linked.locator('#trend-category').inputValue()).toBe(name);
    expect(new URL(linked.url()).searchParams.get('category')).toBe(name);
    await expectAccessible(linked, 'a category chosen from its bar');
    await linked.close();
  });

  it('draws the trend and forecast chart', async () => {
    const canvas = page.locator('#trend-chart');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(box?.height ?? 0).toBeGreaterThan(150);
    // Non-empty: a good share of the canvas's pixels were painted by chart.js.
    const painted = await canvas.evaluate((element) => {
      const c = element as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      if (!data) return 0;
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) count++;
      return count / (c.width * c.height);
    });
    expect(painted).toBeGreaterThan(0.01);
    // The forecast reached the chart: its days (after the as-of date) are in the summary.
    expect(await page.locator('#trend-summary').textContent()).toMatch(/by 2026-12-04 if nothing new ships/);
    await page.selectOption('#trend-category', 'Overall');
    expect(await page.locator('#trend-summary').textContent()).toMatch(/^Solid lines.*Overall \d+\.\d% now/);
  });

  it('filters the defects by a carrier and a category, sorts them by keyboard, and downloads them as CSV', async () => {
    // Pick a carrier and category that do have defects, from the API the page itself uses.
    const all = await api<DefectPage>('/v1/defects?metric=vtr&marketplace=US&asOf=2026-11-20');
    expect(all.total).toBeGreaterThan(0);
    const sample = all.items.find((r) => r.carrierCode !== null && r.carrierCode !== 'Other') ?? all.items[0];
    if (!sample) throw new Error('the demo has no VTR defects');
    const carrier = carrierOf(sample);
    const category = sample.categories[0] ?? '';
    const query = `/v1/defects?metric=vtr&marketplace=US&asOf=2026-11-20&limit=1000&carrier=${encodeURIComponent(carrier)}&category=${encodeURIComponent(category)}`;
    const expected = await api<DefectPage>(query);

    await page.selectOption('#defects-carrier', carrier);
    await loaded();
    await page.selectOption('#defects-category', category);
    await loaded();
    const rows = page.locator('#defects-table tbody tr');
    // The table shows 25 rows a page.
    await expect.poll(() => rows.count()).toBe(Math.min(expected.total, 25));
    for (const text of await page.locator('#defects-table td[data-col="carrier"]').allTextContents()) expect(text).toBe(carrier);
    for (const text of await page.locator('#defects-table td[data-col="category"]').allTextContents()) expect(text).toContain(category);

    // Keyboard sorting: Tab to the header button, Enter sorts ascending, Enter again descending.
    const sortButton = page.locator('#defects-table button[data-sort="order"]');
    await sortButton.focus();
    await page.keyboard.press('Enter');
    const header = page.locator('#defects-table th:has(button[data-sort="order"])');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await page.locator('#defects-table td[data-col="order"]').allTextContents();
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#defects-csv')]);
    expect(download.suggestedFilename()).toMatch(/^vtrguard-defects-US-2026-11-20-.+\.csv$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
    expect(records).toHaveLength(expected.total);
    const ids = new Set(expected.items.map((r) => r.orderId));
    for (const record of records) {
      const code = record.carrierCode ?? record.carrier_code ?? '';
      const name = record.carrierName ?? record.carrier_name ?? '';
      expect(carrierOf({ carrierCode: code || null, carrierName: name || null })).toBe(carrier);
      expect(record.categories ?? record.category ?? '').toContain(category);
      if (expected.total === expected.items.length) expect(ids.has(record.orderId ?? record.order_id ?? '')).toBe(true);
    }
    await expectAccessible(page, 'defects filtered and sorted');
    await page.locator('#defects').screenshot({ path: join(shots, 'defects.png') });
  });

  it('validates pasted tracking numbers and says why', async () => {
    await page.fill('#validate-input', '1Z999AA10123456784, UPS\n1Z999AA10123456785');
    await page.click('#validate-submit');
    const results = page.locator('#validate-results .result');
    await expect.poll(() => results.count()).toBe(2);
    expect(await results.nth(0).getAttribute('data-valid')).toBe('true');
    expect(await results.nth(0).textContent()).toContain('Valid');
    expect(await results.nth(1).getAttribute('data-valid')).toBe('false');
    expect(await results.nth(1).locator('li').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'validation results');
    await page.locator('#validate').screenshot({ path: join(shots, 'validate.png') });
  });

  it('shows the scorecard and the packages waiting for a first scan', async () => {
    expect(await page.locator('#scorecard-table tbody tr').count()).toBeGreaterThan(1);
    expect(await page.locator('#scorecard-table td[data-col="scan"]').first().textContent()).toMatch(/\d+(\.\d)? (h|d)/);
    expect(await page.locator('#watch-table tbody tr').count()).toBeGreaterThan(0);
  });

  it('lists the packages waiting for a first scan in the chosen marketplace and day, in its local time, each with its own advice', async () => {
    await page.selectOption('#marketplace', 'UK');
    await loaded();
    const uk = await api<{ items: { orderId: string; nextStep: { text: string } }[] }>('/v1/watch?marketplace=UK&limit=500');
    expect(uk.items.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#watch-table tbody tr').count()).toBe(Math.min(uk.items.length, 10));
    for (const order of await page.locator('#watch-table td[data-col="order"]').allTextContents()) expect(uk.items.map((i) => i.orderId)).toContain(order);
    for (const time of await page.locator('#watch-table td[data-col="confirmed"]').allTextContents()) expect(time).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2} (GMT|BST)$/);
    const advice = await page.locator('#watch-table td[data-col="next"]').allTextContents();
    if (advice.length > 1) expect(new Set(advice).size).toBeGreaterThan(1);

    // A day before any order: nothing waited, and the defects say there was nothing to measure, not that all was well.
    await page.fill('#as-of', '2026-01-05');
    await page.dispatchEvent('#as-of', 'change');
    await loaded();
    await expect.poll(() => page.locator('#watch-table td.empty').textContent()).toContain('at the end of 2026-01-05');
    await expect.poll(() => page.locator('#defects-table td.empty').textContent()).toContain('No packages in UK');
    expect(await page.locator('#defects-table td.empty').textContent()).not.toContain('valid tracking');
    await expectAccessible(page, 'an empty window');

    await page.selectOption('#marketplace', 'US');
    await loaded();
  });

  it('saves the desktop screenshots', async () => {
    await page.selectOption('#defects-carrier', '');
    await page.selectOption('#defects-category', '');
    await page.selectOption('#trend-category', '');
    await loaded();
    await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
    // The first screen for the README, then each main view on its own.
    await page.screenshot({ path: join(shots, 'dashboard-desktop.png') });
    for (const id of ['vtr', 'other-metrics', 'trend', 'watch', 'scorecard']) {
      await page.locator(`#${id}`).screenshot({ path: join(shots, `${id}.png`) });
    }
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize(PHONE);
    await phone.goto(`${baseUrl}/?marketplace=US`);
    await phone.locator('main:not([aria-busy])').waitFor();
    await phone.locator('#vtr-bars .bar-row').first().waitFor();
    const overflow = await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBe(0);
    await expectAccessible(phone, 'phone width');
    await phone.screenshot({ path: join(shots, 'dashboard-phone.png') });
    await phone.locator('#trend').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(shots, 'dashboard-phone-trend.png') });
    await phone.close();
  });

  it('labels every control and shows keyboard focus', async () => {
    const unlabelled = await page.evaluate(`[...document.querySelectorAll('select, input, textarea')]
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
      .map((el) => el.id || el.outerHTML.slice(0, 60))`);
    expect(unlabelled).toEqual([]);
    // :focus-visible follows keyboard use, so reach the control by Tab rather than by a script's focus().
    await page.focus('#marketplace');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('marketplace');
    const outline = await page.evaluate(`getComputedStyle(document.activeElement).outlineStyle`);
    expect(outline).not.toBe('none');
  });
});
