import type { Transform } from 'node:stream';
import { MARKETPLACES } from '../core/domain.js';
import type { Marketplace } from '../core/domain.js';
import { importFile } from '../ingest/import.js';
import type { ImportProgress, ImportSummary } from '../ingest/import.js';
import type { ImportFormat } from '../ingest/map-context.js';
import { withSpooledFile } from '../ingest/spool.js';
import type { MetricsConfig } from '../metrics/config.js';
import type { Store } from '../store/store.js';
import { keptFigures } from './kept-figures.js';

/**
 * The import use case, for `vtrguard import` and `POST /v1/imports` alike: each file is imported all or nothing with
 * the rollups brought up to date in its transaction; once every file is in, the seller's alerts are evaluated, so a
 * bad import is noticed at once. The alerts live above this layer, so the caller hands their evaluation in.
 */

/** A file on disk, or a stream (standard input, an upload) spooled to a temporary file first. */
export type ImportSource =
  | { path: string }
  | {
      stream: NodeJS.ReadableStream;
      /** Names the file in messages and in the summary. */
      name: string;
      /** Run on the bytes on their way to the spool (an upload's size limit). */
      transforms?: Transform[];
    };

export interface ImportRequest {
  source: ImportSource;
  /** Sniffed from the first line when omitted. */
  format?: ImportFormat;
  /** For files that carry none (Amazon confirmations). */
  marketplace: Marketplace;
  /** `auto` (a byte-order mark, else UTF-8) or an encoding label. */
  encoding: string;
  skipInvalid: boolean;
  /** Where `skipInvalid` writes rejected rows (default: beside the file). */
  rejectsFile?: string;
  /** The file is about to be read (after a stream is spooled). */
  onStart?: () => void;
  onProgress?: (progress: ImportProgress) => void;
  onWarning?: (message: string) => void;
  /** The rows are written; the kept figures are being finished (a rebuild, the first time: a while for a large file). */
  onUpdatingMetrics?: () => void;
}

export interface ImportServices {
  store: Store;
  sellerId: string;
  /** The readers' metric settings: the rollups count with their exemption rules and zones. */
  metricsConfig: MetricsConfig;
  now: () => number;
  /** Evaluates (and notifies) the seller's alerts at `now`; returns what changed. */
  evaluateAlerts: (now: number) => Promise<{ changes: readonly unknown[] }>;
  /**
   * The imports are committed whatever the alerts do: a notifier or metrics failure after them is reported here,
   * never thrown, so an import that worked never looks failed.
   */
  onAlertError: (error: unknown) => void;
}

export interface ImportOutcome {
  summaries: ImportSummary[];
  /** Alerts whose level changed after the imports (0 when their evaluation failed). */
  alertChanges: number;
}

/**
 * Imports the files in order; `onImported` sees each summary while the file (and its rejects file, when written
 * beside a spooled one) still exists. The first failing file stops the run with its error: the files before it
 * are committed, and the alerts are not evaluated.
 */
export async function importFiles(
  services: ImportServices,
  requests: readonly ImportRequest[],
  onImported: (summary: ImportSummary) => void | Promise<void> = () => {},
): Promise<ImportOutcome> {
  const { store, sellerId, metricsConfig } = services;
  const zones = Object.fromEntries(MARKETPLACES.map((m) => [m, metricsConfig[m].zone])) as Record<Marketplace, string>;
  const figures = keptFigures(metricsConfig);
  const summaries: ImportSummary[] = [];
  for (const request of requests) {
    const run = async (path: string, name: string) => {
      request.onStart?.();
      const summary = await importFile(store, {
        file: path,
        ...(request.format ? { format: request.format } : {}),
        sellerId,
        context: { zones, defaultMarketplace: request.marketplace },
        encoding: request.encoding,
        skipInvalid: request.skipInvalid,
        ...(request.rejectsFile ? { rejectsFile: request.rejectsFile } : {}),
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        ...(request.onWarning ? { onWarning: request.onWarning } : {}),
        figures,
        beforeCommit: () => {
          request.onUpdatingMetrics?.();
          return Promise.resolve();
        },
        now: services.now,
      });
      const named = { ...summary, file: name };
      await onImported(named);
      summaries.push(named);
    };
    const source = request.source;
    if ('path' in source) await run(source.path, source.path);
    else await withSpooledFile(source.stream, source.name, (path) => run(path, source.name), source.transforms ?? []);
  }
  let alertChanges = 0;
  try {
    alertChanges = (await services.evaluateAlerts(services.now())).changes.length;
  } catch (error) {
    services.onAlertError(error);
  }
  return { summaries, alertChanges };
}
