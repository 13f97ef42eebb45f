import { VtrguardError } from '../core/errors.js';

/**
 * POST_FLAT_FILE_FULFILLMENT_DATA, both ways (sp-api.md §4.2): the tab-separated file that confirms many packages
 * at once, and the processing report Amazon answers it with. Pure text in, text out; the use case sends it.
 */
export const FULFILLMENT_FEED_TYPE = 'POST_FLAT_FILE_FULFILLMENT_DATA';
export const FEED_CONTENT_TYPE = 'text/tab-separated-values; charset=UTF-8';

const COLUMNS = ['order-id', 'order-item-id', 'quantity', 'ship-date', 'carrier-code', 'carrier-name', 'tracking-number', 'ship-method'] as const;

/** One row of the feed: one item of one package (the rows of a package share its tracking number). */
export interface FulfillmentFeedRow {
  orderId: string;
  orderItemId: string;
  quantity: number;
  /** Epoch ms. */
  shipDate: number;
  carrierCode: string;
  carrierName: string | null;
  trackingNumber: string;
  shippingMethod: string | null;
}

/** A tab or a line break inside a value would shift every column after it: such a value cannot go in the file. */
function cell(row: number, column: string, value: string): string {
  if (/[\t\r\n]/.test(value)) {
    throw new VtrguardError('BAD_REQUEST', `feed row ${row}: ${column} holds a tab or line break`, { field: column, row });
  }
  return value;
}

/** The feed's text; row n of `rows` is Amazon's `original-record-number` n + 1. */
export function buildFulfillmentFeed(rows: readonly FulfillmentFeedRow[]): string {
  const lines = rows.map((r, i) => [
    cell(i + 1, 'order-id', r.orderId), cell(i + 1, 'order-item-id', r.orderItemId), String(r.quantity),
    new Date(r.shipDate).toISOString(), cell(i + 1, 'carrier-code', r.carrierCode), cell(i + 1, 'carrier-name', r.carrierName ?? ''),
    cell(i + 1, 'tracking-number', r.trackingNumber), cell(i + 1, 'ship-method', r.shippingMethod ?? ''),
  ].join('\t'));
  return `${[COLUMNS.join('\t'), ...lines].join('\n')}\n`;
}

/** A row Amazon did not take as sent, or took with a warning. */
export interface ProcessingResult {
  /** The feed row it is about (1 = the first row after the header); null for a message about the whole feed. */
  recordNumber: number | null;
  orderId: string | null;
  code: string;
  type: 'Error' | 'Warning';
  message: string;
}

export interface ProcessingReport {
  processed: number | null;
  successful: number | null;
  results: ProcessingResult[];
}

/**
 * Amazon's processing report of a flat-file feed: a summary ("Number of records processed/successful"), then a
 * table of `original-record-number, order-id, order-item-id, error-code, error-type, error-message`. A report
 * that is not this shape is refused rather than read as "no errors": a package is never taken as sent on a guess.
 */
export function parseProcessingReport(text: string): ProcessingReport {
  const lines = text.split(/\r?\n/);
  const figure = (label: string): number | null => {
    const line = lines.find((l) => l.toLowerCase().includes(label));
    const value = line ? Number(line.split('\t').filter((c) => c.trim() !== '').at(-1)) : NaN;
    return Number.isInteger(value) ? value : null;
  };
  const headerAt = lines.findIndex((l) => l.split('\t').some((c) => c.trim().toLowerCase() === 'original-record-number'));
  if (headerAt < 0 || figure('records processed') === null) {
    throw new VtrguardError('AMAZON_BAD_RESPONSE', 'the feed\'s processing report has no summary or no result table');
  }
  const header = lines[headerAt]!.split('\t').map((c) => c.trim().toLowerCase());
  const at = (name: string) => header.indexOf(name);
  const results: ProcessingResult[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    const get = (name: string) => (at(name) < 0 ? '' : (cells[at(name)] ?? '').trim());
    const record = Number(get('original-record-number'));
    const type = get('error-type').toLowerCase() === 'warning' ? 'Warning' : 'Error';
    results.push({
      recordNumber: Number.isInteger(record) && record > 0 ? record : null,
      orderId: get('order-id') || null,
      code: get('error-code'),
      type,
      message: get('error-message') || `Amazon's error ${get('error-code') || 'without a code'}`,
    });
  }
  return { processed: figure('records processed'), successful: figure('records successful'), results };
}
