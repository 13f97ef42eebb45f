import { gzipSync } from 'node:zlib';

/**
 * A small gzip file whose content is `head` and then `megabytes` MiB of one byte without a line end: gzip members
 * may be concatenated, so one deflated MiB is repeated (about 1 KB each) instead of deflating it all.
 */
export function gzipBomb(head: string, megabytes: number, byte = 'a'): Buffer {
  const mebibyte = gzipSync(Buffer.alloc(1 << 20, byte), { level: 9 });
  return Buffer.concat([gzipSync(head), ...Array.from({ length: megabytes }, () => mebibyte)]);
}
