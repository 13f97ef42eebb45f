import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedSyntaxError, readDelimited } from './delimited-reader.js';
import type { DelimitedOptions, DelimitedRecord } from './delimited-reader.js';

async function records(chunks: readonly (string | Buffer)[], options: Partial<DelimitedOptions> = {}): Promise<DelimitedRecord[]> {
  const out: DelimitedRecord[] = [];
  async function* source() {
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c) : c;
  }
  for await (const batch of readDelimited(source(), { delimiter: ',', quoted: true, ...options })) out.push(...batch);
  return out;
}

async function read(chunks: string[], quoted = true, delimiter = ','): Promise<[number, string[]][]> {
  return (await records(chunks, { quoted, delimiter })).map((r) => [r.line, r.fields]);
}

/** Cuts bytes at the given (sorted, deduplicated) offsets: chunk borders fall anywhere, mid-character too. */
function cut(bytes: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(bytes.subarray(from, p));
    from = p;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

describe('reading delimited text', () => {
  it('splits plain rows and numbers lines from 1, skipping blank lines', async () => {
    expect(await read(['\uFEFFa,b\r\n1,2\n\n3,4'])).toEqual([[1, ['a', 'b']], [2, ['1', '2']], [4, ['3', '4']]]);
  });

  it('joins rows split across chunks, even inside a multi-byte character', async () => {
    const bytes = Buffer.from('a,b\nx,ü\n');
    const at = bytes.indexOf(0xc3) + 1;
    expect((await records(cut(bytes, [at]))).map((r) => r.fields)).toEqual([['a', 'b'], ['x', 'ü']]);
  });

  it('follows RFC 4180 quoting, including quoted line breaks across chunks', async () => {
    expect(await read(['h\n"a, ""b""",c\n"multi', '\nline",d\nlast,"x"'])).toEqual([
      [1, ['h']],
      [2, ['a, "b"', 'c']],
      [3, ['multi\nline', 'd']],
      [5, ['last', 'x']],
    ]);
    expect(await read(['"",x,"y"'])).toEqual([[1, ['', 'x', 'y']]]);
  });

  it('leaves quotes alone in unquoted (Amazon) files', async () => {
    expect(await read(['a\tb\n12" doll\t"x\n'], false, '\t')).toEqual([[1, ['a', 'b']], [2, ['12" doll', '"x']]]);
  });

  it('reads a quote inside an unquoted field as a character, says so, and reads every later row', async () => {
    const out = await records(['sku,n\nSKU-12"inch,1\nB,2\nC,3"\n'], {});
    expect(out.map((r) => [r.line, r.fields, r.strayQuote])).toEqual([
      [1, ['sku', 'n'], undefined], [2, ['SKU-12"inch', '1'], 0], [3, ['B', '2'], undefined], [4, ['C', '3"'], 1],
    ]);
  });

  it('reads files whose lines end in CR alone', async () => {
    expect(await read(['a,b\r1,"x\ry"\r', '2,3\r'])).toEqual([[1, ['a', 'b']], [2, ['1', 'x\ny']], [4, ['2', '3']]]);
    // The CR that decides it may end a chunk.
    expect(await read(['a,b\r', '1,2'])).toEqual([[1, ['a', 'b']], [2, ['1', '2']]]);
    expect(await read(['a,b\r', '\n1,2'])).toEqual([[1, ['a', 'b']], [2, ['1', '2']]]);
  });

  it('marks the row, not the file, when a quoted field has text after its closing quote or a lone CR sits in a field', async () => {
    const out = await records(['a,b\n"x"y,1\n2,3\nq,w\rz\n']);
    expect(out.map((r) => [r.line, r.fields, r.problem?.field])).toEqual([
      [1, ['a', 'b'], undefined], [2, ['xy', '1'], 0], [3, ['2', '3'], undefined], [4, ['q', 'w\rz'], 1],
    ]);
    expect(out[1]!.problem!.message).toContain('closing quote');
    expect(out[3]!.problem!.message).toContain('carriage return');
  });

  it('stops with the line when a quoted field never closes, or a row outgrows the limit', async () => {
    await expect(records(['a,b\n1,2\n"open,3\n4,5\n'])).rejects.toThrow(new DelimitedSyntaxError(3, 'a quoted field opened on line 3 never closes (a missing quote?)'));
    const long = 'x'.repeat(5000);
    await expect(records([`a\n${long}\n`], { maxRecordChars: 4096 })).rejects.toMatchObject({ line: 2, message: expect.stringContaining('longer than 4,096') });
    // Without a line end, and inside an open quote, the limit holds across chunks.
    const chunks = Array.from({ length: 10 }, () => 'y'.repeat(1000));
    await expect(records(['a\n', ...chunks], { maxRecordChars: 4096 })).rejects.toMatchObject({ line: 2 });
    await expect(records(['a\n"', ...chunks], { maxRecordChars: 4096 })).rejects.toMatchObject({ line: 2 });
  });

  it("reads csv-spectrum's conformance cases as their JSON says", async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('csv-spectrum/package.json'));
    const names = readdirSync(join(root, 'csvs')).map((f) => f.replace(/\.csv$/, ''));
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const name of names) {
      const bytes = readFileSync(join(root, 'csvs', `${name}.csv`));
      const expected = [JSON.parse(readFileSync(join(root, 'json', `${name}.json`), 'utf8')) as Record<string, string>[] | Record<string, string>].flat();
      // Every chunking gives the same rows.
      for (const chunks of [[bytes], cut(bytes, [1, 7, 19, 33]), cut(bytes, Array.from({ length: bytes.length }, (_, i) => i))]) {
        const [header, ...rows] = (await records(chunks)).map((r) => {
          expect(r.problem, name).toBeUndefined();
          return r.fields;
        });
        const objects = rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]])));
        if (name === 'location_coordinates') {
          // The corpus's JSON has another phone number than its CSV (csv-spectrum issue #18); the quotes are the point.
          expect(objects).toEqual([{ ...expected[0], 'Contact Phone Number': '2095257564' }]);
        } else expect(objects, name).toEqual(expected);
      }
    }
  });

  const cell = fc.string({
    unit: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('a', 'B', '7', ' ', '-', '.') },
      { weight: 3, arbitrary: fc.constantFrom('"', ',', ';', '\t', '\n', '\r', '\r\n') },
      { weight: 1, arbitrary: fc.constantFrom('ü', '€', '😀', '\u3042') },
    ),
    maxLength: 12,
  });

  it('reads back the rows it is given, however they were written as valid CSV (property)', async () => {
    const written = fc.record({
      rows: fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })),
      delimiter: fc.constantFrom(',', ';', '\t'),
      lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
      quoteAll: fc.boolean(),
      finalLineEnd: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(written, async ({ rows, delimiter, lineEnd, quoteAll, finalLineEnd, cuts }) => {
        // The header's line end tells the file's (so it holds no line break), and with CR-only line ends every CR
        // is a line end, so a value's CRs read back as \n.
        rows[0] = rows[0]!.map((v) => v.replace(/[\r\n]/g, ''));
        // A row whose cells are all blank holds nothing: it is skipped, like a blank line.
        const expected = (lineEnd === '\r' ? rows.map((row) => row.map((v) => v.replace(/\r/g, '\n'))) : rows).filter((row) => row.some((v) => v.trim() !== ''));
        const quote = (v: string): string => {
          // RFC 4180 says when a field must be quoted.
          const must = /["\r\n]/.test(v) || v.includes(delimiter);
          return quoteAll || must ? `"${v.replace(/"/g, '""')}"` : v;
        };
        // A writer that quotes only what it must leaves a quote inside a field bare when it is not the first character.
        const lenient = (v: string): string => (!quoteAll && v.includes('"') && !v.startsWith('"') && !/[\r\n]/.test(v) && !v.includes(delimiter) ? v : quote(v));
        const text = rows.map((row) => row.map(lenient).join(delimiter)).join(lineEnd) + (finalLineEnd ? lineEnd : '');
        const out = await records(cut(Buffer.from(text), cuts), { delimiter });
        expect(out.map((r) => r.fields)).toEqual(expected);
        expect(out.every((r) => r.problem === undefined)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
