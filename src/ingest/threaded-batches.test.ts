import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ZONES } from '../core/time.js';
import { mapBatchesInWorker, mapWorkerAvailable } from './threaded-batches.js';

let dir: string;
const request = () => ({
  file: join(dir, 'rows.csv'), format: 'shipments' as const, context: { zones: DEFAULT_ZONES, defaultMarketplace: 'US' as const },
  skipInvalid: false, batchSize: 10,
});

/** A stand-in for the mapping script, written as plain JavaScript for Node to run. */
function script(name: string, source: string): URL {
  const path = join(dir, name);
  writeFileSync(path, source);
  return pathToFileURL(path);
}

async function drain(url: URL): Promise<unknown> {
  try {
    for await (const batch of mapBatchesInWorker(request(), () => undefined, url)) void batch;
    return null;
  } catch (error) {
    return error;
  }
}

describe('the mapping thread', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-mapper-'));
    writeFileSync(join(dir, 'rows.csv'), 'order_id\n1\n');
  });

  it('is only chosen when its script exists', () => {
    expect(mapWorkerAvailable(pathToFileURL(join(dir, 'absent.js')))).toBe(false);
    expect(mapWorkerAvailable(script('present.mjs', ''))).toBe(true);
  });

  it('fails the import, naming the file, when the thread ends without finishing it', async () => {
    const error = await drain(script('quits.mjs', 'process.exit(0);\n'));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`${request().file}: the mapping thread stopped before the end of the file`);
  });

  it('passes on what crashed the thread', async () => {
    const error = await drain(script('throws.mjs', "throw new Error('out of memory');\n"));
    expect((error as Error).message).toContain('out of memory');
  });

  it('rebuilds the error a failed mapping reported, with its code and where', async () => {
    const report = { kind: 'failed', error: { code: 'IMPORT_BAD_HEADER', message: 'rows.csv, line 1: the header lacks sku', context: { line: 1, field: 'sku' } } };
    const error = await drain(script('fails.mjs', `import { parentPort } from 'node:worker_threads';\nparentPort.postMessage(${JSON.stringify(report)});\n`));
    expect(error).toMatchObject({ code: 'IMPORT_BAD_HEADER', message: 'rows.csv, line 1: the header lacks sku', context: { line: 1, field: 'sku' } });
  });
});
