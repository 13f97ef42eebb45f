import type { Marketplace } from '../core/domain.js';
import type { BatchBuilder } from './batch.js';
import type { RowReader } from './fields.js';

export interface MapContext {
  zones: Readonly<Record<Marketplace, string>>;
  /** For files that carry no marketplace (Amazon's shipping-confirmation flat file). */
  defaultMarketplace: Marketplace;
}

/** A delimited format: the columns it knows, those it needs, and how one row lands in a batch. */
export interface DelimitedFormat {
  name: ImportFormat;
  delimiter: ',' | '\t';
  /** Other delimiters a file of this format may use, told apart by its header (`delimiterOf`). */
  delimiters?: readonly string[];
  columns: readonly string[];
  requiredColumns: readonly string[];
  mapRow(row: RowReader, batch: BatchBuilder, context: MapContext): void;
}

export const IMPORT_FORMATS = ['shipments', 'events', 'amazon-orders', 'amazon-confirmations'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
