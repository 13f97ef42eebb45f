import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VtrguardError } from '../core/errors.js';

/**
 * Runs `fn` on a temporary copy of a stream (an upload, standard input): an import reads its file twice (the
 * content hash, then the rows), which a stream cannot give. The copy is named `name` and removed afterwards;
 * errors name `name`, never the temporary path. `limits` see the bytes on their way (e.g. a size limit).
 */
export async function withSpooledFile<T>(
  source: NodeJS.ReadableStream,
  name: string,
  fn: (path: string) => Promise<T>,
  limits: Transform[] = [],
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vtrguard-spool-'));
  const path = join(dir, basename(name) || 'stdin');
  try {
    await pipeline([source, ...limits, createWriteStream(path)]);
    return await fn(path);
  } catch (error) {
    if (error instanceof VtrguardError) {
      const context = { ...error.context, ...(error.context.file ? { file: name } : {}) };
      throw new VtrguardError(error.code, error.message.split(path).join(name), context);
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
