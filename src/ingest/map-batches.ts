import type { TrackingEventRecord } from '../core/domain.js';
import { VtrguardError, describeLocation } from '../core/errors.js';
import type { WriteBatch } from '../store/store.js';
import { BatchBuilder } from './batch.js';
import { RowRejected, RowSkipped } from './row-problem.js';
import type { RowProblem } from './row-problem.js';
import type { ReadCounter } from './file-text.js';
import type { SourceRow } from './source-rows.js';

/** A rejected row (`--skip-invalid`): why, and the row as CSV for the report. */
export interface RejectedRow {
  problem: RowProblem;
  raw: string;
}

/** One batch of mapped rows, ready to write, with what it took from the file. */
export interface MappedBatch {
  batch: WriteBatch;
  events: TrackingEventRecord[];
  rowsRead: number;
  rowsImported: number;
  rejected: RejectedRow[];
  /** Rows left out on purpose (RowSkipped), per reason. */
  skipped: Record<string, number>;
  /** Bytes of the file read so far. */
  bytes: number;
}

export interface MapOptions {
  file: string;
  skipInvalid: boolean;
  batchSize: number;
}

export function badRow(file: string, problem: RowProblem): VtrguardError {
  const context = { file, line: problem.line, field: problem.field };
  return new VtrguardError('IMPORT_BAD_ROW', `${describeLocation(context)}: ${problem.message}. Nothing was imported.`, context);
}

/**
 * Maps source rows into batches of at least `batchSize` rows (a whole read chunk at a time). A bad row throws
 * `badRow`, unless `skipInvalid`: then it is counted and handed on with its reason.
 */
export async function* mapBatches(rows: AsyncIterable<SourceRow[]>, counter: ReadCounter, options: MapOptions): AsyncGenerator<MappedBatch> {
  const builder = new BatchBuilder();
  let mapped: MappedBatch = { batch: {}, events: [], rowsRead: 0, rowsImported: 0, rejected: [], skipped: {}, bytes: 0 };
  const take = (): MappedBatch => {
    const done = { ...mapped, batch: builder.toWriteBatch(), events: builder.events, bytes: counter.bytes };
    builder.clear();
    mapped = { batch: {}, events: [], rowsRead: 0, rowsImported: 0, rejected: [], skipped: {}, bytes: 0 };
    return done;
  };
  for await (const chunk of rows) {
    for (const row of chunk) {
      mapped.rowsRead++;
      try {
        builder.line = row.line;
        row.apply(builder);
        mapped.rowsImported++;
      } catch (error) {
        if (error instanceof RowSkipped) {
          mapped.skipped[error.reason] = (mapped.skipped[error.reason] ?? 0) + 1;
          builder.rows++;
          continue;
        }
        if (!(error instanceof RowRejected)) throw error;
        if (!options.skipInvalid) throw badRow(options.file, error.problem);
        mapped.rejected.push({ problem: error.problem, raw: row.raw() });
      }
      builder.rows++;
    }
    if (builder.rows >= options.batchSize) yield take();
  }
  yield take();
}
