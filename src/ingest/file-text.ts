import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { VtrguardError } from '../core/errors.js';

/**
 * How a file's bytes become text. `auto`: a byte-order mark says UTF-8 or UTF-16 (LE/BE), otherwise UTF-8.
 * Anything else is a WHATWG encoding label: `windows-1252` (Amazon's flat files outside Japan, also
 * `latin1`), `shift_jis` (Amazon.co.jp), `utf-16le`, …
 */
export type TextEncodingOption = 'auto' | (string & {});

/** Bytes of the file read so far (compressed bytes for a gzip file), for the progress bar. */
export interface ReadCounter {
  bytes: number;
}

/**
 * 64 KiB reads: the reader splits a whole chunk into records before the first is mapped, and with 1 MiB chunks
 * ~5,000 rows of field arrays were alive at every scavenge (scavenges 828 → 501 ms, import −5% on 200k rows).
 */
const READ_CHUNK_BYTES = 1 << 16;

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Gzip content may inflate to at most this many times the compressed bytes read (past the first
 * INFLATE_FREE_BYTES): delimited text compresses 5-20×, while a 1 MB gzip of one repeated byte holds 1 GB.
 */
export const MAX_INFLATE_RATIO = 100;
const INFLATE_FREE_BYTES = 8 << 20;

/** The decoder for an encoding label; an unknown label is the caller's mistake, named as such. */
export function decoderFor(label: string): TextDecoder {
  try {
    // Not fatal: a byte that is not text becomes U+FFFD, and the row holding it is rejected with its line and
    // column (`notTextMessage`), so --skip-invalid can keep the rest of the file.
    return new TextDecoder(label);
  } catch {
    throw new VtrguardError('BAD_REQUEST', `Unknown text encoding "${label}" (try utf-8, windows-1252, shift_jis or utf-16le).`, {
      field: 'encoding', value: label,
    });
  }
}

/** The encoding a byte-order mark names, or null. */
function byteOrderMark(head: Buffer): string | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * About how many bytes of content the file holds: its size, or for gzip content the size its trailer records
 * (ISIZE: the last member's, modulo 4 GiB — an estimate, enough to choose how to read it).
 */
export async function contentBytes(file: string, size: number): Promise<number> {
  if (size < 18 || !(await isGzip(file))) return size;
  const handle = await open(file, 'r');
  try {
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, size - 4);
    return Math.max(size, trailer.readUInt32LE(0));
  } finally {
    await handle.close();
  }
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(GZIP_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && GZIP_MAGIC.every((byte, i) => head[i] === byte);
  } finally {
    await handle.close();
  }
}

/**
 * A file's content as text, a chunk at a time: gzip content (told by its magic bytes, as Amazon's report
 * documents arrive when compressed) is inflated as it is read, then decoded. `encoding` is the one used,
 * known once the first chunk is read.
 */
export class FileText implements AsyncIterable<string> {
  encoding: string | null = null;
  /**
   * Whether some bytes read so far were not text in the encoding (each became U+FFFD). It only ever turns true,
   * before the rows of that chunk are handed on, so rows need looking at only once it has.
   */
  sawNonText = false;

  constructor(
    readonly file: string,
    private readonly option: TextEncodingOption = 'auto',
    private readonly counter: ReadCounter = { bytes: 0 },
  ) {
    // An unknown label fails before anything is read.
    if (option !== 'auto') this.encoding = decoderFor(option).encoding;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    // Known before the stream opens: a 'data' listener would start it flowing, and what flowed before the
    // loop below took it would be lost.
    const gzip = await isGzip(this.file);
    const raw = createReadStream(this.file, { highWaterMark: READ_CHUNK_BYTES });
    let bytes: Readable = raw;
    let compressed = 0;
    let inflated = 0;
    if (gzip) {
      // Compressed bytes count for progress (they are what the file's size measures).
      raw.on('data', (chunk) => {
        this.counter.bytes += chunk.length;
        compressed += chunk.length;
      });
      bytes = raw.pipe(createGunzip());
      raw.on('error', (error) => bytes.destroy(error));
    }
    let decoder = this.option === 'auto' ? null : decoderFor(this.option);
    let head = Buffer.alloc(0);
    const start = (data: Buffer): TextDecoder => {
      const found = new TextDecoder(byteOrderMark(data) ?? 'utf-8');
      this.encoding = found.encoding;
      return found;
    };
    try {
      for await (const chunk of bytes as AsyncIterable<Buffer>) {
        if (!gzip) this.counter.bytes += chunk.length;
        else if ((inflated += chunk.length) > INFLATE_FREE_BYTES && inflated > compressed * MAX_INFLATE_RATIO) {
          throw new VtrguardError(
            'IMPORT_UNREADABLE',
            `${this.file}: the gzip content inflates to more than ${MAX_INFLATE_RATIO} times its size, as no delimited file does (a decompression bomb?). Nothing was imported.`,
            { file: this.file },
          );
        }
        let data = chunk;
        if (decoder === null) {
          // A byte-order mark is up to 3 bytes: wait for them (a first chunk that short is only a tiny file).
          head = Buffer.concat([head, chunk]);
          if (head.length < 3) continue;
          decoder = start(head);
          data = head;
        }
        const text = decoder.decode(data, { stream: true });
        if (text !== '') yield this.seen(text);
      }
      const rest = decoder === null ? start(head).decode(head) : decoder.decode();
      if (rest !== '') yield this.seen(rest);
    } catch (error) {
      if (gzip && isZlibError(error)) {
        throw new VtrguardError('IMPORT_UNREADABLE', `${this.file}: the gzip content cannot be read (${error.message}). Nothing was imported.`, {
          file: this.file,
        });
      }
      throw error;
    } finally {
      bytes.destroy();
      raw.destroy();
    }
  }

  private seen(text: string): string {
    if (!this.sawNonText && text.includes(REPLACEMENT)) this.sawNonText = true;
    return text;
  }
}

/** What a decoder puts where bytes are not text. */
export const REPLACEMENT = '\uFFFD';

/** zlib's own failures carry codes such as Z_DATA_ERROR (corrupt) and Z_BUF_ERROR (truncated). */
function isZlibError(error: unknown): error is Error {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** The first `maxChars` characters or so of the file's text (for sniffing its format). */
export async function readTextHead(file: string, option: TextEncodingOption = 'auto', maxChars = 65536): Promise<string> {
  let head = '';
  for await (const text of new FileText(file, option)) {
    head += text;
    if (head.length >= maxChars) break;
  }
  return head;
}

/** Why a row is rejected when `where` (a column, the line) held bytes that were not text in the file's encoding. */
export function notTextMessage(where: string, encoding: string | null): string {
  const read = encoding ?? 'utf-8';
  const hint = read === 'utf-8'
    ? "; Amazon's flat files outside Japan are usually windows-1252, and Amazon.co.jp's shift_jis: import with --encoding windows-1252 (or shift_jis)"
    : '; import with the --encoding the file was written in';
  return `${where} holds bytes that are not ${read} text${hint}`;
}
