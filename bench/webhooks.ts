import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { planDeliveries, sendDeliveries } from '../test/mock-carriers/webhook-load.js';
import { startWebhookServer } from '../test/mock-carriers/webhook-server.js';
import { openStore } from '../src/store/open.js';
import { rawSql } from '../src/store/testing.js';

const SECRET = 'bench-secret';
const TOTAL = 20_000;

interface ServerData {
  role: 'webhook-server';
  db: string;
}

/** The server side runs in its own thread, as `vtrguard serve` runs in its own process: the load clients must not share its core. */
async function serveInThread(data: ServerData): Promise<void> {
  const store = await openStore(data.db);
  const { app, url } = await startWebhookServer(store, SECRET);
  parentPort?.postMessage({ url });
  parentPort?.on('message', async (message: string) => {
    if (message !== 'count') return;
    const [row] = await rawSql(store).all<{ n: number }>('SELECT COUNT(*) AS n FROM tracking_events');
    await app.close();
    await store.close();
    parentPort?.postMessage({ count: Number(row!.n) });
  });
}

if (!isMainThread && (workerData as ServerData | undefined)?.role === 'webhook-server') await serveInThread(workerData as ServerData);

/**
 * Webhook throughput on SQLite (DESIGN.md §4 bar: >= 3,000 deliveries/s on 2 cores): 20,000 signed deliveries
 * (10% duplicates, 1% forged, shuffled) from 8 keep-alive clients against the server in another thread.
 */
export async function benchWebhooks(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vtrguard-bench-webhooks-'));
  const db = join(dir, 'bench.db');
  await (await openStore(db)).close();
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'webhook-server', db } satisfies ServerData });
  const next = () => new Promise<Record<string, unknown>>((resolve) => worker.once('message', resolve));
  try {
    const { url } = (await next()) as { url: string };
    // Warm-up on other numbers, so JIT and page cache are not part of the figure.
    await sendDeliveries(url, planDeliveries(1000, SECRET, { seed: 3, duplicateRate: 0, badRate: 0, prefix: 'WARM' }).deliveries, 8, 4);
    // Three rounds on fresh numbers; the median is the figure (a shared 2-core machine is noisy).
    const rates: number[] = [];
    let expected = 1000;
    for (const round of [1, 2, 3]) {
      const plan = planDeliveries(TOTAL, SECRET, { seed: 10 + round, prefix: `R${round}` });
      expected += plan.uniqueGood;
      const result = await sendDeliveries(url, plan.deliveries, 8, 4);
      const perSecond = Math.round(TOTAL / (result.elapsedMs / 1000));
      rates.push(perSecond);
      const statuses = [...result.statuses].map(([s, n]) => `${s}×${n}`).join(' ');
      process.stdout.write(`  round ${round}: ${TOTAL} deliveries in ${(result.elapsedMs / 1000).toFixed(2)} s = ${perSecond}/s [${statuses}; wrong answers ${result.wrong}]\n`);
    }
    worker.postMessage('count');
    const { count } = (await next()) as { count: number };
    const median = [...rates].sort((a, b) => a - b)[1]!;
    process.stdout.write(
      `webhooks (SQLite, 8 clients x 4 in flight): median ${median} deliveries/s (bar >= 3000/s); `
      + `events stored ${count}, expected ${expected} (exactly once: ${count === expected ? 'yes' : 'NO'})\n`,
    );
  } finally {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}
