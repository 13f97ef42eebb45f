import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqliteStore } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { createApp } from './app.js';

const DOC = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

describe('docs/api.md', () => {
  let db: TestStore;
  let spec: { paths: Record<string, Record<string, unknown>> };
  beforeAll(async () => {
    db = await freshSqliteStore();
    const app = await createApp({ store: db.store, defaultSellerId: 'default' });
    spec = (await app.inject({ url: '/openapi.json' })).json();
    await app.close();
  });
  afterAll(async () => { await db.dispose(); });

  it('lists every route of /openapi.json, and no route that does not exist', () => {
    const served = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const documented = [...DOC.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(documented.sort()).toEqual(served.sort());
  });

  it('documents a 503 on every route that reads or writes the store (unreachable, or busy with another write)', () => {
    const without = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/v1/') && path !== '/v1/health')
      .flatMap(([path, ops]) => Object.entries(ops)
        .filter(([, op]) => !Object.keys((op as { responses?: Record<string, unknown> }).responses ?? {}).includes('503'))
        .map(([method]) => `${method.toUpperCase()} ${path}`));
    expect(without).toEqual([]);
  });
});
