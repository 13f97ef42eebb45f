/**
 * What a whole file's rows said about each key (an order, a package, a package item), in a few numbers per key:
 * the key as a 64-bit fingerprint (two independent 32-bit hashes of its text), the line it was first seen on, and
 * a 32-bit fingerprint per fact (0: not yet given). All of it lives in one Uint32Array, an open-addressing table
 * probed linearly, so a 1M-row file costs ~30–60 bytes a key instead of the key's text and an array per key
 * (which held 900 MB at 250k rows: a sliced key string keeps its whole row alive).
 *
 * Two keys whose 64-bit fingerprints collide would be taken for one (about one chance in 10^7 for a file of a
 * million keys per kind); two different facts whose fingerprints collide would pass unseen (one in four billion).
 */

/** Words of an entry before its facts: the key's two hashes, then its line. */
const HEAD = 3;
/** The table doubles when it is this full: linear probing stays short below it. */
const MAX_LOAD = 0.6;
const FIRST_CAPACITY = 1 << 12;

/** 32-bit FNV-1a of a text, never 0 (0 stands for a fact a row leaves empty). */
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) || 1;
}

/** A safe integer's 32-bit fingerprint, never 0: its two halves through murmur3's finaliser. */
export function integerHash(value: number): number {
  let hash = Math.imul((value >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13) ^ Math.floor(value / 0x100000000), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) || 1;
}

/** A second hash, independent of `textHash` (multiply-rotate with another constant, murmur3's finaliser). */
function otherHash(text: string): number {
  let hash = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export class KeyFacts {
  private capacity = FIRST_CAPACITY;
  private readonly stride: number;
  private table: Uint32Array;
  private count = 0;

  constructor(readonly factCount: number) {
    this.stride = HEAD + factCount;
    this.table = new Uint32Array(this.capacity * this.stride);
  }

  get size(): number {
    return this.count;
  }

  /**
   * The entry of `key`, as an offset for `lineAt`/`factAt`/`setFact`: the one found, or a new one with `line` and no
   * facts. Lines start at 1: 0 marks a free slot.
   */
  entry(key: string, line: number): number {
    if (!(line >= 1)) throw new Error(`KeyFacts: line ${line} is not a line number`);
    const a = textHash(key);
    const b = otherHash(key);
    const found = this.probe(a, b);
    if (this.table[found + 2] !== 0) return found;
    this.table[found] = a;
    this.table[found + 1] = b;
    this.table[found + 2] = line;
    if (++this.count <= this.capacity * MAX_LOAD) return found;
    this.grow();
    return this.probe(a, b);
  }

  lineAt(at: number): number {
    return this.table[at + 2]!;
  }

  factAt(at: number, fact: number): number {
    return this.table[at + HEAD + fact]!;
  }

  setFact(at: number, fact: number, hash: number): void {
    this.table[at + HEAD + fact] = hash;
  }

  /** The offset of the entry with these hashes, or of the free slot where it belongs. */
  private probe(a: number, b: number): number {
    const mask = this.capacity - 1;
    // `b` went through a finaliser: its low bits are as good as any.
    for (let slot = b & mask; ; slot = (slot + 1) & mask) {
      const at = slot * this.stride;
      if (this.table[at + 2] === 0 || (this.table[at] === a && this.table[at + 1] === b)) return at;
    }
  }

  private grow(): void {
    const old = this.table;
    this.capacity *= 2;
    this.table = new Uint32Array(this.capacity * this.stride);
    for (let at = 0; at < old.length; at += this.stride) {
      if (old[at + 2] === 0) continue;
      const to = this.probe(old[at]!, old[at + 1]!);
      this.table.set(old.subarray(at, at + this.stride), to);
    }
  }
}
