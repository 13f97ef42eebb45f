import { VtrguardError } from '../core/errors.js';
import { MAX_ID_CHARS, MAX_QUANTITY, textProblem } from '../core/limits.js';
import { nonexistentDate, parseInstant, parseDateOrInstant } from '../core/time.js';
import type { Instant } from '../core/domain.js';
import { reject } from './row-problem.js';

/**
 * Reads named columns of one delimited row by header position, with errors that name line and column.
 * Header names are matched case-insensitively; unknown columns are reported once by the caller.
 */
export class RowReader {
  private values: readonly string[] = [];
  line = 0;

  constructor(private readonly index: ReadonlyMap<string, number>) {}

  load(values: readonly string[], line: number): this {
    this.values = values;
    this.line = line;
    return this;
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  /** The trimmed value, or '' when the column is absent or empty; a value that cannot be stored rejects the row. */
  get(column: string): string {
    const i = this.index.get(column);
    const value = i === undefined ? '' : (this.values[i] ?? '').trim();
    if (value.length > MAX_ID_CHARS || value.includes('\u0000')) reject(this.line, column, `${column} ${textProblem(value, MAX_ID_CHARS)!}`);
    return value;
  }

  optional(column: string): string | null {
    const value = this.get(column);
    return value === '' ? null : value;
  }

  required(column: string): string {
    const value = this.get(column);
    if (value === '') reject(this.line, column, `${column} is required but empty`);
    return value;
  }

  instant(column: string, isRequired: boolean): Instant | null {
    const value = isRequired ? this.required(column) : this.get(column);
    if (value === '') return null;
    const instant = parseInstant(value);
    if (!instant) reject(this.line, column, nonexistentDate(value) ?? `"${value}" is not an ISO 8601 instant with an offset (e.g. 2026-11-03T14:05:00-05:00)`);
    return instant;
  }

  /** A date-only value means the end of that local day in `zone`. */
  dateOrInstant(column: string, zone: string, isRequired: boolean): number | null {
    const value = isRequired ? this.required(column) : this.get(column);
    if (value === '') return null;
    const ms = parseDateOrInstant(value, zone);
    if (ms === null) reject(this.line, column, nonexistentDate(value) ?? `"${value}" is neither an ISO 8601 date nor an instant`);
    return ms;
  }

  positiveInteger(column: string, fallback: number): number {
    const value = this.get(column);
    if (value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > MAX_QUANTITY) {
      reject(this.line, column, `"${value}" is not a whole number from 1 to ${MAX_QUANTITY.toLocaleString('en-US')}`);
    }
    return n;
  }

  /** A decimal number >= 0 (a point as the decimal mark), or null when empty. */
  nonNegativeNumber(column: string): number | null {
    const value = this.get(column);
    if (value === '') return null;
    const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(n)) reject(this.line, column, `"${value}" is not a decimal number of at least 0 (e.g. 12.50)`);
    return n;
  }

  boolean(column: string): boolean {
    const value = this.get(column).toLowerCase();
    if (value === '' || value === 'false' || value === 'no' || value === '0' || value === 'n') return false;
    if (value === 'true' || value === 'yes' || value === '1' || value === 'y') return true;
    return reject(this.line, column, `"${this.get(column)}" is not true or false`);
  }
}

/**
 * Maps lower-cased header names to positions; returns the map and the names it does not know. A known column
 * named twice is an error: which copy holds the value cannot be told.
 */
export function indexHeader(
  header: readonly string[],
  known: readonly string[],
  file: string,
  line: number,
): { index: Map<string, number>; unknown: string[] } {
  const index = new Map<string, number>();
  const unknown: string[] = [];
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase().replace(/^\uFEFF/, '');
    const first = index.get(key);
    if (first !== undefined) {
      throw new VtrguardError('IMPORT_BAD_HEADER', `${file}, line ${line}: the header names ${key} twice (columns ${first + 1} and ${i + 1})`, {
        file, line, field: key,
      });
    }
    if (known.includes(key)) index.set(key, i);
    else if (key !== '') unknown.push(name.trim());
  });
  return { index, unknown };
}
