import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSkuCategories } from './sku-categories.js';

const dir = mkdtempSync(join(tmpdir(), 'vtrguard-sku-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('readSkuCategories', () => {
  it('reads sku and category by header name, quoted fields too', async () => {
    const map = await readSkuCategories(file('ok.csv', 'Category,SKU\n"Toys & Games",A-1\nBeauty,B-2\n\n'));
    expect([...map]).toEqual([['A-1', 'Toys & Games'], ['B-2', 'Beauty']]);
  });

  it('names the line and field of a bad row, and a missing header', async () => {
    await expect(readSkuCategories(file('empty-cat.csv', 'sku,category\nA-1,Toys\nB-2,\n'))).rejects.toMatchObject({ code: 'IMPORT_BAD_ROW', context: { line: 3, field: 'category' } });
    await expect(readSkuCategories(file('twice.csv', 'sku,category\nA-1,Toys\nA-1,Beauty\n'))).rejects.toMatchObject({ context: { line: 3 } });
    await expect(readSkuCategories(file('header.csv', 'item,cat\nA,B\n'))).rejects.toMatchObject({ code: 'IMPORT_BAD_HEADER' });
    await expect(readSkuCategories(join(dir, 'none.csv'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
