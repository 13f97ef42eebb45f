import { describe, expect, it } from 'vitest';
import { readDelimited, splitQuoted } from './delimited-reader.js';

async function read(chunks: string[], quoted = true, delimiter = ','): Promise<[number, string[]][]> {
  const out: [number, string[]][] = [];
  async function* source() {
    for (const c of chunks) yield Buffer.from(c);
  }
  for await (const batch of readDelimited(source(), { delimiter, quoted })) {
    for (const r of batch) out.push([r.line, r.fields]);
  }
  return out;
}

describe('reading delimited text', () => {
  it('splits plain rows and numbers lines from 1, skipping blank lines', async () => {
    expect(await read(['\uFEFFa,b\r\n1,2\n\n3,4'])).toEqual([[1, ['a', 'b']], [2, ['1', '2']], [4, ['3', '4']]]);
  });

  it('joins rows split across chunks, even inside a multi-byte character', async () => {
    const bytes = Buffer.from('a,b\nx,ü\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const out: string[][] = [];
    async function* source() {
      yield bytes.subarray(0, cut);
      yield bytes.subarray(cut);
    }
    for await (const batch of readDelimited(source(), { delimiter: ',', quoted: true })) out.push(...batch.map((r) => r.fields));
    expect(out).toEqual([['a', 'b'], ['x', 'ü']]);
  });

  it('follows RFC 4180 quoting, including quoted line breaks across chunks', async () => {
    expect(await read(['h\n"a, ""b""",c\n"multi', '\nline",d\nlast,"x"'])).toEqual([
      [1, ['h']],
      [2, ['a, "b"', 'c']],
      [3, ['multi\nline', 'd']],
      [5, ['last', 'x']],
    ]);
    expect(splitQuoted('"",x,"y"', ',')).toEqual(['', 'x', 'y']);
  });

  it('leaves quotes alone in unquoted (Amazon) files', async () => {
    expect(await read(['a\tb\n12" doll\t"x\n'], false, '\t')).toEqual([[1, ['a', 'b']], [2, ['12" doll', '"x']]]);
  });
});
