import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { csvRow } from '../core/csv.js';
import { VtrguardError } from '../core/errors.js';
import { factKeysOf, trackingNumbersOf } from '../store/store.js';
import type { FactKeys, FactWrites, Store, WriteBatch } from '../store/store.js';
import { REUSE_WINDOW_MS } from '../validate/reuse.js';
import { FileText, contentBytes, readTextHead } from './file-text.js';
import type { TextEncodingOption } from './file-text.js';
import { mapBatches } from './map-batches.js';
import type { MappedBatch } from './map-batches.js';
import type { ImportFormat, MapContext } from './map-context.js';
import { delimiterOf, sniffFormat } from './sniff.js';
import { DELIMITED, delimitedRows, eventRows } from './source-rows.js';
import { mapBatchesInWorker, mapWorkerAvailable } from './threaded-batches.js';
import { queueForPolling } from './tracking/queue.js';

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface ImportOptions {
  file: string;
  format?: ImportFormat;
  sellerId: string;
  context: MapContext;
  /**
   * How the file's bytes become text (gzip content is inflated first, whatever this says): `auto` (default)
   * reads a byte-order mark, else UTF-8; or an encoding label such as `windows-1252` or `shift_jis`.
   */
  encoding?: TextEncodingOption;
  /** Import the good rows and write the rejected ones, with reasons, to `rejectsFile`. */
  skipInvalid?: boolean;
  rejectsFile?: string;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  onWarning?: (message: string) => void;
  /** Keeps the figures derived from the rows current inside the import's transaction (src/app/kept-figures.ts). */
  figures?: FactWrites;
  /** Runs inside the import's transaction after the rows are written, before the kept figures are finished. */
  beforeCommit?: (store: Store, sellerId: string) => Promise<void>;
  now?: () => number;
  /**
   * Where rows are read and mapped: on a worker thread while this one writes (`thread`), here (`inline`), or by
   * size (`auto`: a thread from THREAD_FROM_BYTES of content on — a gzip file's inflated size — when its script is built).
   */
  mapping?: 'auto' | 'thread' | 'inline';
  /** The mapping thread's script (tests name the built one). */
  mapWorkerUrl?: URL;
}

export interface ImportSummary {
  file: string;
  format: ImportFormat;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  /** Rows left out on purpose, per reason (e.g. Multi-Channel Fulfillment orders of the All Orders report). */
  skipped: Record<string, number>;
  rejectsFile: string | null;
  /** The same content was imported before: nothing was done. */
  alreadyImported: boolean;
  seconds: number;
}

/**
 * From this size on, `auto` maps on a worker thread. The thread's first batch comes ~0.45 s after it starts (a
 * fresh isolate loads the validator and compiles the mapping cold), so smaller files import faster inline:
 * measured 22k rows 575 → 889 ms and 50k rows 1.41 → 1.56 s, but 100k rows 3.51 → 3.05 s (17.8 MiB).
 */
const THREAD_FROM_BYTES = 16 << 20;

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Imports one file, all or nothing: every row is written inside one transaction, so a bad row (without
 * `skipInvalid`) or a crash leaves the store as it was, and running the import again resumes from scratch.
 * The content hash is recorded on commit, so importing the same file again changes nothing.
 */
export async function importFile(store: Store, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { file, sellerId } = options;
  let totalBytes: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new VtrguardError('FILE_NOT_FOUND', `${file}: is a directory; name the files in it`, { file });
    totalBytes = stat.size;
  } catch (error) {
    if (error instanceof VtrguardError) throw error;
    throw new VtrguardError('FILE_NOT_FOUND', `${file}: no such file`, { file });
  }
  const encoding = options.encoding ?? 'auto';
  // Read first, before the file is hashed: an unknown encoding fails here.
  const head = await readTextHead(file, encoding);
  const format = options.format ?? sniffFormat(head);
  if (format === null) {
    throw new VtrguardError(
      'IMPORT_UNKNOWN_FORMAT',
      `${file}: cannot tell the format from its first line; pass --format shipments|events|amazon-orders|amazon-confirmations`,
      { file },
    );
  }
  const contentHash = await hashFile(file);
  const summary: ImportSummary = {
    file, format, rowsRead: 0, rowsImported: 0, rowsRejected: 0, skipped: {}, rejectsFile: null, alreadyImported: false, seconds: 0,
  };
  if (await store.findImport(sellerId, contentHash, format)) {
    summary.alreadyImported = true;
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  }

  const rejectsPath = options.rejectsFile ?? `${file}.rejected.csv`;
  let rejects: ReturnType<typeof createWriteStream> | null = null;
  const now = options.now ?? Date.now;
  const delimiter = format === 'events' ? undefined : delimiterOf(DELIMITED[format], head);
  const batches = mappedBatches(options, format, await contentBytes(file, totalBytes), delimiter);

  await store.transaction(async (tx) => {
    // Inside the transaction: a failed import for a new seller leaves no seller behind.
    await tx.ensureSeller(sellerId);
    // The seller's write lock comes first (see FactWrites).
    const session = options.figures ? await options.figures.begin(tx, sellerId) : null;
    for await (const mapped of batches) {
      summary.rowsRead += mapped.rowsRead;
      summary.rowsImported += mapped.rowsImported;
      for (const [reason, rows] of Object.entries(mapped.skipped)) summary.skipped[reason] = (summary.skipped[reason] ?? 0) + rows;
      for (const { problem: p, raw } of mapped.rejected) {
        summary.rowsRejected++;
        rejects ??= createWriteStream(rejectsPath).once('error', () => undefined);
        if (summary.rowsRejected === 1) rejects.write('line,field,reason,row\n');
        rejects.write(`${csvRow([p.line, p.field, p.message, raw])}\n`);
      }
      const write = async () => {
        await writeDerived(tx, sellerId, mapped.batch, now());
        if (mapped.events.length > 0) await tx.insertEvents(sellerId, mapped.events, now());
      };
      if (session) await session.change(batchKeys(mapped), write, totalBytes > 0 ? mapped.bytes / totalBytes : undefined);
      else await write();
      options.onProgress?.({ bytes: mapped.bytes, totalBytes, rows: summary.rowsRead });
    }
    await options.beforeCommit?.(tx, sellerId);
    await session?.finish();
    await tx.recordImport(sellerId, {
      contentHash, format, fileName: basename(file), rowsRead: summary.rowsRead, rowsRejected: summary.rowsRejected, finishedAt: now(),
    });
  }).finally(async () => {
    // Stops the mapping thread when the import ended early (a bad row, a failed write).
    await batches.return(undefined);
    const stream = rejects as ReturnType<typeof createWriteStream> | null;
    if (stream) await new Promise<void>((resolve) => stream.end(resolve));
  });
  if (summary.rowsRejected > 0) summary.rejectsFile = rejectsPath;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** The facts a mapped batch can change: its own, and the packages its events' numbers reach. */
function batchKeys(mapped: MappedBatch): FactKeys {
  const keys = factKeysOf(mapped.batch);
  if (mapped.events.length === 0) return keys;
  return { orderIds: keys.orderIds, trackingNumbers: [...keys.trackingNumbers, ...mapped.events.map((e) => e.trackingNumber)] };
}

/**
 * The one write path of orders and packages from any source (a file, the Amazon sync, the confirmation gateway),
 * inside the caller's transaction: the rows, then the packages' derived scan facts and the reuse flags, then the
 * carrier poll queue with the packages written as `now` sees them (src/ingest/tracking/queue.ts). The caller runs it
 * inside a FactWrites session (`factKeysOf(batch)`) to keep the figures current.
 */
export async function writeDerived(tx: Store, sellerId: string, batch: WriteBatch, now: number): Promise<void> {
  await tx.writeBatch(sellerId, batch);
  const numbers = trackingNumbersOf(batch);
  await tx.refreshDerived(sellerId, numbers);
  await tx.flagReusedTracking(sellerId, numbers, REUSE_WINDOW_MS);
  await queueForPolling(tx, sellerId, (batch.packages ?? []).map((p) => p.orderId), now);
}

/** The file's rows mapped into batches, here or on a worker thread (`ImportOptions.mapping`). */
function mappedBatches(options: ImportOptions, format: ImportFormat, contentSize: number, delimiter?: string): AsyncGenerator<MappedBatch> {
  const { file, context } = options;
  const mapOptions = { file, skipInvalid: options.skipInvalid === true, batchSize: options.batchSize ?? 5000 };
  const encoding = options.encoding ?? 'auto';
  const warn = options.onWarning ?? (() => undefined);
  const mapping = options.mapping ?? 'auto';
  const threaded = mapping === 'thread'
    || (mapping === 'auto' && contentSize >= THREAD_FROM_BYTES && mapWorkerAvailable(options.mapWorkerUrl));
  if (threaded) return mapBatchesInWorker({ ...mapOptions, format, context, encoding, delimiter }, warn, options.mapWorkerUrl);
  const counter = { bytes: 0 };
  const text = new FileText(file, encoding, counter);
  const rows = format === 'events' ? eventRows(text) : delimitedRows(text, DELIMITED[format], context, warn, delimiter);
  return mapBatches(rows, counter, mapOptions);
}
