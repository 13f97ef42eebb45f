import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { addDays, dayWindow, endOfLocalDay, formatInstant, localDay, parseDateOrInstant, parseInstant, startOfLocalDay } from './time.js';

describe('time in the marketplace zone', () => {
  it('parses instants with their offset and rejects ones without', () => {
    expect(parseInstant('2026-11-03T14:05:00-05:00')).toEqual({ ms: Date.parse('2026-11-03T19:05:00Z'), offsetMinutes: -300 });
    expect(parseInstant('2026-11-03T14:05Z')).toEqual({ ms: Date.parse('2026-11-03T14:05:00Z'), offsetMinutes: 0 });
    expect(parseInstant('2026-11-03 14:05:00+0530')?.offsetMinutes).toBe(330);
    expect(parseInstant('2026-11-03T14:05:00')).toBeNull();
    expect(parseInstant('2026-11-03')).toBeNull();
    expect(parseInstant('2026-13-03T14:05:00Z')).toBeNull();
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
