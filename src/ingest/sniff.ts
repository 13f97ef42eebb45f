import type { ImportFormat } from './map-context.js';

/** Recognises a file's format from its first bytes; null when nothing fits. */
export function sniffFormat(head: string): ImportFormat | null {
  const text = head.replace(/^\uFEFF/, '');
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  if (firstLine.trimStart().startsWith('{')) return 'events';
  if (firstLine.startsWith('templatetype=orderfulfillment')) return 'amazon-confirmations';
  if (firstLine.includes('\t')) {
    const cells = firstLine.split('\t').map((c) => c.trim());
    if (cells.includes('amazon-order-id')) return 'amazon-orders';
    if (cells.includes('order-id') && cells.includes('carrier-code')) return 'amazon-confirmations';
    return null;
  }
  const cells = firstLine.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  if (cells.includes('order_id') && cells.includes('sku')) return 'shipments';
  return null;
}
