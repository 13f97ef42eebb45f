import { describe, expect, it } from 'vitest';
import type { Column } from './table.js';
import { compareSortValues, sortRows } from './table.js';

interface Row {
  id: string;
  rate: number | null;
}

const rate: Column<Row> = { key: 'rate', label: 'Rate', sortValue: (r) => r.rate, cell: (r) => String(r.rate) };
const id: Column<Row> = { key: 'id', label: 'Id', sortValue: (r) => r.id, cell: (r) => r.id };

describe('table sorting', () => {
  const rows: Row[] = [
    { id: 'b10', rate: 0.9 },
    { id: 'b9', rate: null },
    { id: 'a', rate: 0.5 },
    { id: 'c', rate: 0.9 },
  ];

  it('keeps missing values last in both directions', () => {
    expect(sortRows(rows, rate, 'ascending').map((r) => r.id)).toEqual(['a', 'b10', 'c', 'b9']);
    expect(sortRows(rows, rate, 'descending').map((r) => r.id)).toEqual(['b10', 'c', 'a', 'b9']);
  });

  it('sorts text naturally (b9 before b10) and stably', () => {
    expect(sortRows(rows, id, 'ascending').map((r) => r.id)).toEqual(['a', 'b9', 'b10', 'c']);
    expect(compareSortValues('Toys', 'toys', 'ascending')).toBe(0);
  });

  it('leaves the input untouched', () => {
    const before = rows.map((r) => r.id);
    sortRows(rows, rate, 'descending');
    expect(rows.map((r) => r.id)).toEqual(before);
  });
});
