/**
 * The dashboard's import, settings and many-sellers views (issue 19, items 10–12) in real headless Chromium
 * against the real server, at desktop and phone width, with axe-core on every state: an upload with rejected rows
 * (chosen with the file input, and dropped on the zone), the alert rules, channels and carrier credentials, the
 * seller switcher of an operator (3PL) key, and its refusal for a seller's own key.
 *
 * Like dashboard.test.ts it builds nothing: `web/dist` must exist. Screenshots go to $VTRGUARD_SCREENSHOTS when set.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listChannels } from '../../src/alerts/channels.js';
import { createApiKey } from '../../src/server/api-keys.js';
import { createApp } from '../../src/server/app.js';
import { freshSqliteStore, rawSql } from '../../src/store/testing.js';
import type { TestStore } from '../../src/store/testing.js';
import { makeSeller, UK, US } from '../mock-sp-api/fixtures.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from '../mock-sp-api/server.js';
import { browserPrerequisite, demoOperator, DESKTOP, expectAccessible, NOW, PHONE, screenshotDir, WEB_ROOT, launchChromium } from './browser.js';

const WIDTHS = [
  { name: 'desktop', viewport: DESKTOP },
  { name: 'phone', viewport: PHONE },
] as const;

const HEADER = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date';
const GOOD = '112-1234567-1234567,US,2026-11-15T10:00:00Z,2026-11-17T07:59:59Z,2026-11-19,SKU-1,Toys & Games,UPS,1Z999AA10123456784,2026-11-16T18:00:00Z';
const BAD = '112-7654321-7654321,US,yesterday,2026-11-17T07:59:59Z,2026-11-19,SKU-2,Toys & Games,UPS,1Z999AA10123456784,2026-11-16T18:00:00Z';

const missing = browserPrerequisite('dashboard import, settings and sellers');

describe.skipIf(missing !== null)('dashboard import, settings and sellers in Chromium', () => {
  let db: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl = '';
  let shots = '';
  let operatorKey = '';
  let acmeKey = '';
  let boltKey = '';
  let amazonSeller: MockSeller;
  let mock: MockSpApi;

  beforeAll(async () => {
    db = await freshSqliteStore();
    operatorKey = await demoOperator(db.store);
    acmeKey = (await createApiKey(db.store, 'acme', 'own', NOW)).key;
    boltKey = (await createApiKey(db.store, 'bolt', 'own', NOW)).key;
    // A local SP-API: the page's Amazon credentials are checked against it.
    amazonSeller = makeSeller('ops', { count: 2, marketplaceIds: [US, UK] });
    mock = await startMockSpApi([amazonSeller]);
    app = await createApp({
      store: db.store, defaultSellerId: 'nobody', webRoot: WEB_ROOT, now: () => NOW,
      amazon: { secretKey: randomBytes(32), endpoint: mock.url, tokenUrl: mock.tokenUrl },
    });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    shots = screenshotDir();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await mock?.close();
    await db?.dispose();
  });

  /** A page with `key` in this browser's storage (as the key prompt leaves it), errors collected. */
  async function open(key: string, viewport: { width: number; height: number }, query = ''): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport, acceptDownloads: true, reducedMotion: 'reduce' });
    await context.addInitScript(`localStorage.setItem('vtrguard.apiKey', ${JSON.stringify(key)})`);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${baseUrl}/${query}`);
    await page.locator('#sellers-body > *').first().waitFor();
    return { page, problems };
  }

  const noSidewaysScroll = async (page: Page): Promise<void> => {
    const wider = await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => e.tagName + '#' + e.id + '.' + e.className).slice(0, 5).join(', ')`);
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'), `wider than the screen: ${String(wider)}`).toBe(0);
  };

  for (const { name, viewport } of WIDTHS) {
    it(`imports a file with rejected rows and shows each with its line, field and reason (${name})`, async () => {
      const { page, problems } = await open(boltKey, viewport);
      // Keyboard first: Tab reaches the file input, and its focus shows.
      await page.locator('#upload-skip').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.id')).toBe('upload-file');
      expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
      await expectAccessible(page, `${name}: the upload form`);

      const fileName = `week-${name}.csv`;
      await page.setInputFiles('#upload-file', { name: fileName, mimeType: 'text/csv', buffer: Buffer.from(`${HEADER}\n${GOOD.replace('1234567-1234567', `1234567-${name === 'phone' ? '2' : '1'}234567`)}\n${BAD}\n`) });
      await expect.poll(() => page.locator('#upload-progress-label').textContent()).toBe(`Imported ${fileName}`);
      expect(await page.evaluate("document.getElementById('upload-progress').value")).toBe(100);
      await expect.poll(() => page.locator('#upload-result [role="status"]').textContent()).toBe(`${fileName}: 1 row imported, 1 row rejected.`);
      const rows = page.locator('#upload-result tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().locator('td[data-col="line"]').textContent()).toBe('3');
      expect(await rows.first().locator('td[data-col="field"]').textContent()).toBe('purchase_date');
      expect(await rows.first().locator('td[data-col="reason"]').textContent()).toContain('yesterday');
      // On a phone the reason is in the card, labelled, not off to the side.
      if (name === 'phone') {
        const reason = await rows.first().locator('td[data-col="reason"]').boundingBox();
        expect(reason!.x + reason!.width).toBeLessThanOrEqual(viewport.width);
        expect(await page.evaluate(`getComputedStyle(document.querySelector('#upload-result td[data-col="reason"]'), '::before').content`)).toBe('"Reason"');
        await noSidewaysScroll(page);
      }
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#upload-rejects-csv')]);
      expect(download.suggestedFilename()).toBe(`week-${name}.rejected.csv`);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.split('\n')[0]).toBe('line,field,reason,row');
      expect(csv).toContain('3,purchase_date,');
      await expectAccessible(page, `${name}: an import with rejected rows`);
      if (name === 'desktop') await page.locator('#upload').screenshot({ path: join(shots, 'upload.png') });
      else await page.locator('#upload').screenshot({ path: join(shots, 'upload-phone.png') });

      // All or nothing: without "keep the good rows", a bad row stops the import and says where.
      await page.uncheck('#upload-skip');
      await page.setInputFiles('#upload-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`${HEADER}\n${BAD}\n`) });
      await expect.poll(() => page.locator('#upload-result [role="alert"]').textContent()).toContain('IMPORT_BAD_ROW');
      expect(await page.locator('#upload-progress-label').textContent()).toBe('bad.csv was not imported');
      await expectAccessible(page, `${name}: a refused import`);

      // Dropped on the zone: a SKU → category list goes to its own route.
      const dataTransfer = await page.evaluateHandle(`(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['sku,category\\nSKU-1,Toys & Games\\nSKU-2,Books\\n'], 'skus.csv', { type: 'text/csv' }));
        return transfer;
      })()`);
      await page.dispatchEvent('#upload-zone', 'drop', { dataTransfer });
      await expect.poll(() => page.locator('#upload-result [role="status"]').textContent()).toBe('skus.csv: 2 SKUs mapped to categories; the next Amazon sync applies them.');
      expect(await rawSql(db.store).all('SELECT sku FROM amazon_sku_categories WHERE seller_id = ? ORDER BY sku', ['bolt'])).toEqual([{ sku: 'SKU-1' }, { sku: 'SKU-2' }]);
      expect(problems).toEqual([]);
      await page.context().close();
    }, 120_000);

    it(`manages alert rules, channels and carrier credentials without showing a secret back (${name})`, async () => {
      const { page, problems } = await open(boltKey, viewport);
      await page.locator('#rules-list .rule-form').first().waitFor();
      await expectAccessible(page, `${name}: settings`);

      // A rule: switched off and tuned.
      const rule = page.locator('#rules-list .rule-form').filter({ has: page.locator('input[type="number"]') }).first();
      const ruleId = (await rule.getAttribute('data-rule'))!;
      await rule.locator('input[type="checkbox"]').uncheck();
      await rule.locator('input[type="number"]').first().fill('3');
      await rule.locator('button[type="submit"]').click();
      await expect.poll(() => page.locator('#rules-status').textContent()).toBe(`Saved ${ruleId}: off.`);

      // A Slack channel: added, its token masked in the list; changed without re-entering it; removed.
      const token = `secret-token-${name}`;
      await page.selectOption('#channel-kind', 'slack');
      await page.fill('#channel-url', `https://hooks.slack.com/services/T0/B0/${token}`);
      await page.click('#channel-form button[type="submit"]');
      await expect.poll(() => page.locator('#channels-list .channel').count()).toBe(1);
      expect(await page.content()).not.toContain(token);
      await expectAccessible(page, `${name}: a channel added`);
      await page.locator('#channels-list .channel button').first().click();
      expect(await page.locator('#channel-url').getAttribute('placeholder')).toBe('Leave empty to keep the stored one');
      await page.fill('#channel-url', `https://hooks.slack.com/services/T0/B0/${token}-2`);
      await page.click('#channel-form button[type="submit"]');
      await expect.poll(() => page.locator('#channels-status').textContent()).toMatch(/^Saved slack channel ch_/);
      const [stored] = await listChannels(db.store, 'bolt');
      expect(stored?.config).toEqual({ kind: 'slack', url: `https://hooks.slack.com/services/T0/B0/${token}-2` });
      expect(await page.content()).not.toContain(token);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.locator('#channels-list .channel button.danger').click();
      await expect.poll(() => page.locator('#channels-list .channel').count()).toBe(0);

      // A carrier account: saved sealed, shown as set with its date, and never in the page again.
      const secret = `ups-secret-${name}-0123456789`;
      await page.selectOption('#credential-carrier', 'ups');
      await page.fill('#credential-clientId', `bolt-ups-${name}`);
      await page.fill('#credential-clientSecret', secret);
      await page.click('#credential-form button[type="submit"]');
      await expect.poll(() => page.locator('#credentials-list [data-credential="ups"]').textContent()).toMatch(/Set · changed Nov 20/);
      expect(await page.locator('#credential-clientSecret').inputValue()).toBe('');
      expect(await page.content()).not.toContain(secret);
      if (name === 'phone') await noSidewaysScroll(page);
      await expectAccessible(page, `${name}: credentials set`);
      if (name === 'desktop') await page.locator('#settings').screenshot({ path: join(shots, 'settings.png') });
      await page.locator('#credentials-list [data-credential="ups"] button').click();
      await expect.poll(() => page.locator('#credentials-list [data-credential="ups"]').textContent()).toContain('Not set');
      expect(problems).toEqual([]);
      await page.context().close();
    }, 120_000);

    it(`enters, tests, replaces and removes a seller's Amazon credentials, showing only that they are set (${name})`, async () => {
      // Each width connects its own seller; the operator key acts for either.
      const seller = name === 'desktop' ? 'bolt' : 'acme';
      const { page, problems } = await open(operatorKey, viewport, `?seller=${seller}`);
      const row = page.locator('#credentials-list [data-credential="amazon"]');
      await expect.poll(() => row.textContent()).toContain('Not connected');
      const secret = amazonSeller.clientSecret;
      const fill = async (clientSecret: string): Promise<void> => {
        await page.fill('#amazon-clientId', amazonSeller.clientId);
        await page.fill('#amazon-clientSecret', clientSecret);
        await page.fill('#amazon-refreshToken', amazonSeller.refreshToken);
        await page.selectOption('#amazon-region', 'na');
        await page.click('#amazon-credential-form button[type="submit"]');
      };

      // Amazon refuses them: nothing is stored, and the page says why.
      await fill(`${secret}-typo`);
      await expect.poll(() => page.locator('#credentials-status').textContent()).toMatch(/^Not connected: .*\(AMAZON_AUTH_FAILED\)$/);
      expect(await row.textContent()).toContain('Not connected');
      await expectAccessible(page, `${name}: Amazon credentials refused`);

      await fill(secret);
      await expect.poll(() => page.locator('#credentials-status').textContent()).toBe('Connected to Amazon: US, UK.');
      await expect.poll(() => row.textContent()).toMatch(/Set · changed Nov 20, 20:00 UTC · US, UK/);
      expect(await row.textContent()).toContain('Rotate the client secret by 2027-05-19 (180 days left).');
      expect(await row.textContent()).toContain('Amazon accepted them Nov 20, 20:00 UTC.');
      for (const field of ['#amazon-clientId', '#amazon-clientSecret', '#amazon-refreshToken']) expect(await page.locator(field).inputValue()).toBe('');
      for (const value of [secret, amazonSeller.refreshToken]) expect(await page.content()).not.toContain(value);
      expect(await page.locator('#amazon-credential-form-title').textContent()).toBe('Replace the Amazon credentials');
      if (name === 'phone') await noSidewaysScroll(page);
      await expectAccessible(page, `${name}: Amazon connected`);
      if (name === 'desktop') await page.locator('#settings').screenshot({ path: join(shots, 'settings-amazon.png') });

      // The secret is rotated in Seller Central: the test says Amazon no longer takes the stored one.
      amazonSeller.clientSecret = `${secret}-rotated`;
      try {
        await page.getByRole('button', { name: 'Test the Amazon connection' }).click();
        await expect.poll(() => page.locator('#credentials-status').textContent()).toMatch(/^Amazon refused the credentials: /);
        await expect.poll(() => row.textContent()).toMatch(/Amazon refuses them since Nov 20, 20:00 UTC: /);
        await expectAccessible(page, `${name}: Amazon refuses the stored credentials`);
        // Replaced with the new secret: accepted again.
        await fill(`${secret}-rotated`);
        await expect.poll(() => row.textContent()).toContain('Amazon accepted them');
      } finally {
        amazonSeller.clientSecret = secret;
      }
      expect(await page.content()).not.toContain(`${secret}-rotated`);

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Disconnect Amazon' }).click();
      await expect.poll(() => row.textContent()).toContain('Not connected');
      expect(await rawSql(db.store).all('SELECT seller_id FROM amazon_connections WHERE seller_id = ?', [seller])).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    }, 120_000);

    it(`lets an operator key see every seller and switch into one, and tells a seller key it cannot (${name})`, async () => {
      const { page, problems } = await open(operatorKey, viewport);
      await page.locator('#sellers-body table').waitFor();
      const listed = await page.locator('#sellers-body tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
      expect([...listed].sort()).toEqual(['acme', 'bolt']);
      // The demo seller has bad figures: it comes first, with its worst metric in words.
      expect(listed[0]).toBe('acme');
      expect(await page.locator('#sellers-body tr[data-key="acme"] td[data-col="worst"]').textContent()).toMatch(/(Below target|At risk)/);
      // When each seller's next defects enter Amazon's figures: the attention view's list of that seller, counted by day.
      const asOperator = (url: string, seller?: string) =>
        app.inject({ url, headers: { 'x-api-key': operatorKey, ...(seller ? { 'x-vtrguard-seller': seller } : {}) } }).then((r) => r.json() as unknown);
      const overview = (await asOperator('/v1/operator/sellers')) as { sellers: { sellerId: string; defectsDue: { entersOn: string; marketplace: string; metric: string; count: number }[] }[] };
      const acmeDue = overview.sellers.find((s) => s.sellerId === 'acme')!.defectsDue;
      const attention = (await asOperator('/v1/attention', 'acme')) as { upcomingDefects: { total: number; items: { entersOn: string }[] } };
      expect(acmeDue.reduce((n, d) => n + d.count, 0)).toBe(attention.upcomingDefects.total);
      expect(acmeDue[0]?.entersOn).toBe(attention.upcomingDefects.items[0]?.entersOn);
      const firstDay = acmeDue.filter((d) => d.entersOn === acmeDue[0]!.entersOn);
      expect(await page.locator('#sellers-body tr[data-key="acme"] td[data-col="due"] li').first().textContent())
        .toBe(`${firstDay[0]!.entersOn}: ${firstDay.reduce((n, d) => n + d.count, 0)} (${firstDay.map((d) => `${d.marketplace} ${d.metric.toUpperCase()} ${d.count}`).join(', ')})`);
      // The page shows the first seller's figures until another is chosen.
      await expect.poll(() => page.locator('#title-seller').textContent()).toBe('· acme');
      await page.locator('main:not([aria-busy])').waitFor();
      await expect.poll(() => page.locator('#marketplace option').count()).toBeGreaterThan(1);
      if (name === 'phone') await noSidewaysScroll(page);
      await expectAccessible(page, `${name}: an operator's sellers`);
      await page.evaluate('window.scrollTo(0, 0)');
      if (name === 'desktop') await page.locator('#sellers').screenshot({ path: join(shots, 'sellers.png') });

      // Switch by keyboard: the switcher is a labelled select.
      await page.focus('#seller-switch');
      await page.selectOption('#seller-switch', 'bolt');
      await page.waitForURL(/\?seller=bolt/);
      await page.locator('#sellers-body table').waitFor();
      await expect.poll(() => page.locator('#title-seller').textContent()).toBe('· bolt');
      expect(await page.locator('#seller-switch').inputValue()).toBe('bolt');
      await expectAccessible(page, `${name}: switched to another seller`);
      expect(problems).toEqual([]);
      await page.context().close();

      const own = await open(acmeKey, viewport, '?seller=bolt');
      await expect.poll(() => own.page.locator('#sellers-refusal').textContent()).toContain('This key sees only its own seller');
      expect(await own.page.locator('#sellers-switcher').isHidden()).toBe(true);
      // Its own figures still load: acme's marketplaces, not bolt's.
      await own.page.locator('main:not([aria-busy])').waitFor();
      await expect.poll(() => own.page.locator('#marketplace option').count()).toBeGreaterThan(1);
      await expectAccessible(own.page, `${name}: the overview refused to a seller key`);
      expect(own.problems).toEqual([]);
      await own.page.context().close();
    }, 120_000);
  }
});
