import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { evaluateAlerts } from '../../alerts/evaluate.js';
import { importFiles } from '../../app/import.js';
import { isMarketplace } from '../../core/domain.js';
import { VtrguardError } from '../../core/errors.js';
import { IMPORT_FORMATS } from '../../ingest/map-context.js';
import type { ImportFormat } from '../../ingest/map-context.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { errorResponses } from '../schemas.js';
import { evaluateOptionsFor } from './alerts.js';
import type { RouteOptions } from './index.js';

export interface ImportRouteOptions extends RouteOptions {
  /** Largest accepted upload in bytes (default 1 GiB); imports stream, so memory does not grow with it. */
  maxUploadBytes?: number;
}

interface ImportQuery {
  format?: ImportFormat;
  marketplace?: string;
  fileName?: string;
  skipInvalid?: boolean;
  encoding?: string;
}

/** Rejected rows returned inline are capped: a file that is mostly wrong needs fixing at the source. */
const MAX_REJECTS_BYTES = 1024 * 1024;

/** Counts bytes on their way to disk and stops the upload at the limit. */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > max) callback(new VtrguardError('PAYLOAD_TOO_LARGE', `The upload is larger than ${max} bytes.`, { limit: max }));
      else callback(null, chunk);
    },
  });
}

/**
 * `POST /v1/imports`: the CLI's `vtrguard import` over HTTP. The body is the file itself (any content type),
 * streamed to a temporary file and imported all or nothing like on the command line; alerts are evaluated
 * afterwards, so a bad import is noticed at once.
 */
export default async function importRoutes(app: FastifyInstance, opts: ImportRouteOptions): Promise<void> {
  const config = opts.metricsConfig ?? DEFAULT_METRICS_CONFIG;
  const maxBytes = opts.maxUploadBytes ?? 1024 ** 3;

  // The body is a file of any size: leave it as the request stream (this plugin is encapsulated).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post<{ Querystring: ImportQuery }>('/imports', {
    schema: {
      tags: ['import'],
      summary: 'Import a file: shipments CSV, events JSONL, Amazon All Orders report or shipping confirmations',
      description: 'Send the file as the request body (e.g. `curl --data-binary @shipments.csv`), gzip-compressed or not. The format is sniffed '
        + 'from the first line unless `format` is given. All or nothing: a bad row answers IMPORT_BAD_ROW with its line and '
        + 'column and keeps nothing, unless `skipInvalid` is set, which imports the good rows and returns the rejected ones. '
        + 'Importing the same content again changes nothing.',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          format: { type: 'string', enum: [...IMPORT_FORMATS] },
          marketplace: { type: 'string', description: 'For files that carry none (Amazon confirmations); default US.' },
          fileName: { type: 'string', maxLength: 200, description: 'Shown in messages; default "upload".' },
          skipInvalid: { type: 'boolean', default: false },
          encoding: {
            type: 'string', maxLength: 40, default: 'auto',
            description: 'auto (a byte-order mark, else UTF-8) or an encoding label: windows-1252 (Amazon flat files outside Japan), shift_jis (Amazon.co.jp), utf-16le, …',
          },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['fileName', 'format', 'rowsRead', 'rowsImported', 'rowsRejected', 'skipped', 'alreadyImported', 'seconds', 'alertChanges'],
          properties: {
            fileName: { type: 'string' },
            format: { type: 'string', enum: [...IMPORT_FORMATS] },
            rowsRead: { type: 'integer' },
            rowsImported: { type: 'integer' },
            rowsRejected: { type: 'integer' },
            skipped: {
              type: 'object',
              additionalProperties: { type: 'integer' },
              description: 'Rows left out on purpose, per reason (the All Orders report\'s Multi-Channel Fulfillment orders)',
            },
            alreadyImported: { type: 'boolean' },
            seconds: { type: 'number' },
            rejectedCsv: { type: 'string', description: 'With skipInvalid: the rejected rows with reasons (first MiB).' },
            alertChanges: { type: 'integer', description: 'Alerts whose level changed after this import.' },
          },
        },
        ...errorResponses('BAD_REQUEST', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'IMPORT_BAD_ROW', 'IMPORT_BAD_HEADER', 'IMPORT_UNKNOWN_FORMAT', 'IMPORT_UNREADABLE'),
      },
    },
  }, async (request) => {
    const marketplace = (request.query.marketplace ?? 'US').toUpperCase();
    if (!isMarketplace(marketplace)) {
      throw new VtrguardError('BAD_REQUEST', `Unknown marketplace "${request.query.marketplace}".`, { field: 'marketplace', value: marketplace });
    }
    // The name only labels messages; basename() keeps it from naming any other path, and `.`/`..` name none.
    const fileName = basename(request.query.fileName ?? 'upload') || 'upload';
    if (fileName === '.' || fileName === '..') {
      throw new VtrguardError('BAD_REQUEST', `fileName must name a file, got "${request.query.fileName}".`, { field: 'fileName', value: fileName });
    }
    let rejectedCsv: string | undefined;
    const { summaries, alertChanges } = await importFiles({
      store: opts.store,
      sellerId: request.sellerId,
      metricsConfig: config,
      now: opts.now,
      evaluateAlerts: (now) => evaluateAlerts(opts.store, request.sellerId, now, evaluateOptionsFor(opts)),
      onAlertError: (error) => request.log.error({ err: error }, 'alert evaluation after import failed'),
    }, [{
      source: { stream: request.body as NodeJS.ReadableStream, name: fileName, transforms: [byteLimit(maxBytes)] },
      ...(request.query.format ? { format: request.query.format } : {}),
      marketplace,
      encoding: request.query.encoding ?? 'auto',
      skipInvalid: request.query.skipInvalid === true,
    }], async (imported) => {
      // Read while the spooled upload (and the rejects file beside it) still exists.
      if (imported.rejectsFile) rejectedCsv = (await readFile(imported.rejectsFile)).subarray(0, MAX_REJECTS_BYTES).toString('utf8');
    });
    const summary = summaries[0]!;
    return {
      fileName,
      format: summary.format,
      rowsRead: summary.rowsRead,
      rowsImported: summary.rowsImported,
      rowsRejected: summary.rowsRejected,
      skipped: summary.skipped,
      alreadyImported: summary.alreadyImported,
      seconds: summary.seconds,
      ...(rejectedCsv === undefined ? {} : { rejectedCsv }),
      alertChanges,
    };
  });
}
