/**
 * Narrow readers for untrusted JSON (carrier answers, webhook bodies): a missing or oddly typed field reads as
 * null / empty instead of throwing, because providers omit fields freely and one odd event must not sink a batch.
 */
export type JsonObject = Record<string, unknown>;

export function obj(value: unknown): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
}

export function objs(value: unknown): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value.map(obj).filter((v): v is JsonObject => v !== null);
}

/** Strings as they are; numbers as text (some APIs send codes as numbers); anything else null. Empty → null. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Follows a path of keys; null as soon as a step is missing. */
export function at(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const o = obj(current);
    if (!o) return null;
    current = o[key];
  }
  return current;
}

/** "City, ST, 12345, US" from whichever parts exist; null when none. */
export function joinLocation(...parts: unknown[]): string | null {
  const present = parts.map(str).filter((p): p is string => p !== null);
  return present.length > 0 ? present.join(', ') : null;
}
