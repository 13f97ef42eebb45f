import type { DelimitedFormat, ImportFormat } from './map-context.js';
import { shipmentsCsv } from './shipments-csv.js';

/** Recognises a file's format from its first bytes; null when nothing fits. */
export function sniffFormat(head: string): ImportFormat | null {
  const text = head.replace(/^\uFEFF/, '');
  const firstLine = (text.split(/\r\n?|\n/, 1)[0] ?? '').toLowerCase();
  if (firstLine.trimStart().startsWith('{')) return 'events';
  if (firstLine.startsWith('templatetype=orderfulfillment')) return 'amazon-confirmations';
  if (firstLine.includes('\t')) {
    const cells = firstLine.split('\t').map((c) => c.trim());
    if (cells.includes('amazon-order-id')) return 'amazon-orders';
    if (cells.includes('order-id') && cells.includes('carrier-code')) return 'amazon-confirmations';
  }
  const cells = headerCells(firstLine, delimiterOf(shipmentsCsv, firstLine));
  return cells.includes('order_id') && cells.includes('sku') ? 'shipments' : null;
}

function headerCells(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
}

/**
 * The delimiter of a delimited file, told by its header (the first line of `head`): among the ones its
 * format accepts, the one that splits the header into the most of its known columns; the format's own when
 * none does better.
 */
export function delimiterOf(format: DelimitedFormat, head: string): string {
  const line = head.replace(/^\uFEFF/, '').split(/\r\n?|\n/, 1)[0] ?? '';
  const known = new Set(format.columns);
  const score = (delimiter: string) => headerCells(line, delimiter).filter((c) => known.has(c)).length;
  let best: string = format.delimiter;
  for (const candidate of format.delimiters ?? []) if (score(candidate) > score(best)) best = candidate;
  return best;
}
