import { describe, expect, it } from 'vitest';
import { parseCompactDateTime, parseOffset, parseProviderInstant } from './instant.js';

describe("carrier APIs' times", () => {
  it('reads wall times without an offset as UTC, and refuses days that do not exist', () => {
    expect(parseProviderInstant('2026-11-03T14:05:00')).toEqual({ ms: Date.parse('2026-11-03T14:05:00Z'), offsetMinutes: 0 });
    expect(parseProviderInstant('2026-11-03T14:05:00-05:00')?.offsetMinutes).toBe(-300);
    expect(parseProviderInstant('2026-02-30T10:00:00')).toBeNull();
    expect(parseProviderInstant('2026-11-31 10:00')).toBeNull();
    expect(parseProviderInstant('2026-11-30T24:00:00')).toBeNull();
  });

  it("reads UPS's compact date and time at an offset, and refuses days that do not exist", () => {
    expect(parseCompactDateTime('20261103', '140500', parseOffset('-05:00')!)).toEqual({ ms: Date.parse('2026-11-03T19:05:00Z'), offsetMinutes: -300 });
    expect(parseCompactDateTime('20260230', '100000', 0)).toBeNull();
    expect(parseCompactDateTime('20261131', null, 0)).toBeNull();
    expect(parseCompactDateTime('20261130', '250000', 0)).toBeNull();
  });
});
