import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  addDays, dayWindow, endOfLocalDay, formatInstant, isIsoDate, localDay, nonexistentDate, parseDateOrInstant, parseInstant, startOfLocalDay,
} from './time.js';

describe('time in the marketplace zone', () => {
  it('parses instants with their offset and rejects ones without', () => {
    expect(parseInstant('2026-11-03T14:05:00-05:00')).toEqual({ ms: Date.parse('2026-11-03T19:05:00Z'), offsetMinutes: -300 });
    expect(parseInstant('2026-11-03T14:05Z')).toEqual({ ms: Date.parse('2026-11-03T14:05:00Z'), offsetMinutes: 0 });
    expect(parseInstant('2026-11-03 14:05:00+0530')?.offsetMinutes).toBe(330);
    expect(parseInstant('2026-11-03T14:05:00')).toBeNull();
    expect(parseInstant('2026-11-03')).toBeNull();
    expect(parseInstant('2026-13-03T14:05:00Z')).toBeNull();
  });

  it('rejects dates and instants that do not exist instead of rolling them on (definitions.md v2, Time)', () => {
    for (const text of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-11-31', '2026-13-01', '2026-00-10', '2026-01-00']) {
      expect(isIsoDate(text), text).toBe(false);
      expect(parseDateOrInstant(text, 'Europe/Berlin'), text).toBeNull();
      expect(nonexistentDate(text), text).toMatch(/does not exist/);
    }
    for (const text of ['2026-11-31T10:00Z', '2026-02-30T10:00:00Z', '2026-02-29T10:00:00.000Z', '2026-06-31T10:00:00+02:00',
      '2026-11-30T24:00Z', '2026-11-30 25:00:00-05:00']) {
      expect(parseInstant(text), text).toBeNull();
      expect(nonexistentDate(text), text).toMatch(/does not exist/);
    }
    expect(nonexistentDate('2026-11-30T24:00Z')).toMatch(/an hour/);
    expect(nonexistentDate('2026-02-30')).toMatch(/a day/);
    // The last day of each month, and 29 February of leap years, exist.
    for (const text of ['2028-02-29', '2000-02-29', '2026-01-31', '2026-04-30', '2026-12-31']) {
      expect(isIsoDate(text), text).toBe(true);
      expect(nonexistentDate(text), text).toBeNull();
    }
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(parseInstant('2028-02-29T23:59:59Z')).toEqual({ ms: Date.parse('2028-02-29T23:59:59Z'), offsetMinutes: 0 });
    expect(parseInstant('2026-11-30T23:00-05:00')?.ms).toBe(Date.parse('2026-12-01T04:00:00Z'));
    // Text of another shape is not a nonexistent date, only not a date.
    expect(nonexistentDate('yesterday')).toBeNull();
  });

  it('takes a date-only value as the end of that local day', () => {
    expect(parseDateOrInstant('2026-11-02', 'America/Los_Angeles')).toBe(Date.parse('2026-11-03T08:00:00Z') - 1);
    expect(parseDateOrInstant('2026-07-02', 'Europe/London')).toBe(Date.parse('2026-07-02T23:00:00Z') - 1);
    expect(parseDateOrInstant('not a date', 'Europe/London')).toBeNull();
  });

  it('puts instants on the right local day around midnight and across DST changes', () => {
    const la = 'America/Los_Angeles';
    expect(localDay(Date.parse('2026-11-03T07:59:59.999Z'), la)).toBe('2026-11-02');
    expect(localDay(Date.parse('2026-11-03T08:00:00Z'), la)).toBe('2026-11-03');
    // 2026-11-01 is the fall-back day in Los Angeles: it lasts 25 hours.
    expect(endOfLocalDay('2026-11-01', la) + 1 - startOfLocalDay('2026-11-01', la)).toBe(25 * 3_600_000);
    expect(localDay(Date.parse('2026-11-01T08:30:00Z'), la)).toBe('2026-11-01');
    expect(localDay(Date.parse('2026-11-02T07:30:00Z'), la)).toBe('2026-11-01');
    // 2026-03-29 is the spring-forward day in Berlin: 23 hours.
    expect(endOfLocalDay('2026-03-29', 'Europe/Berlin') + 1 - startOfLocalDay('2026-03-29', 'Europe/Berlin')).toBe(23 * 3_600_000);
  });

  it('agrees with luxon across a DST year', () => {
    for (const zone of ['America/Los_Angeles', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata']) {
      for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 61 * 60_000 + 7_000) {
        expect(localDay(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
      }
    }
  });

  it('counts window days inclusively', () => {
    expect(dayWindow('2026-11-20', 30)).toEqual({ from: '2026-10-22', to: '2026-11-20' });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(formatInstant(Date.parse('2026-11-03T19:05:00Z'), -300)).toBe('2026-11-03T14:05:00.000-05:00');
  });
});
