import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { evaluateAlerts } from '../../alerts/evaluate.js';
import { importSkuCategories } from '../../app/amazon-categories.js';
import { importFiles } from '../../app/import.js';
import { isMarketplace } from '../../core/domain.js';
import { VtrguardError } from '../../core/errors.js';
import { IMPORT_FORMATS } from '../../ingest/map-context.js';
import { withSpooledFile } from '../../ingest/spool.js';
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

/** The uploaded file: a `multipart/form-data` body's one file part (a browser's upload), or the body itself. */
interface Upload {
  stream: NodeJS.ReadableStream;
  /** The name the client gave (the part's file name, or `?fileName=`); it only labels messages. */
  name: string;
}

/** The name only labels messages; basename() keeps it from naming any other path, and `.`/`..` name none. */
function uploadName(given: string | undefined): string {
  const fileName = basename(given ?? 'upload') || 'upload';
  if (fileName === '.' || fileName === '..') {
    throw new VtrguardError('BAD_REQUEST', `fileName must name a file, got "${given}".`, { field: 'fileName', value: fileName });
  }
  return fileName;
}

async function uploadOf(request: FastifyRequest<{ Querystring: { fileName?: string } }>): Promise<Upload> {
  if (!request.isMultipart()) return { stream: request.body as NodeJS.ReadableStream, name: uploadName(request.query.fileName) };
  // The options travel in the query for both kinds of body: a form field would be a second, silent channel.
  let part;
  try {
    part = await request.file();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'FST_FIELDS_LIMIT' && code !== 'FST_PARTS_LIMIT' && code !== 'FST_FILES_LIMIT') throw error;
    throw new VtrguardError('BAD_REQUEST', 'The form must hold one file part and nothing else; options go in the query (?format=…).', { field: 'file' });
  }
  if (!part) throw new VtrguardError('BAD_REQUEST', 'The multipart body has no file part.', { field: 'file' });
  return { stream: part.file, name: uploadName(request.query.fileName ?? part.filename) };
}

const UPLOAD_DESCRIPTION = 'Send the file as the request body (e.g. `curl --data-binary @file`), or as the one file part of a '
  + '`multipart/form-data` body (a browser form, `curl -F file=@file`; the part\'s file name then names it unless `fileName` is given).';

/**
 * `POST /v1/imports`: the CLI's `vtrguard import` over HTTP. The body is the file itself (any content type) or a
 * multipart form's file, streamed to a temporary file and imported all or nothing like on the command line; alerts
 * are evaluated afterwards, so a bad import is noticed at once.
 */
export default async function importRoutes(app: FastifyInstance, opts: ImportRouteOptions): Promise<void> {
  const config = opts.metricsConfig ?? DEFAULT_METRICS_CONFIG;
  const maxBytes = opts.maxUploadBytes ?? 1024 ** 3;

  // The body is a file of any size: leave it as the request stream (this plugin is encapsulated).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  // A browser uploads a form: one file part and nothing else. The size limit is byteLimit's, one byte later, so
  // both kinds of body are refused alike (PAYLOAD_TOO_LARGE with the limit).
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 0, parts: 1, fileSize: maxBytes + 1 } });

  app.post<{ Querystring: ImportQuery }>('/imports', {
    schema: {
      tags: ['import'],
      summary: 'Import a file: shipments CSV, events JSONL, Amazon All Orders report or shipping confirmations',
      description: `${UPLOAD_DESCRIPTION} Gzip-compressed or not. The format is sniffed `
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
    const upload = await uploadOf(request);
    const fileName = upload.name;
    let rejectedCsv: string | undefined;
    const { summaries, alertChanges } = await importFiles({
      store: opts.store,
      sellerId: request.sellerId,
      metricsConfig: config,
      now: opts.now,
      evaluateAlerts: (now) => evaluateAlerts(opts.store, request.sellerId, now, evaluateOptionsFor(opts)),
      onAlertError: (error) => request.log.error({ err: error }, 'alert evaluation after import failed'),
    }, [{
      source: { stream: upload.stream, name: fileName, transforms: [byteLimit(maxBytes)] },
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

  app.post<{ Querystring: { fileName?: string } }>('/imports/sku-categories', {
    schema: {
      tags: ['import'],
      summary: 'Replace the seller\'s SKU → product category list (CSV sku,category); it wins over the catalog — vtrguard amazon categories',
      description: `${UPLOAD_DESCRIPTION} All or nothing: a bad row answers IMPORT_BAD_ROW with its line and field and changes nothing.`,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { fileName: { type: 'string', maxLength: 200, description: 'Shown in messages; default "upload".' } },
      },
      response: {
        200: {
          type: 'object',
          required: ['fileName', 'skus'],
          properties: { fileName: { type: 'string' }, skus: { type: 'integer', description: 'SKUs mapped; the next Amazon sync applies them.' } },
        },
        ...errorResponses('BAD_REQUEST', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'IMPORT_BAD_ROW', 'IMPORT_BAD_HEADER'),
      },
    },
  }, async (request) => {
    const upload = await uploadOf(request);
    const skus = await withSpooledFile(upload.stream, upload.name, (path) => importSkuCategories(opts.store, request.sellerId, path), [byteLimit(maxBytes)]);
    return { fileName: upload.name, skus };
  });
}
