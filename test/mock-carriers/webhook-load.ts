import { Agent, request } from 'node:http';
import { deliveryBody, PROVIDER_NAMES, SIGNERS, type ProviderName } from './webhook-senders.js';

export interface Delivery {
  provider: ProviderName;
  body: string;
  headers: Record<string, string>;
  /** False when the signature was spoiled on purpose. */
  good: boolean;
  trackingNumber: string;
}

export interface LoadPlan {
  deliveries: Delivery[];
  /** Distinct good deliveries (each carries exactly one event). */
  uniqueGood: number;
  bad: number;
  duplicates: number;
}

/** A small seeded PRNG so that a failing load test can be replayed exactly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `total` deliveries across the four providers: `duplicateRate` of them re-send an earlier good delivery, `badRate`
 * carry a spoiled signature (on numbers `BAD…`, so none may ever show up in the store), and the order is shuffled.
 */
export function planDeliveries(total: number, secret: string, opts: { duplicateRate?: number; badRate?: number; seed?: number; prefix?: string } = {}): LoadPlan {
  const random = mulberry32(opts.seed ?? 42);
  const bad = Math.round(total * (opts.badRate ?? 0.01));
  const duplicates = Math.round(total * (opts.duplicateRate ?? 0.1));
  const uniqueGood = total - bad - duplicates;
  const base = Date.parse('2026-03-01T00:00:00Z');
  const make = (i: number, prefix: string, good: boolean): Delivery => {
    const provider = PROVIDER_NAMES[i % PROVIDER_NAMES.length]!;
    const trackingNumber = `${prefix}${String(Math.floor(i / 4)).padStart(8, '0')}`;
    const time = new Date(base + i * 60_000).toISOString().replace('Z', '-05:00');
    const body = deliveryBody(provider, { trackingNumber, time, seq: i });
    const headers = { 'content-type': 'application/json', ...SIGNERS[provider](body, good ? secret : `${secret}-forged`) };
    return { provider, body, headers, good, trackingNumber };
  };
  const deliveries: Delivery[] = [];
  for (let i = 0; i < uniqueGood; i++) deliveries.push(make(i, opts.prefix ?? 'LT', true));
  for (let i = 0; i < duplicates; i++) deliveries.push(deliveries[Math.floor(random() * uniqueGood)]!);
  for (let i = 0; i < bad; i++) deliveries.push(make(i, 'BAD', false));
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  return { deliveries, uniqueGood, bad, duplicates };
}

export interface SendResult {
  statuses: Map<number, number>;
  /** Good deliveries that did not get a 2xx, and bad ones that did. */
  wrong: number;
  elapsedMs: number;
}

/** Posts one delivery to its provider's route; resolves with the status code. */
export function postDelivery(url: URL, agent: Agent, d: Delivery): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: 'POST', path: `/v1/webhooks/${d.provider}`, agent, headers: { ...d.headers, 'content-length': Buffer.byteLength(d.body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(d.body);
  });
}

/** Posts every delivery from `clients` concurrent keep-alive clients, each with `inFlight` requests outstanding. */
export async function sendDeliveries(baseUrl: string, deliveries: readonly Delivery[], clients = 8, inFlight = 4): Promise<SendResult> {
  const url = new URL(baseUrl);
  const statuses = new Map<number, number>();
  let wrong = 0;
  let next = 0;
  const started = performance.now();
  const post = (agent: Agent, d: Delivery) => postDelivery(url, agent, d);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < deliveries.length) {
            const d = deliveries[next++]!;
            const status = await post(agent, d);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if ((status >= 200 && status < 300) !== d.good) wrong++;
          }
        }),
      );
      agent.destroy();
    }),
  );
  return { statuses, wrong, elapsedMs: performance.now() - started };
}
