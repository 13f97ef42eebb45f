import type { Instant } from '../../core/domain.js';
import { nonexistentDate, parseInstant } from '../../core/time.js';

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/**
 * An ISO instant with its offset; when the provider leaves the offset out (USPS, DHL and AfterShip examples
 * differ), the wall time is read as UTC with offset 0 — the only reading that needs no guess about a zone.
 */
export function parseProviderInstant(text: string | null): Instant | null {
  if (text === null) return null;
  const withOffset = parseInstant(text);
  if (withOffset) return withOffset;
  const m = LOCAL_ISO.exec(text.trim());
  // Date.UTC would roll 2026-02-30 on to March 2.
  if (!m || nonexistentDate(text) !== null) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), Number(`0.${m[7] ?? '0'}`) * 1000);
  return Number.isNaN(ms) ? null : { ms, offsetMinutes: 0 };
}

/** `YYYYMMDD` + `HHMMSS` (UPS) as wall time at `offsetMinutes` east of UTC. */
export function parseCompactDateTime(date: string | null, time: string | null, offsetMinutes: number): Instant | null {
  if (!date || !/^\d{8}$/.test(date)) return null;
  const t = time && /^\d{4,6}$/.test(time) ? time.padEnd(6, '0') : '000000';
  // Date.UTC would roll 20260230 on to March 2, and minute 60 on to the next hour.
  const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${t.slice(0, 2)}`;
  if (nonexistentDate(day) !== null || +t.slice(2, 4) > 59 || +t.slice(4, 6) > 59) return null;
  const wall = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6));
  return Number.isNaN(wall) ? null : { ms: wall - offsetMinutes * 60_000, offsetMinutes };
}

/** `-05:00`, `-0500`, `+5` → minutes east of UTC; null when unreadable. */
export function parseOffset(text: string | null): number | null {
  if (!text) return null;
  const m = /^([+-])?(\d{1,2})(?::?(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}
