import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../demo/create-demo.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import { openStore } from '../store/open.js';
import { runCommand } from './cli-harness.js';
import { registerDefects } from './defects.js';
import { registerForecast } from './forecast.js';
import { registerMetrics } from './metrics.js';

/** The read commands on a typo: they say what is unknown and suggest the nearest name, never "no defects" with exit 0. */
describe('read commands', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-read-'));
    db = join(dir, 'demo.db');
    const store = await openStore(db);
    await createDemo(store, 'demo', DEFAULT_METRICS_CONFIG, { now: Date.now(), seed: 7 });
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuse a mistyped category or carrier, naming the nearest', async () => {
    const category = await runCommand(registerDefects, ['--db', db, '--seller', 'demo', 'defects', '--metric', 'vtr', '--category', 'Toys & Gmaes']);
    expect(category.exitCode).toBe(1);
    expect(category.stderr).toContain('Unknown category "Toys & Gmaes" in US. Did you mean "Toys & Games"?');
    const carrier = await runCommand(registerDefects, ['--db', db, '--seller', 'demo', 'defects', '--metric', 'vtr', '--carrier', 'Fedx']);
    expect(carrier.exitCode).toBe(1);
    expect(carrier.stderr).toContain('Did you mean "FedEx"?');
    const forecast = await runCommand(registerForecast, ['--db', db, '--seller', 'demo', 'forecast', '--category', 'Gardn']);
    expect(forecast.exitCode).toBe(1);
    expect(forecast.stderr).toContain('Did you mean "Garden"?');
  });

  it('still answer a known name in any case, and the Other name', async () => {
    const ok = await runCommand(registerDefects, ['--db', db, '--seller', 'demo', 'defects', '--metric', 'vtr', '--category', 'toys & games', '--format', 'json']);
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout)).toBeInstanceOf(Array);
  });

  it('refuse a mistyped seller, naming the nearest', async () => {
    const result = await runCommand(registerMetrics, ['--db', db, '--seller', 'dmeo', 'metrics']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Unknown seller "dmeo" in this database. Did you mean "demo"?');
  });

  it('never create a database to read from: they point at the file instead', async () => {
    const missing = join(dir, 'vtrguard.db');
    const result = await runCommand(registerMetrics, ['--db', missing, 'metrics']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`No database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });
});
