/**
 * What vtrguard stores, bounded the same way on every database: SQLite would keep a NUL byte, a 1 MB id or a
 * quantity of 1e20 as given, where PostgreSQL refuses each with a driver error. Inputs are checked against these
 * limits where they enter (a file's row, an event), so both dialects accept and refuse the same inputs, with
 * the same error.
 */

/** Identifiers, codes, names and categories: they are keys or parts of indexes. */
export const MAX_ID_CHARS = 200;
/** Free text: an event's description and location. */
export const MAX_TEXT_CHARS = 2000;
/** Items of one order line. */
export const MAX_QUANTITY = 1_000_000;

/** Why a text value cannot be stored (a NUL character, or longer than `max`), or null when it can. */
export function textProblem(value: string, max: number): string | null {
  if (value.length > max) return `is ${value.length.toLocaleString('en-US')} characters long, more than the ${max.toLocaleString('en-US')} allowed`;
  if (value.includes('\u0000')) return 'holds a NUL character, which no text may';
  return null;
}

/** Why a record's values cannot be stored: the first string with a `textProblem`, or a number beyond safe integers. */
export function recordProblem(record: object, max = MAX_TEXT_CHARS): { field: string; message: string } | null {
  // `for … in`, not Object.entries: this runs on every record a batch writes, and the entry arrays were its cost.
  for (const field in record) {
    const value = (record as Record<string, unknown>)[field];
    if (typeof value === 'string') {
      const problem = textProblem(value, max);
      if (problem) return { field, message: `${field} ${problem}` };
    } else if (typeof value === 'number' && (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER || (field === 'quantity' && value > MAX_QUANTITY))) {
      return { field, message: `${field} ${value} is beyond what vtrguard can store` };
    }
  }
  return null;
}
