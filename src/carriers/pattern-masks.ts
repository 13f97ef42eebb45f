/**
 * Family patterns compiled to per-length position masks. The regex stays the source of truth: at registry build
 * each pattern in the simple subset the families use (literals, `\d`, `[…]` classes over 0-9 A-Z, `(?:…|…)`
 * groups, `?`, `{n}`, `{n,m}`, anchored) is expanded into fixed-length rows — one allowed-character table per
 * position — and a number matches when it fits one row of its length. A pattern outside the subset (lookaheads,
 * `*`, `+`…) keeps its regex. pattern-masks.test.ts checks mask ⇔ regex on generated samples.
 *
 * Why: a regex call costs far more than the 12–42 table reads a row test takes, and identical patterns
 * (all S10 families, `^\d{12}$`…) share one compiled test, so the detector runs each once per number.
 */

/** Value of a character in a row table: 0–9 digits, 10–35 letters, 36 anything else (never allowed). */
const OTHER = 36;
const CHAR_VALUE = new Uint8Array(128).fill(OTHER);
for (let c = 0; c < 10; c++) CHAR_VALUE[48 + c] = c;
for (let c = 0; c < 26; c++) CHAR_VALUE[65 + c] = 10 + c;

/** A set of allowed characters at one position: bit v set when value v is allowed (values 0–35). */
type CharSet = bigint;

/** A compiled pattern: by length, the rows a number of that length must fit one of; regex when not compilable. */
export interface CompiledPattern {
  /** Shared by every family with the same pattern source: the detector memoises results by it per number. */
  readonly id: number;
  readonly regex: RegExp;
  /** rows[length]: the rows of that length (undefined: none). Null: outside the subset, use the regex. */
  readonly rows: (readonly Row[] | undefined)[] | null;
}

class Unsupported extends Error {}

/** At most this many fixed-length rows per pattern; past it the regex is kept. */
const MAX_ROWS = 256;

type Seq = CharSet[];

function setOf(value: number): CharSet {
  return 1n << BigInt(value);
}

function valueOfChar(char: string): number {
  const code = char.charCodeAt(0);
  const value = code < 128 ? (CHAR_VALUE[code] as number) : OTHER;
  if (value === OTHER || char.length !== 1) throw new Unsupported(`character ${char}`);
  return value;
}

const DIGIT_SET: CharSet = (1n << 10n) - 1n;

/** Parses the pattern body (between ^ and $) into a list of fixed-length sequences. */
class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Seq[] {
    // Top level: one branch only (`^a|b$` anchors each branch separately, which rows do not express).
    const seqs = this.concatenation();
    if (this.i !== this.src.length) throw new Unsupported(`unexpected ${this.src[this.i]}`);
    return seqs;
  }

  private alternation(): Seq[] {
    let out = this.concatenation();
    while (this.src[this.i] === '|') {
      this.i++;
      out = out.concat(this.concatenation());
      if (out.length > MAX_ROWS) throw new Unsupported('too many rows');
    }
    return out;
  }

  private concatenation(): Seq[] {
    let out: Seq[] = [[]];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.quantified();
      const next: Seq[] = [];
      for (const a of out) for (const b of atom) next.push(a.concat(b));
      if (next.length > MAX_ROWS) throw new Unsupported('too many rows');
      out = next;
    }
    return out;
  }

  private quantified(): Seq[] {
    const atom = this.atom();
    let min = 1;
    let max = 1;
    const c = this.src[this.i];
    if (c === '?') {
      this.i++;
      min = 0;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,(\d+))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported('quantifier');
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : Number(m[2]);
    } else if (c === '*' || c === '+') {
      throw new Unsupported('unbounded quantifier');
    }
    if (this.src[this.i] === '?' || this.src[this.i] === '+') throw new Unsupported('lazy/possessive quantifier');
    const out: Seq[] = [];
    let power: Seq[] = [[]];
    for (let k = 0; k <= max; k++) {
      if (k >= min) out.push(...power);
      if (k === max) break;
      const next: Seq[] = [];
      for (const a of power) for (const b of atom) next.push(a.concat(b));
      if (next.length > MAX_ROWS) throw new Unsupported('too many rows');
      power = next;
    }
    if (out.length > MAX_ROWS) throw new Unsupported('too many rows');
    return out;
  }

  private atom(): Seq[] {
    const c = this.src[this.i];
    if (c === '(') {
      if (this.src.slice(this.i, this.i + 3) !== '(?:') throw new Unsupported('group other than (?:');
      this.i += 3;
      const inner = this.alternation();
      if (this.src[this.i] !== ')') throw new Unsupported('unclosed group');
      this.i++;
      return inner;
    }
    if (c === '[') return [[this.charClass()]];
    if (c === '\\') {
      const e = this.src[this.i + 1];
      this.i += 2;
      if (e === 'd') return [[DIGIT_SET]];
      throw new Unsupported(`escape \\${e}`);
    }
    if (c === undefined || '.^$*+?{}|)'.includes(c)) throw new Unsupported(`token ${c}`);
    this.i++;
    return [[setOf(valueOfChar(c))]];
  }

  private charClass(): CharSet {
    this.i++; // [
    if (this.src[this.i] === '^') throw new Unsupported('negated class');
    let set: CharSet = 0n;
    while (this.src[this.i] !== ']') {
      const c = this.src[this.i];
      if (c === undefined) throw new Unsupported('unclosed class');
      if (c === '\\') {
        if (this.src[this.i + 1] !== 'd') throw new Unsupported('class escape');
        this.i += 2;
        set |= DIGIT_SET;
        continue;
      }
      const from = valueOfChar(c);
      this.i++;
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        const to = valueOfChar(this.src[this.i + 1] as string);
        this.i += 2;
        // Ranges within digits or within letters only: 0-9, A-Z and their parts.
        if (to < from || (from < 10) !== (to < 10)) throw new Unsupported('range');
        for (let v = from; v <= to; v++) set |= setOf(v);
      } else {
        set |= setOf(from);
      }
    }
    this.i++; // ]
    return set;
  }
}

/** The pattern as fixed-length rows of character sets, or null when it is outside the supported subset. */
export function patternRows(regex: RegExp): Map<number, CharSet[][]> | null {
  const src = regex.source;
  if (regex.flags.replace(/[gy]/g, '') !== '' || !src.startsWith('^') || !src.endsWith('$') || src.endsWith('\\$')) return null;
  let seqs: Seq[];
  try {
    seqs = new Parser(src.slice(1, -1)).parse();
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  const byLength = new Map<number, CharSet[][]>();
  const seen = new Set<string>();
  for (const seq of seqs) {
    const key = seq.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const rows = byLength.get(seq.length) ?? [];
    rows.push(seq);
    byLength.set(seq.length, rows);
  }
  for (const [length, rows] of byLength) byLength.set(length, mergeRows(rows));
  return byLength;
}

/** Rows differing at one position only are one row with the union there: fewer rows to test. */
function mergeRows(rows: CharSet[][]): CharSet[][] {
  let merged = true;
  while (merged) {
    merged = false;
    outer: for (let a = 0; a < rows.length; a++) {
      for (let b = a + 1; b < rows.length; b++) {
        const ra = rows[a] as CharSet[];
        const rb = rows[b] as CharSet[];
        let diff = -1;
        let count = 0;
        for (let p = 0; p < ra.length; p++) {
          if (ra[p] !== rb[p]) {
            diff = p;
            if (++count > 1) break;
          }
        }
        if (count <= 1) {
          const row = ra.slice();
          if (diff >= 0) row[diff] = (ra[diff] as CharSet) | (rb[diff] as CharSet);
          rows = rows.filter((_, i) => i !== a && i !== b);
          rows.push(row);
          merged = true;
          break outer;
        }
      }
    }
  }
  return rows;
}

/**
 * A row as bit masks over positions (bit p of lo for p < 32, of hi for p − 32): positions that take digits only,
 * letters only, and the rest as exceptions (position, allowed values as two 32-bit halves) — the literal
 * characters and narrow classes like `[1-5]`. Positions that take any of 0-9 A-Z need no test beyond the number
 * being all 0-9 A-Z.
 */
export interface Row {
  readonly digitsLo: number;
  readonly digitsHi: number;
  readonly lettersLo: number;
  readonly lettersHi: number;
  /** Flat triples: position, allowed values 0–31 (bit v), allowed values 32–35 (bit v − 32). */
  readonly exceptions: Int32Array;
}

const LETTER_SET: CharSet = ((1n << 36n) - 1n) ^ DIGIT_SET;
const ALNUM_SET: CharSet = (1n << 36n) - 1n;

function compileRow(row: readonly CharSet[]): Row {
  let digitsLo = 0;
  let digitsHi = 0;
  let lettersLo = 0;
  let lettersHi = 0;
  const exceptions: number[] = [];
  for (let p = 0; p < row.length; p++) {
    const set = row[p] as CharSet;
    if (set === ALNUM_SET) continue;
    if (set === DIGIT_SET) {
      if (p < 32) digitsLo |= 1 << p;
      else digitsHi |= 1 << (p - 32);
    } else if (set === LETTER_SET) {
      if (p < 32) lettersLo |= 1 << p;
      else lettersHi |= 1 << (p - 32);
    } else {
      exceptions.push(p, Number(BigInt.asIntN(32, set & 0xffffffffn)), Number(set >> 32n));
    }
  }
  return { digitsLo, digitsHi, lettersLo, lettersHi, exceptions: Int32Array.from(exceptions) };
}

/** Longest number rows handle (two 32-bit halves). */
const MAX_ROW_LENGTH = 64;

const COMPILED = new Map<string, CompiledPattern>();

/** The compiled form of a family pattern; the same object for every pattern with the same source and flags. */
export function compilePattern(regex: RegExp): CompiledPattern {
  const key = `${regex.flags}/${regex.source}`;
  let compiled = COMPILED.get(key);
  if (compiled === undefined) {
    const byLength = patternRows(regex);
    let rows: (Row[] | undefined)[] | null = null;
    if (byLength !== null && [...byLength.keys()].every((length) => length <= MAX_ROW_LENGTH)) {
      rows = new Array<Row[] | undefined>(MAX_ROW_LENGTH + 1).fill(undefined);
      for (const [length, lengthRows] of byLength) rows[length] = lengthRows.map(compileRow);
    }
    compiled = { id: COMPILED.size, regex: new RegExp(regex.source, regex.flags.replace(/[gy]/g, '')), rows };
    COMPILED.set(key, compiled);
  }
  return compiled;
}

/** Number of distinct compiled patterns so far (ids run 0 … count − 1). */
export function compiledPatternCount(): number {
  return COMPILED.size;
}

/**
 * What rows need to know about a number, from one scan: positions holding something other than a digit, other
 * than a letter, and whether anything is outside 0-9 A-Z. Reused between calls (one number at a time).
 */
export interface NumberShape {
  nonDigitLo: number;
  nonDigitHi: number;
  nonLetterLo: number;
  nonLetterHi: number;
  /** True when every character is 0-9 or A-Z and the number is at most 64 long. */
  alnum: boolean;
}

export function newNumberShape(): NumberShape {
  return { nonDigitLo: 0, nonDigitHi: 0, nonLetterLo: 0, nonLetterHi: 0, alnum: false };
}

/** Fill `shape` for `n`. */
export function readShape(n: string, shape: NumberShape): void {
  let nonDigitLo = 0;
  let nonDigitHi = 0;
  let nonLetterLo = 0;
  let nonLetterHi = 0;
  let alnum = n.length <= MAX_ROW_LENGTH;
  const length = alnum ? n.length : 0;
  // Two loops, one per 32-bit half, so neither tests which half a position falls in.
  const lowEnd = length < 32 ? length : 32;
  for (let p = 0; p < lowEnd; p++) {
    const code = n.charCodeAt(p);
    if (code >= 48 && code <= 57) nonLetterLo |= 1 << p;
    else if (code >= 65 && code <= 90) nonDigitLo |= 1 << p;
    else {
      alnum = false;
      break;
    }
  }
  for (let p = 32; alnum && p < length; p++) {
    const code = n.charCodeAt(p);
    if (code >= 48 && code <= 57) nonLetterHi |= 1 << (p - 32);
    else if (code >= 65 && code <= 90) nonDigitHi |= 1 << (p - 32);
    else alnum = false;
  }
  shape.nonDigitLo = nonDigitLo;
  shape.nonDigitHi = nonDigitHi;
  shape.nonLetterLo = nonLetterLo;
  shape.nonLetterHi = nonLetterHi;
  shape.alnum = alnum;
}

/** Does `n` (whose shape is `shape`) match the compiled pattern? Same answer as `regex.test(n)`. */
export function matchesCompiled(compiled: CompiledPattern, n: string, shape: NumberShape): boolean {
  const rows = compiled.rows;
  if (rows === null) return compiled.regex.test(n);
  if (!shape.alnum) return false;
  const candidates = rows[n.length];
  if (candidates === undefined) return false;
  for (let r = 0; r < candidates.length; r++) {
    const row = candidates[r] as Row;
    if ((row.digitsLo & shape.nonDigitLo) !== 0 || (row.digitsHi & shape.nonDigitHi) !== 0) continue;
    if ((row.lettersLo & shape.nonLetterLo) !== 0 || (row.lettersHi & shape.nonLetterHi) !== 0) continue;
    const exceptions = row.exceptions;
    let e = 0;
    for (; e < exceptions.length; e += 3) {
      const value = CHAR_VALUE[n.charCodeAt(exceptions[e] as number)] as number;
      const allowed = value < 32 ? ((exceptions[e + 1] as number) >>> value) & 1 : ((exceptions[e + 2] as number) >>> (value - 32)) & 1;
      if (allowed === 0) break;
    }
    if (e >= exceptions.length) return true;
  }
  return false;
}

/** `matchesCompiled` for a one-off test (reads the shape itself). */
export function matchesPattern(compiled: CompiledPattern, n: string): boolean {
  const shape = newNumberShape();
  readShape(n, shape);
  return matchesCompiled(compiled, n, shape);
}
