import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BroadcastChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedPackages } from '../../test/mock-carriers/seed.js';
import { builtModule, runAlone } from '../../test/run-alone.js';
import type { Marketplace, TrackingEventRecord } from '../core/domain.js';
import { writeEvents } from '../ingest/write-events.js';
import { DEFAULT_METRICS_CONFIG, exemptionFingerprint } from '../metrics/config.js';
import { figuresCurrent } from '../store/rollups.js';
import type { OrderSpan } from '../store/store.js';
import { dialectCases, keptRows, rawSql } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { keptFigures, rebuildKeptFigures } from './kept-figures.js';
import { SpanCountError } from './span-threads.js';

/** The threads run the built script (`npm test` builds first); these sources are not runnable by Node. */
const BUILT_SCRIPT = new URL('../../dist/src/workers/span-counter.js', import.meta.url);

const NOW = Date.parse('2026-09-10T12:00:00Z');
const H = 3_600_000;
const DAY = 24 * H;
const ORDERS = 60;
/** Spans of a few orders: nine of them, more than the threads. */
const SPAN_ORDERS = 7;
const THREADS = 2;
const MARKETPLACES: Marketplace[] = ['US', 'UK', 'DE'];

const pad = (i: number) => String(i).padStart(4, '0');
const trackingNumber = (i: number) => `1ZSPAN${pad(i)}`;
const confirmedAt = (i: number) => NOW - (i % 20) * DAY - 10 * H;

function scan(i: number, status: TrackingEventRecord['status'], hours: number): TrackingEventRecord {
  return {
    carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: trackingNumber(i), occurredAt: confirmedAt(i) + hours * H, offsetMinutes: 0, status,
    code: null, description: null, location: null, source: 'test', eventKey: `${trackingNumber(i)}:${status}:${hours}`,
  };
}

/**
 * Sixty orders over three marketplaces and twenty days, a quarter without a tracking number (defects), two carriers,
 * two thirds of the tracked ones scanned: cells, defect rows and counts, late steps and scan delays in every span.
 */
async function seed(t: TestStore, seller: string): Promise<void> {
  await seedPackages(t.store, seller, Array.from({ length: ORDERS }, (_, i) => ({
    orderId: `o-${pad(i)}`, trackingNumber: i % 4 === 0 ? null : trackingNumber(i), carrierKey: i % 2 === 0 ? 'ups' : 'usps',
    confirmedAt: confirmedAt(i), marketplace: MARKETPLACES[i % 3]!,
  })));
  const scanned = Array.from({ length: ORDERS }, (_, i) => i).filter((i) => i % 4 !== 0 && i % 3 !== 2);
  await t.store.insertEvents(seller, scanned.map((i) => scan(i, 'in_transit', 8 + (i % 30))), NOW);
}

/** A counter script that runs `body` (an async function of the span) for each span, then counts nothing. */
function counterScript(dir: string, name: string, body: string): URL {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, `
    import { parentPort, workerData } from 'node:worker_threads';
    const { serveSpanCounts } = await import(${JSON.stringify(builtModule('app/span-threads.js'))});
    await serveSpanCounts(parentPort, workerData, async (store, span) => {
      ${body}
      return { cells: [], lateSteps: [], defectCounts: [], scanDelays: [], scanDelaySteps: [], defectDeletes: [], defectRows: [], defectStepDeletes: [], defectSteps: [] };
    });
  `);
  return pathToFileURL(path);
}

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`a rebuild's spans counted on threads (${dialect.name})`, () => {
    let t: TestStore;
    let dir: string;
    let run = 0;
    const fingerprint = exemptionFingerprint(DEFAULT_METRICS_CONFIG);
    beforeAll(async () => {
      t = await dialect.fresh();
      dir = mkdtempSync(join(tmpdir(), 'vtrguard-spans-'));
    });
    afterAll(async () => {
      await t?.dispose();
      rmSync(dir, { recursive: true, force: true });
    });
    /** A seeded seller of its own, with its figures rebuilt on this thread. */
    const seededSeller = async () => {
      const seller = `spans-${++run}`;
      await seed(t, seller);
      await rebuildKeptFigures(t.store, seller, DEFAULT_METRICS_CONFIG, { spanOrders: SPAN_ORDERS });
      return seller;
    };
    /** The third span: a span in the middle, handed out after each thread's first. */
    const thirdSpan = async (seller: string): Promise<OrderSpan> => (await t.store.orderSpans(seller, SPAN_ORDERS))[2]!;

    it('leaves every kept table as the rebuild on one thread does', async () => {
      const seller = await seededSeller();
      const serial = await keptRows(t.store, seller);
      expect(serial.defect_rollups!.length).toBeGreaterThan(0);
      expect(serial.defect_late_steps!.length).toBeGreaterThan(0);
      expect(serial.scan_delay_late_steps!.length).toBeGreaterThan(0);
      expect(serial.scan_delay_rollups!.length).toBeGreaterThan(0);
      await rebuildKeptFigures(t.store, seller, DEFAULT_METRICS_CONFIG, { spanOrders: SPAN_ORDERS, spanThreads: { threads: THREADS, script: BUILT_SCRIPT } });
      expect(await keptRows(t.store, seller)).toEqual(serial);
      expect(await figuresCurrent(t.store, seller, fingerprint)).toBe(true);
    });

    it('rolls back when a thread fails to count a span, naming the seller and the span', async () => {
      const seller = await seededSeller();
      const before = await keptRows(t.store, seller);
      const span = await thirdSpan(seller);
      const failing = counterScript(dir, `failing-${dialect.name}`, `if (span.after === ${JSON.stringify(span.after)}) throw new Error('planted failure');`);
      const rebuild = rebuildKeptFigures(t.store, seller, DEFAULT_METRICS_CONFIG, { spanOrders: SPAN_ORDERS, spanThreads: { threads: THREADS, script: failing } });
      await expect(rebuild).rejects.toBeInstanceOf(SpanCountError);
      await expect(rebuild).rejects.toMatchObject({ code: 'INTERNAL', sellerId: seller, span, message: expect.stringContaining('planted failure') });
      expect(await keptRows(t.store, seller)).toEqual(before);
      expect(await figuresCurrent(t.store, seller, fingerprint)).toBe(true);
    });

    it('rolls back when a thread dies counting a span, and leaves no thread behind', async () => {
      const seller = await seededSeller();
      const before = await keptRows(t.store, seller);
      const span = await thirdSpan(seller);
      const dying = counterScript(dir, `dying-${dialect.name}`, `if (span.after === ${JSON.stringify(span.after)}) process.exit(3);`);
      const rebuild = rebuildKeptFigures(t.store, seller, DEFAULT_METRICS_CONFIG, { spanOrders: SPAN_ORDERS, spanThreads: { threads: THREADS, script: dying } });
      await expect(rebuild).rejects.toMatchObject({ sellerId: seller, span, message: expect.stringContaining('exit code 3') });
      expect(await keptRows(t.store, seller)).toEqual(before);
      // In a process that has nothing else to do, the failed rebuild lets it end.
      const location = t.store.location!;
      expect(runAlone(dir, `
        import { openStore } from ${JSON.stringify(builtModule('store/open.js'))};
        import { rebuildKeptFigures } from ${JSON.stringify(builtModule('app/kept-figures.js'))};
        import { DEFAULT_METRICS_CONFIG } from ${JSON.stringify(builtModule('metrics/config.js'))};
        const store = await openStore(${JSON.stringify(location.target)}, ${JSON.stringify({ schema: location.options.schema })});
        const failed = await rebuildKeptFigures(store, ${JSON.stringify(seller)}, DEFAULT_METRICS_CONFIG, {
          spanOrders: ${SPAN_ORDERS}, spanThreads: { threads: ${THREADS}, script: new URL(${JSON.stringify(dying.href)}) },
        }).then(() => 'counted', (error) => error.name);
        await store.close();
        process.stdout.write(failed);
      `)).toEqual({ status: 0, stdout: 'VtrguardError', stderr: '' });
    });

    it.skipIf(dialect.name !== 'postgres')('makes a write for the seller made while the rebuild runs wait, and counts it after', async () => {
      const seller = await seededSeller();
      // The threads say when they start (the rebuild holds the seller's write lock by then) and count once told to.
      const channel = new BroadcastChannel(`vtrguard-spans-${seller}`);
      const gated = join(dir, `gated-${seller}.mjs`);
      writeFileSync(gated, `
        import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
        const { serveSpanCounting } = await import(${JSON.stringify(builtModule('app/kept-figures.js'))});
        const channel = new BroadcastChannel(${JSON.stringify(`vtrguard-spans-${seller}`)});
        const go = new Promise((resolve) => { channel.onmessage = (event) => { if (event.data === 'go') resolve(); }; });
        channel.postMessage('started');
        await go;
        channel.close();
        await serveSpanCounting(parentPort, workerData);
      `);
      const settled: string[] = [];
      const started = new Promise<void>((resolve) => { channel.onmessage = (event) => { if ((event as MessageEvent).data === 'started') resolve(); }; });
      try {
        const rebuild = rebuildKeptFigures(t.store, seller, DEFAULT_METRICS_CONFIG, { spanOrders: SPAN_ORDERS, spanThreads: { threads: THREADS, script: pathToFileURL(gated) } })
          .then(() => settled.push('rebuild'));
        await started;
        const delivered = [1, 2, 3, 5].map((i) => scan(i, 'delivered', 50));
        const write = writeEvents(t.store, keptFigures(DEFAULT_METRICS_CONFIG), seller, delivered, NOW).then(() => settled.push('write'));
        await vi.waitFor(async () => {
          const waiting = await rawSql(t.store).all(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INTO write_seq%'`);
          expect(waiting.length).toBeGreaterThan(0);
        }, { timeout: 10_000 });
        channel.postMessage('go');
        await Promise.all([rebuild, write]);
      } finally {
        channel.close();
      }
      expect(settled).toEqual(['rebuild', 'write']);
      // The write's deltas were added to the rebuilt figures: what a rebuild now counts.
      const kept = await keptRows(t.store, seller);
      expect(await figuresCurrent(t.store, seller, fingerprint)).toBe(true);
      await rebuildKeptFigures(t.store, seller, DEFAULT_METRICS_CONFIG);
      expect(kept).toEqual(await keptRows(t.store, seller));
    });
  });
}
