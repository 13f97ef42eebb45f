import { parentPort, workerData } from 'node:worker_threads';
import { VtrguardError } from '../core/errors.js';
import { encodeBatch, transferablesOf } from './batch-codec.js';
import { FileText } from './file-text.js';
import { mapBatches } from './map-batches.js';
import { DELIMITED, delimitedRows, eventRows } from './source-rows.js';
import type { FromMapper, MapRequest } from './threaded-batches.js';

/**
 * Reads and maps a file on its own thread (src/ingest/threaded-batches.ts starts it), so that the
 * importing thread only writes. It runs at most `request.ahead` batches ahead of the writer, which sends one
 * `more` per batch it takes: memory stays bounded however fast the file reads.
 */
const port = parentPort!;
const request = workerData as MapRequest;
let credits = request.ahead;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
});
const send = (message: FromMapper, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const counter = { bytes: 0 };
  const warn = (message: string) => send({ kind: 'warning', message });
  const text = new FileText(request.file, request.encoding, counter);
  const rows = request.format === 'events'
    ? eventRows(text)
    : delimitedRows(text, DELIMITED[request.format], request.context, warn, request.delimiter);
  for await (const mapped of mapBatches(rows, counter, request)) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    const batch = encodeBatch(mapped.batch, mapped.events);
    const { rowsRead, rowsImported, rejected, skipped, bytes } = mapped;
    send({ kind: 'batch', batch, rowsRead, rowsImported, rejected, skipped, bytes }, transferablesOf(batch));
  }
  send({ kind: 'done' });
} catch (error) {
  send({
    kind: 'failed',
    error: error instanceof VtrguardError
      ? { code: error.code, message: error.message, context: error.context }
      : { message: error instanceof Error ? error.message : String(error) },
  });
} finally {
  port.close();
}
