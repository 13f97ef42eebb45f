import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import type { Config } from '../config.js';
import { createApp } from '../server/app.js';
import type { Store } from '../store/store.js';

/** The built dashboard, wherever vtrguard runs from (source tree or installed package). */
export function findWebRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = resolve(dir, 'web/dist');
    if (existsSync(resolve(candidate, 'index.html'))) return candidate;
    dir = resolve(dir, '..');
  }
  return undefined;
}

/** Serves the API and the dashboard until the process is stopped; closes the store on SIGINT/SIGTERM. */
export async function startServer(store: Store, config: Config, sellerId: string): Promise<void> {
  const webRoot = findWebRoot();
  const app = await createApp({
    store,
    defaultSellerId: sellerId,
    dashboardUrl: config.publicUrl,
    ...(webRoot ? { webRoot } : {}),
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('127.0.0.1', 'localhost');
  process.stdout.write(`${pc.green('vtrguard')} is serving the dashboard at ${pc.bold(url + '/')} (API ${url}/v1, docs ${url}/docs)\n`);
  if (!webRoot) process.stdout.write('  (the dashboard is not built: run `npm run build` to build web/dist)\n');
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
