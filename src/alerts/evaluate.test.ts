import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ZONES } from '../core/time.js';
import { importFile } from '../ingest/import.js';
import { openStore } from '../store/open.js';
import { dialectCases, freshSqliteStore, rawSql } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { addChannel, removeChannel } from './channels.js';
import { listDeliveries } from './deliveries.js';
import { evaluateAlerts } from './evaluate.js';
import type { EvaluateOptions } from './evaluate.js';
import { updateRuleSetting } from './rule-settings.js';
import { recordCredentialCheck } from './signals.js';
import { listAlerts } from './state.js';
import { LOCAL_RECEIVERS, startMailServer, startReceiver } from './testing.js';
import type { MailServer, Receiver } from './testing.js';
import type { AlertEvent, MetricStatus, MetricsSnapshot } from './types.js';

const NOW = Date.parse('2026-11-20T20:00:00Z');
const SECRET = 'whsec-0123456789abcdef';
const SELLER = 'seller-a';

/** A US snapshot whose only category has the given VTR status; LSR, CR and OTDR are fine. */
function snapshotWith(status: MetricStatus, category = 'Toys & Games'): MetricsSnapshot {
  const fine = { rate: 0.01, total: 100, status: 'good' as const };
  return {
    marketplace: 'US',
    asOf: '2026-11-20',
    targets: { vtr: 0.95, lsr: 0.04, cr: 0.025, otdr: 0.9 },
    vtr: { byCategory: [{ category, valid: status === 'bad' ? 90 : 99, total: 100, rate: status === 'bad' ? 0.9 : 0.99, status }] },
    lsr: { d10: fine, d30: fine },
    cr: fine,
    otdr: { rate: 0.99, total: 100, status: 'good' },
    sfp: null,
  };
}

const bodies = (receiver: Receiver) => receiver.requests.map((r) => (JSON.parse(r.body) as { alert: AlertEvent }).alert);

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`evaluateAlerts (${dialect.name})`, () => {
    let db: TestStore;
    let receiver: Receiver;
    let snapshots: MetricsSnapshot[];
    const options = (): EvaluateOptions => ({ dashboardUrl: 'http://dash.test', snapshots: async () => snapshots, delivery: { timeoutMs: 2000, targets: LOCAL_RECEIVERS } });
    const evaluate = (at = NOW) => evaluateAlerts(db.store, SELLER, at, options());

    beforeAll(async () => { receiver = await startReceiver(); });
    afterAll(async () => { await receiver.close(); });
    beforeEach(async () => {
      db = await dialect.fresh();
      receiver.requests.length = 0;
      receiver.respondWith(200);
      snapshots = [snapshotWith('good')];
      await addChannel(db.store, SELLER, { kind: 'webhook', url: receiver.url, secret: SECRET }, NOW);
    });
    afterEach(async () => { await db.dispose(); });

    it('sends each change of state once, with a link to the dashboard view', async () => {
      expect((await evaluate()).changes).toEqual([]);
      snapshots = [snapshotWith('bad')];
      const first = await evaluate(NOW + 1000);
      expect(first.changes.map((c) => [c.key, c.previousLevel, c.level])).toEqual([['vtr_category:US:Toys & Games', 'ok', 'critical']]);
      expect(first.delivery).toEqual({ sent: 1, failed: 0 });
      // Still bad: nothing new is sent, however often it is evaluated.
      for (let i = 2; i < 5; i++) expect((await evaluate(NOW + i * 1000)).changes).toEqual([]);
      snapshots = [snapshotWith('at_risk')];
      await evaluate(NOW + 6000);
      snapshots = [snapshotWith('good')];
      await evaluate(NOW + 7000);
      expect(bodies(receiver).map((a) => [a.previousLevel, a.level, a.changeNo])).toEqual([
        ['ok', 'critical', 1], ['critical', 'warning', 2], ['warning', 'ok', 3],
      ]);
      expect(bodies(receiver)[0]?.url).toBe('http://dash.test/?marketplace=US&category=Toys+%26+Games#vtr');
      expect(await listAlerts(db.store, SELLER)).toEqual([]);
      // Resolved subjects are listed on request: the latest change first, then by key.
      expect((await listAlerts(db.store, SELLER, { includeOk: true })).map((a) => [a.key, a.level, a.changeNo])).toEqual([
        ['vtr_category:US:Toys & Games', 'ok', 3], ['cr:US', 'ok', 0], ['lsr:US', 'ok', 0], ['no_first_scan', 'ok', 0], ['otdr:US', 'ok', 0],
      ]);
    });

    it('retries a failed delivery on the next evaluation and never resends a delivered one', async () => {
      receiver.respondWith(503);
      snapshots = [snapshotWith('bad')];
      expect((await evaluate()).delivery).toEqual({ sent: 0, failed: 1 });
      receiver.respondWith(200);
      const retry = await evaluate(NOW + 60_000);
      expect(retry).toEqual({ changes: [], delivery: { sent: 1, failed: 0 } });
      expect((await evaluate(NOW + 120_000)).delivery).toEqual({ sent: 0, failed: 0 });
      expect(receiver.requests).toHaveLength(2);
      const [delivery] = await listDeliveries(db.store, SELLER);
      expect(delivery).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    });

    it('gives up after the last attempt', async () => {
      receiver.respondWith(500);
      snapshots = [snapshotWith('bad')];
      for (let i = 0; i < 4; i++) await evaluateAlerts(db.store, SELLER, NOW + i, { ...options(), delivery: { timeoutMs: 2000, maxAttempts: 2, targets: LOCAL_RECEIVERS } });
      expect(receiver.requests).toHaveLength(2);
      expect((await listDeliveries(db.store, SELLER))[0]).toMatchObject({ status: 'failed', attempts: 2, lastError: expect.stringContaining('HTTP 500') });
    });

    it('sends a change once even when two evaluations race', async () => {
      snapshots = [snapshotWith('bad')];
      const results = await Promise.all([evaluate(), evaluate(), evaluate()]);
      expect(results.flatMap((r) => r.changes)).toHaveLength(1);
      expect(receiver.requests).toHaveLength(1);
    });

    it.runIf(dialect.name === 'postgres')('sends a change once when evaluations in two processes race over many alerts', async () => {
      // A second store on the same schema: another process's connections, not queued behind this one's.
      const location = db.store.location!;
      const other = await openStore(location.target, location.options);
      try {
        const categories = Array.from({ length: 30 }, (_, i) => `Category ${String(i).padStart(2, '0')}`);
        const snapshot = (status: MetricStatus): MetricsSnapshot => ({
          ...snapshotWith(status),
          vtr: { byCategory: categories.map((category) => snapshotWith(status, category).vtr.byCategory[0]!) },
        });
        snapshots = [snapshot('good')];
        await evaluate();
        snapshots = [snapshot('bad')];
        const results = await Promise.all([
          evaluate(NOW + 1000), evaluateAlerts(other, SELLER, NOW + 1000, options()), evaluate(NOW + 1000),
          evaluateAlerts(other, SELLER, NOW + 1000, options()),
        ]);
        expect(results.flatMap((r) => r.changes).map((c) => c.key).sort()).toEqual(categories.map((c) => `vtr_category:US:${c}`).sort());
        expect((await listAlerts(db.store, SELLER)).map((a) => [a.level, a.changeNo])).toEqual(categories.map(() => ['critical', 1]));
      } finally {
        await other.close();
      }
    });

    it('resolves a subject that is no longer reported, and leaves disabled rules alone', async () => {
      snapshots = [snapshotWith('bad', 'Books')];
      await evaluate();
      snapshots = [snapshotWith('good', 'Toys & Games')];
      const { changes } = await evaluate(NOW + 1000);
      expect(changes.find((c) => c.key === 'vtr_category:US:Books')).toMatchObject({ level: 'ok', message: 'VTR Books (US): no longer applies.' });

      await updateRuleSetting(db.store, SELLER, 'vtr_category', { enabled: false }, NOW);
      snapshots = [snapshotWith('bad', 'Toys & Games')];
      expect((await evaluate(NOW + 2000)).changes).toEqual([]);
    });

    it('alerts on a failing credential, keeping when it started failing', async () => {
      await recordCredentialCheck(db.store, SELLER, { source: 'carrier:ups', ok: false, message: '401 invalid_client' }, NOW - 3_600_000);
      await recordCredentialCheck(db.store, SELLER, { source: 'carrier:ups', ok: false, message: '401 invalid_client' }, NOW - 60_000);
      const { changes } = await evaluate();
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ key: 'credential:carrier:ups', level: 'critical', details: { since: new Date(NOW - 3_600_000).toISOString() } });
      await recordCredentialCheck(db.store, SELLER, { source: 'carrier:ups', ok: true }, NOW + 1000);
      expect((await evaluate(NOW + 2000)).changes.map((c) => c.level)).toEqual(['ok']);
    });

    it('keeps sellers apart: one seller’s change goes only to its own channels', async () => {
      const other = await startReceiver();
      await addChannel(db.store, 'seller-b', { kind: 'webhook', url: other.url, secret: SECRET }, NOW);
      snapshots = [snapshotWith('bad')];
      await evaluate();
      expect(receiver.requests).toHaveLength(1);
      expect(other.requests).toHaveLength(0);
      expect(await listAlerts(db.store, 'seller-b')).toEqual([]);
      await other.close();
    });

    it('drops undelivered notifications of a removed channel', async () => {
      receiver.respondWith(500);
      snapshots = [snapshotWith('bad')];
      await evaluate();
      const [channel] = (await rawSql(db.store).all<{ channel_id: string }>('SELECT channel_id FROM alert_channels'));
      expect(await removeChannel(db.store, SELLER, channel?.channel_id ?? '')).toBe(true);
      expect(await listDeliveries(db.store, SELLER)).toEqual([]);
    });
  });
}

describe('evaluateAlerts over imported data, with every notifier', () => {
  let dir: string;
  let db: TestStore;
  let webhook: Receiver;
  let slack: Receiver;
  let mail: MailServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-alerts-'));
    [webhook, slack, mail] = await Promise.all([startReceiver(), startReceiver(), startMailServer()]);
  });
  afterAll(async () => {
    await Promise.all([webhook.close(), slack.close(), mail.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => { db = await freshSqliteStore(); });
  afterEach(async () => { await db.dispose(); });

  it('finds a category below target and packages without a first scan, and tells every channel once', async () => {
    // Shipped four days ago, promised yesterday, never scanned: a VTR defect and an overdue first scan.
    const file = join(dir, 'shipments.csv');
    writeFileSync(file, [
      'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date',
      '112-1234567-1234567,US,2026-11-15T10:00:00Z,2026-11-17T07:59:59Z,2026-11-19,SKU-1,Toys & Games,UPS,1Z999AA10123456784,2026-11-16T18:00:00Z',
    ].join('\n'));
    await importFile(db.store, { file, format: 'shipments', sellerId: SELLER, context: { zones: DEFAULT_ZONES, defaultMarketplace: 'US' } });
    await addChannel(db.store, SELLER, { kind: 'webhook', url: webhook.url, secret: SECRET }, NOW);
    await addChannel(db.store, SELLER, { kind: 'slack', url: slack.url }, NOW);
    await addChannel(db.store, SELLER, { kind: 'email', smtpUrl: mail.smtpUrl, from: 'alerts@shop.test', to: ['ops@shop.test'] }, NOW);

    const first = await evaluateAlerts(db.store, SELLER, NOW, { dashboardUrl: 'http://dash.test', delivery: { timeoutMs: 5000, targets: LOCAL_RECEIVERS } });
    expect(first.changes.map((c) => [c.key, c.level]).sort()).toEqual([
      ['no_first_scan', 'warning'],
      ['vtr_category:US:Toys & Games', 'critical'],
    ]);
    expect(first.delivery).toEqual({ sent: 6, failed: 0 });
    expect(webhook.requests).toHaveLength(2);
    expect(slack.requests).toHaveLength(2);
    expect(mail.mails).toHaveLength(2);

    const again = await evaluateAlerts(db.store, SELLER, NOW + 60_000, { dashboardUrl: 'http://dash.test' });
    expect(again).toEqual({ changes: [], delivery: { sent: 0, failed: 0 } });
    expect(webhook.requests.length + slack.requests.length + mail.mails.length).toBe(6);
  });
});
