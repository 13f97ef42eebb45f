import { existsSync } from 'node:fs';
import { on } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VtrguardError } from '../core/errors.js';
import type { ErrorCode, ErrorContext } from '../core/errors.js';
import { decodeBatch } from './batch-codec.js';
import type { EncodedBatch } from './batch-codec.js';
import type { TextEncodingOption } from './file-text.js';
import type { MapOptions, MappedBatch, RejectedRow } from './map-batches.js';
import type { ImportFormat, MapContext } from './map-context.js';

/** What the mapping thread is asked to do (its workerData). */
export interface MapRequest extends MapOptions {
  format: ImportFormat;
  context: MapContext;
  encoding?: TextEncodingOption;
  /** A delimited file's delimiter, when not its format's own. */
  delimiter?: string;
  /** Batches the mapper may run ahead of the writer. */
  ahead: number;
}

/** Messages from the mapping thread. */
export type FromMapper =
  | { kind: 'batch'; batch: EncodedBatch; rowsRead: number; rowsImported: number; rejected: RejectedRow[]; skipped: Record<string, number>; bytes: number }
  | { kind: 'warning'; message: string }
  | { kind: 'done' }
  | { kind: 'failed'; error: { code?: ErrorCode; message: string; context?: ErrorContext } };

/** Two batches ahead: one being written, one waiting, while the mapper fills the third. */
const BATCHES_AHEAD = 2;

/**
 * The mapper's young generation, in MB. It waits for the writer most of the time, so its more frequent
 * scavenges (~1 s more CPU on its own core for 200k rows) do not slow the import: peak RSS 372–393 → 333–350 MB.
 */
const MAPPER_YOUNG_GENERATION_MB = 4;

/** The mapping thread's script, built beside this module (absent when the sources run untranspiled). */
export const MAP_WORKER_URL = new URL('./map-worker.js', import.meta.url);

export function mapWorkerAvailable(url: URL = MAP_WORKER_URL): boolean {
  return existsSync(fileURLToPath(url));
}

/**
 * `mapBatches` of a file, run on a worker thread: the same batches, errors and warnings, while this
 * thread writes the previous batch (docs/design-notes.md, "Mapping on its own thread").
 */
export async function* mapBatchesInWorker(
  request: Omit<MapRequest, 'ahead'>,
  warn: (message: string) => void,
  url: URL = MAP_WORKER_URL,
): AsyncGenerator<MappedBatch> {
  const worker = new Worker(url, {
    workerData: { ...request, ahead: BATCHES_AHEAD } satisfies MapRequest,
    resourceLimits: { maxYoungGenerationSizeMb: MAPPER_YOUNG_GENERATION_MB },
  });
  let done = false;
  try {
    for await (const [message] of on(worker, 'message', { close: ['exit'] }) as AsyncIterable<[FromMapper]>) {
      if (message.kind === 'warning') warn(message.message);
      else if (message.kind === 'failed') {
        const { code, message: text, context } = message.error;
        throw code ? new VtrguardError(code, text, context) : new Error(`${request.file}: ${text}`);
      } else if (message.kind === 'done') {
        done = true;
        break;
      } else {
        worker.postMessage('more');
        const { batch, ...counts } = message;
        yield { ...counts, ...decodeBatch(batch) };
      }
    }
    if (!done) throw new Error(`${request.file}: the mapping thread stopped before the end of the file`);
  } finally {
    await worker.terminate();
  }
}
