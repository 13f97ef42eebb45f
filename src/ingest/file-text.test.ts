import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { VtrguardError } from '../core/errors.js';
import { FileText, MAX_INFLATE_RATIO, contentBytes, readTextHead } from './file-text.js';
import { gzipBomb } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'vtrguard-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: Buffer | string): string {
  const path = join(dir, `f${files++}`);
  writeFileSync(path, content);
  return path;
}

async function readAll(text: FileText): Promise<string> {
  let all = '';
  for await (const chunk of text) all += chunk;
  return all;
}

describe('FileText', () => {
  it('keeps a character whose bytes straddle two reads, and counts every byte', async () => {
    // 65,535 ASCII bytes, then "€" (3 bytes): the first read ends inside it.
    const content = `${'a'.repeat(65_535)}€ and ü`;
    const counter = { bytes: 0 };
    const text = new FileText(file(content), 'auto', counter);
    expect(await readAll(text)).toBe(content);
    expect(text).toMatchObject({ encoding: 'utf-8', sawNonText: false });
    expect(counter.bytes).toBe(Buffer.byteLength(content));
  });

  it('reads byte-order marks (UTF-8, UTF-16LE, UTF-16BE) and drops them', async () => {
    const utf16be = Buffer.from('order_id,ß\n', 'utf16le').swap16();
    for (const [bytes, encoding] of [
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('order_id,ß\n')]), 'utf-8'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('order_id,ß\n', 'utf16le')]), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), 'utf-16be'],
    ] as const) {
      const text = new FileText(file(bytes));
      expect(await readAll(text)).toBe('order_id,ß\n');
      expect(text.encoding).toBe(encoding);
    }
  });

  it('decodes a named encoding, and marks bytes that are not text in it', async () => {
    expect(await readAll(new FileText(file(Buffer.from([0x80, 0x20, 0xfc])), 'windows-1252'))).toBe('€ ü');
    expect(await readAll(new FileText(file(Buffer.from([0x82, 0xa0])), 'shift_jis'))).toBe('あ');
    const latin = new FileText(file(Buffer.from('Küche', 'latin1')));
    expect(await readAll(latin)).toBe('K\uFFFDche');
    expect(latin.sawNonText).toBe(true);
  });

  it('inflates gzip content and counts the compressed bytes', async () => {
    const content = 'order_id,sku\n'.repeat(10_000);
    const zipped = gzipSync(content);
    const counter = { bytes: 0 };
    expect(await readAll(new FileText(file(zipped), 'auto', counter))).toBe(content);
    expect(counter.bytes).toBe(zipped.length);
  });

  it('refuses gzip content that inflates to more than MAX_INFLATE_RATIO times its size, long before its end', async () => {
    const bomb = gzipBomb('order_id,sku\n', 64);
    const counter = { bytes: 0 };
    let inflated = 0;
    const reading = (async () => {
      for await (const chunk of new FileText(file(bomb), 'auto', counter)) inflated += chunk.length;
    })();
    await expect(reading).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE', message: expect.stringContaining(`more than ${MAX_INFLATE_RATIO} times its size`) });
    expect(inflated).toBeLessThan(16 << 20);
  });

  it('tells how much content a gzip file holds from its trailer, to choose how to read it', async () => {
    const content = 'order_id,sku\n'.repeat(50_000);
    const zipped = gzipSync(content);
    expect(await contentBytes(file(zipped), zipped.length)).toBe(content.length);
    expect(await contentBytes(file(content), content.length)).toBe(content.length);
    expect(await contentBytes(file('a'), 1)).toBe(1);
  });

  it('reads files shorter than a byte-order mark, and empty ones', async () => {
    expect(await readAll(new FileText(file('a')))).toBe('a');
    expect(await readAll(new FileText(file('')))).toBe('');
  });

  it('names an unknown encoding before reading anything', () => {
    const error = (() => {
      try {
        return new FileText(join(dir, 'never-read'), 'ebcdic-klingon');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(VtrguardError);
    expect(error).toMatchObject({ code: 'BAD_REQUEST', context: { field: 'encoding', value: 'ebcdic-klingon' } });
  });

  it('sniffs from the head of a large file without reading it all', async () => {
    const head = await readTextHead(file(gzipSync('x'.repeat(1_000_000))), 'auto', 100);
    expect(head.length).toBeGreaterThanOrEqual(100);
    expect(head.length).toBeLessThan(1_000_000);
  });
});
