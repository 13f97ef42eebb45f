import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { VtrguardError } from '../core/errors.js';
import { readDelimited } from './delimited-reader.js';

/**
 * A seller's SKU -> product category list: CSV (or tab-separated) with a header naming `sku` and `category`.
 * A row without either is an error naming its line; a SKU listed twice must say the same category.
 */
export async function readSkuCategories(file: string): Promise<Map<string, string>> {
  try {
    await access(file);
  } catch {
    throw new VtrguardError('FILE_NOT_FOUND', undefined, { file });
  }
  const out = new Map<string, string>();
  let columns: { sku: number; category: number } | null = null;
  for await (const records of readDelimited(createReadStream(file), { delimiter: ',', quoted: true })) {
    for (const record of records) {
      let fields = record.fields;
      if (columns === null) {
        // The header decides the delimiter: a tab-separated file arrives here as one field.
        if (fields.length === 1 && fields[0]!.includes('\t')) throw new VtrguardError('IMPORT_BAD_HEADER', 'use commas between columns (sku,category)', { file, line: 1 });
        fields = fields.map((f) => f.trim().toLowerCase());
        const sku = fields.indexOf('sku');
        const category = fields.indexOf('category');
        if (sku < 0 || category < 0) throw new VtrguardError('IMPORT_BAD_HEADER', 'the header must name the columns sku and category', { file, line: record.line });
        columns = { sku, category };
        continue;
      }
      if (fields.every((f) => f.trim() === '')) continue;
      const sku = fields[columns.sku]?.trim() ?? '';
      const category = fields[columns.category]?.trim() ?? '';
      if (sku === '') throw new VtrguardError('IMPORT_BAD_ROW', 'sku is empty', { file, line: record.line, field: 'sku' });
      if (category === '') throw new VtrguardError('IMPORT_BAD_ROW', `no category for SKU ${sku}`, { file, line: record.line, field: 'category' });
      const before = out.get(sku);
      if (before !== undefined && before !== category) {
        throw new VtrguardError('IMPORT_BAD_ROW', `SKU ${sku} is listed as "${before}" earlier and "${category}" here`, { file, line: record.line, field: 'category' });
      }
      out.set(sku, category);
    }
  }
  if (columns === null) throw new VtrguardError('IMPORT_BAD_HEADER', 'the file is empty; it needs a header sku,category', { file, line: 1 });
  return out;
}
