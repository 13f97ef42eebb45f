import { quoteField } from '../core/csv.js';
import { VtrguardError } from '../core/errors.js';
import { amazonConfirmations } from './amazon-confirmations.js';
import { amazonOrdersReport } from './amazon-orders.js';
import type { BatchBuilder } from './batch.js';
import { DelimitedSyntaxError, readDelimited } from './delimited-reader.js';
import type { DelimitedOptions, DelimitedRecord } from './delimited-reader.js';
import { REPLACEMENT, notTextMessage } from './file-text.js';
import type { FileText } from './file-text.js';
import { reject } from './row-problem.js';
import { mapEventLine } from './events-jsonl.js';
import { RowReader, indexHeader } from './fields.js';
import type { DelimitedFormat, ImportFormat, MapContext } from './map-context.js';
import { shipmentsCsv } from './shipments-csv.js';

/** The formats read as delimited text (events are JSON lines). */
export type DelimitedFormatName = Exclude<ImportFormat, 'events'>;

export const DELIMITED: Readonly<Record<DelimitedFormatName, DelimitedFormat>> = {
  shipments: shipmentsCsv,
  'amazon-orders': amazonOrdersReport,
  'amazon-confirmations': amazonConfirmations,
};

/** A row of the source with its line number: `apply` maps it into a batch (or throws RowRejected). */
export interface SourceRow {
  line: number;
  apply: (batch: BatchBuilder) => void;
  /** The row as CSV, for the rejects report. */
  raw: () => string;
}

/** Rejects the row when one of its fields held bytes that were not text (the file's encoding is another). */
function rejectNonText(text: FileText, fields: readonly string[], header: readonly string[], line: number): void {
  const at = fields.findIndex((field) => field.includes(REPLACEMENT));
  if (at < 0) return;
  const column = header[at]?.trim() || `column ${at + 1}`;
  reject(line, column, notTextMessage(column, text.encoding));
}

/**
 * The records of the file's text. Text that cannot be read on (a quoted field that never closes, a row longer
 * than the limit) stops the import even with --skip-invalid: where the rows end is no longer known.
 */
async function* records(text: FileText, options: DelimitedOptions): AsyncGenerator<DelimitedRecord[]> {
  try {
    yield* readDelimited(text, options);
  } catch (error) {
    if (!(error instanceof DelimitedSyntaxError)) throw error;
    const context = { file: text.file, line: error.line };
    throw new VtrguardError('IMPORT_BAD_ROW', `${text.file}, line ${error.line}: ${error.message}. Nothing was imported.`, context);
  }
}

/** The header's name of a field, or its position past the header. */
function columnName(header: readonly string[], at: number): string {
  return header[at]?.trim() || `column ${at + 1}`;
}

/**
 * The rows of a delimited file. `delimiter`: the one its header uses (`delimiterOf`), else the format's own;
 * quoting follows the format (RFC 4180 for the shipments CSV whatever its delimiter, none in Amazon's files).
 * Every row must have as many cells as the header: a cell more or less is a shifted or cut row, rejected.
 */
export async function* delimitedRows(
  text: FileText,
  format: DelimitedFormat,
  context: MapContext,
  warn: (message: string) => void,
  delimiter: string = format.delimiter,
): AsyncGenerator<SourceRow[]> {
  const { file } = text;
  let reader: RowReader | null = null;
  let header: readonly string[] = [];
  let strayQuoteSaid = false;
  for await (const batch of records(text, { delimiter, quoted: format.delimiter === ',' })) {
    const rows: SourceRow[] = [];
    for (const { fields, line, problem, strayQuote } of batch) {
      if (strayQuote !== undefined && !strayQuoteSaid) {
        // Said once a file, at the first: a quote inside an unquoted field is a character (RFC 4180 readers agree).
        strayQuoteSaid = true;
        warn(`${file}, line ${line}, column ${columnName(header, strayQuote)}: a quote inside a field that is not quoted is read as a character`);
      }
      if (reader === null) {
        // Amazon's templates may open with a TemplateType line (and a caption row) before the header.
        const lowered = fields.map((c) => c.trim().toLowerCase());
        if (format.name === 'amazon-confirmations' && !lowered.includes(format.requiredColumns[0]!) && line <= 5) continue;
        const { index, unknown } = indexHeader(fields, format.columns, file, line);
        const missing = format.requiredColumns.filter((c) => !index.has(c));
        if (missing.length > 0) {
          throw new VtrguardError('IMPORT_BAD_HEADER', `${file}, line ${line}: the header lacks ${missing.join(', ')}`, {
            file, line, field: missing[0],
          });
        }
        if (unknown.length > 0) warn(`${file}: ignoring unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
        reader = new RowReader(index);
        header = fields;
        continue;
      }
      const row = reader;
      const columns = header;
      rows.push({
        line,
        apply: (target) => {
          if (problem) reject(line, columnName(columns, problem.field), problem.message);
          if (fields.length !== columns.length) {
            const at = Math.min(fields.length, columns.length);
            const cut = fields.length < columns.length ? ' (is the row cut short?)' : '';
            reject(line, columnName(columns, at), `the row has ${fields.length} cells where the header has ${columns.length}${cut}`);
          }
          if (text.sawNonText) rejectNonText(text, fields, columns, line);
          format.mapRow(row.load(fields, line), target, context);
        },
        raw: () => fields.map(quoteField).join(','),
      });
    }
    if (rows.length > 0) yield rows;
  }
  if (reader === null) throw new VtrguardError('IMPORT_BAD_HEADER', `${file}: the file has no header row`, { file });
}

export async function* eventRows(text: FileText): AsyncGenerator<SourceRow[]> {
  // One field per line: the line feed, which ends every line, is the delimiter.
  for await (const batch of records(text, { delimiter: '\n', quoted: false })) {
    yield batch.map(({ fields, line, problem }) => {
      const json = fields[0]!;
      return {
        line,
        apply: (target) => {
          if (problem) reject(line, '', problem.message);
          if (text.sawNonText && json.includes(REPLACEMENT)) reject(line, '', notTextMessage('the line', text.encoding));
          target.events.push(mapEventLine(json, line));
        },
        raw: () => json,
      };
    });
  }
}
