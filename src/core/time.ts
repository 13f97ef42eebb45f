import { DateTime } from 'luxon';
import type { Instant, Marketplace } from './domain.js';

export const DAY_MS = 86_400_000;

export const DEFAULT_ZONES: Readonly<Record<Marketplace, string>> = {
  US: 'America/Los_Angeles', CA: 'America/Los_Angeles', MX: 'America/Los_Angeles',
  UK: 'Europe/London', DE: 'Europe/Berlin', FR: 'Europe/Paris', IT: 'Europe/Rome', ES: 'Europe/Madrid',
  NL: 'Europe/Amsterdam', SE: 'Europe/Stockholm', PL: 'Europe/Warsaw', BE: 'Europe/Brussels',
  JP: 'Asia/Tokyo', AU: 'Australia/Sydney', IN: 'Asia/Kolkata', BR: 'America/Sao_Paulo', AE: 'Asia/Dubai',
  SG: 'Asia/Singapore',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const OFFSET = /(Z|([+-])(\d{2}):?(\d{2}))$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digits = (text: string, at: number, count: number): number => {
  let n = 0;
  for (let i = at; i < at + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
};

/**
 * Whether the `YYYY-MM-DD` that `text` starts with (and its `Thh` when it has one) names a day and hour that exist.
 * `Date.parse` takes `2026-02-30` for March 2 and `T24:00` for the next day's midnight; definitions.md (Time)
 * makes both input errors, never rolled on.
 */
function existingDay(text: string): boolean {
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  if (text.length > 12 && digits(text, 11, 2) > 23) return false;
  if (day <= 28) return true;
  const year = digits(text, 0, 4);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * Why a date or instant that has the shape of one does not exist (`2026-02-30`, `2026-11-31T10:00Z`,
 * `2026-11-03T24:00Z`), for an error message; null when it is not of that shape or exists.
 */
export function nonexistentDate(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}|$)/.test(trimmed) || existingDay(trimmed)) return null;
  const what = existingDay(trimmed.slice(0, 10)) ? 'an hour' : 'a day';
  return `"${trimmed}" names ${what} that does not exist (an input error, never rolled on to the next day or month)`;
}

export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && existingDay(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** Parses an ISO 8601 instant that carries an offset or `Z`; null when it is not one. */
export function parseInstant(text: string): Instant | null {
  // The common case (what vtrguard itself writes, and most exports): UTC with `Z`, parsed without rewriting.
  if (UTC_INSTANT.test(text)) {
    if (!existingDay(text)) return null;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : { ms, offsetMinutes: 0 };
  }
  const trimmed = text.trim();
  if (!ISO_INSTANT.test(trimmed) || !existingDay(trimmed)) return null;
  const ms = Date.parse(trimmed.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) return null;
  const m = OFFSET.exec(trimmed);
  let offsetMinutes = 0;
  if (m && m[1] !== 'Z' && m[1] !== 'z') {
    offsetMinutes = (Number(m[3]) * 60 + Number(m[4])) * (m[2] === '-' ? -1 : 1);
  }
  return { ms, offsetMinutes };
}

/**
 * A date-only value means the end of that local day (definitions.md, Time); an instant is taken as is.
 * Returns null when the text is neither.
 */
export function parseDateOrInstant(text: string, zone: string): number | null {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return endOfLocalDay(trimmed, zone);
  return parseInstant(trimmed)?.ms ?? null;
}

/**
 * Offsets per zone and UTC day: converting millions of instants to local days must be cheap. A day whose
 * offset is the same at both ends is cached whole; a transition day falls back to quarter-hour lookups, which
 * is exact because every zone changes offset on a quarter-hour boundary.
 */
const TRANSITION = Number.NaN;
const dayOffsets = new Map<string, Map<number, number>>();
const quarterOffsets = new Map<string, Map<number, number>>();
const CACHE_LIMIT = 100_000;

function cached(cache: Map<string, Map<number, number>>, zone: string, key: number, compute: () => number): number {
  let byKey = cache.get(zone);
  if (!byKey) {
    byKey = new Map();
    cache.set(zone, byKey);
  }
  let value = byKey.get(key);
  if (value === undefined) {
    value = compute();
    if (byKey.size >= CACHE_LIMIT) byKey.clear();
    byKey.set(key, value);
  }
  return value;
}

function luxonOffset(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

function offsetMinutesAt(ms: number, zone: string): number {
  const day = Math.floor(ms / DAY_MS);
  const whole = cached(dayOffsets, zone, day, () => {
    const start = luxonOffset(day * DAY_MS, zone);
    return start === luxonOffset((day + 1) * DAY_MS - 1, zone) ? start : TRANSITION;
  });
  if (!Number.isNaN(whole)) return whole;
  const quarter = Math.floor(ms / 900_000);
  return cached(quarterOffsets, zone, quarter, () => luxonOffset(quarter * 900_000, zone));
}

/** The calendar day (in `zone`) that contains the instant. */
const dayNames = new Map<number, string>();

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), cached: a data set spans few distinct days. */
function dayName(dayNumber: number): string {
  let name = dayNames.get(dayNumber);
  if (name === undefined) {
    name = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size >= CACHE_LIMIT) dayNames.clear();
    dayNames.set(dayNumber, name);
  }
  return name;
}

export function localDay(ms: number, zone: string): string {
  return dayName(Math.floor((ms + offsetMinutesAt(ms, zone) * 60_000) / DAY_MS));
}

const dayStarts = new Map<string, number>();

/** First millisecond of the local day (or of the day `plusDays` after it). */
export function startOfLocalDay(day: string, zone: string, plusDays = 0): number {
  const key = `${zone}|${day}|${plusDays}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = DateTime.fromISO(addDays(day, plusDays), { zone }).startOf('day').toMillis();
    if (dayStarts.size >= CACHE_LIMIT) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

/** Last millisecond of the local day (so "no later than the end of the day" is `<=`). */
export function endOfLocalDay(day: string, zone: string): number {
  return startOfLocalDay(day, zone, 1) - 1;
}

const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 of a `YYYY-MM-DD` day (NaN for none), cached like `dayName`. */
function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
    if (dayNumbers.size >= CACHE_LIMIT) dayNumbers.clear();
    dayNumbers.set(day, n);
  }
  return n;
}

/**
 * The day `days` after `day`. Two cache lookups: the trend and the forecasts take a window's bounds for every
 * day they show, and parsing and formatting a date each time was 6% of a dashboard read's CPU.
 */
export function addDays(day: string, days: number): string {
  return dayName(dayNumber(day) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export interface DayWindow {
  from: string;
  to: string;
}

/** An N-day window ending on `end` covers end-(N-1) … end, both included. */
export function dayWindow(end: string, days: number): DayWindow {
  return { from: addDays(end, -(days - 1)), to: end };
}

export function dayInWindow(day: string, window: DayWindow): boolean {
  return day >= window.from && day <= window.to;
}

export function formatInstant(ms: number | null, offsetMinutes = 0): string | null {
  if (ms === null) return null;
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
