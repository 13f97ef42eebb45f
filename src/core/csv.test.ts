import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCells, FORMULA_PAYLOADS, liveFormulas } from '../../test/csv-cells.js';
import { csvCell, csvRow, quoteField } from './csv.js';

describe('csvRow', () => {
  it('neutralises every cell that a spreadsheet would run as a formula (OWASP lead characters)', () => {
    const text = `${csvRow(FORMULA_PAYLOADS)}\r\n`;
    expect(liveFormulas(text)).toEqual([]);
    expect(csvCells(text)[0]).toEqual(FORMULA_PAYLOADS.map((p) => (/^[=+\-@\t\r]/.test(p) ? `'${p}` : p)));
  });

  it('quotes separators, quotes and line breaks (RFC 4180) and leaves plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('1Z999AA10123456784')).toBe('1Z999AA10123456784');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(quoteField('=1+1')).toBe('=1+1');
  });

  it('reads back as the same cells, with a quote mark before a formula and nothing else changed', () => {
    fc.assert(fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (cells) => {
      const [back] = csvCells(`${csvRow(cells)}\n`);
      expect(back).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
    }));
  });
});
