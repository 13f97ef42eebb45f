import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKETPLACES } from '../core/domain.js';
import type { Marketplace } from '../core/domain.js';
import type { MetricsConfig } from '../metrics/config.js';
import { keptFigures } from '../app/kept-figures.js';
import { importFile } from '../ingest/import.js';
import type { Store } from '../store/store.js';
import { generateDemo } from './generate.js';
import type { DemoOptions } from './generate.js';

export const DEMO_SELLER_NAME = 'Demo Seller (vtrguard)';

export interface DemoSummary {
  orders: number;
  packages: number;
  events: number;
  seconds: number;
}

/**
 * Fills `store` with the demo seller by writing its files and importing them through the real importers,
 * so the demo exercises exactly what a seller's own files go through.
 */
export async function createDemo(
  store: Store,
  sellerId: string,
  metrics: MetricsConfig,
  options: DemoOptions,
): Promise<DemoSummary> {
  const started = performance.now();
  const files = generateDemo(options);
  const dir = mkdtempSync(join(tmpdir(), 'vtrguard-demo-'));
  try {
    const shipments = join(dir, 'demo-shipments.csv');
    const events = join(dir, 'demo-events.jsonl');
    writeFileSync(shipments, files.shipmentsCsv);
    writeFileSync(events, files.eventsJsonl);
    await store.ensureSeller(sellerId, DEMO_SELLER_NAME);
    const context = { zones: zonesOf(metrics), defaultMarketplace: 'US' as const };
    const figures = keptFigures(metrics);
    const now = () => options.now;
    await importFile(store, { file: events, format: 'events', sellerId, context, now, figures });
    await importFile(store, { file: shipments, format: 'shipments', sellerId, context, now, figures });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { orders: files.orders, packages: files.packages, events: files.events, seconds: (performance.now() - started) / 1000 };
}

function zonesOf(metrics: MetricsConfig): Record<Marketplace, string> {
  return Object.fromEntries(MARKETPLACES.map((m) => [m, metrics[m].zone])) as Record<Marketplace, string>;
}
