/**
 * The dashboard's API types are generated from /openapi.json (openapi-typescript), never copied by hand: this test
 * generates them from the running app's document and fails when web/src/api-types.ts differs.
 * `npm run api-types` rewrites the file after an API change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import { expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { freshSqliteStore } from '../src/store/testing.js';

const TARGET = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'web/src/api-types.ts');
const HEADER = `/**
 * GENERATED from vtrguard's OpenAPI document by openapi-typescript: do not edit. After an API change run
 * \`npm run api-types\` (test/api-types.test.ts fails until this file matches the API).
 */
`;

async function generate(): Promise<string> {
  const db = await freshSqliteStore();
  try {
    const app = await createApp({ store: db.store, defaultSellerId: 'default', logger: false });
    const spec = (await app.inject({ url: '/openapi.json', remoteAddress: '127.0.0.1' })).json<OpenAPI3>();
    await app.close();
    return HEADER + astToString(await openapiTS(spec));
  } finally {
    await db.dispose();
  }
}

it('web/src/api-types.ts is generated from the current OpenAPI document', async () => {
  const generated = await generate();
  if (process.env.VTRGUARD_WRITE_API_TYPES === '1') writeFileSync(TARGET, generated);
  expect(readFileSync(TARGET, 'utf8'), 'web/src/api-types.ts is stale: run `npm run api-types`').toBe(generated);
});
