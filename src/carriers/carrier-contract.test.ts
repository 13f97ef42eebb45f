/** The contract every carrier definition must meet, run on each registered carrier. */
import { describe, expect, it } from 'vitest';
import { isTrackingStatus } from '../core/domain.js';
import { FAMILY_SAMPLE_TEMPLATES, sampleNumber, seededRandom } from './family-samples.js';
import { amazonCodeStanding, carrierForAmazonCode, resolveCarrier } from './names.js';
import { CARRIERS, MAX_TRACKING_LENGTH, getCarrier } from './registry.js';
import { UPU_OPERATORS } from './upu-operators.js';
import { detect } from '../validate/detect.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe.each(CARRIERS.map((carrier) => [carrier.id, carrier] as const))('carrier %s', (id, carrier) => {
  it('has a stable kebab-case id, a name, aliases, and is found by id', () => {
    expect(id).toMatch(KEBAB);
    expect(carrier.name.length).toBeGreaterThan(0);
    expect(carrier.aliases.length).toBeGreaterThan(0);
    expect(getCarrier(id)).toBe(carrier);
  });

  it('uses only exact Amazon carrier codes, and each leads back to it on its marketplaces', () => {
    for (const use of carrier.amazonCodes) {
      expect(amazonCodeStanding(use.code), use.code).toBe('exact');
      const marketplace = use.marketplaces?.[0];
      if (marketplace !== undefined || !carrier.amazonCodes.some((u) => u !== use && u.code === use.code)) {
        const owner = carrierForAmazonCode(use.code, marketplace);
        expect(owner === carrier || use.marketplaces === undefined, `${use.code} → ${owner?.id}`).toBe(true);
      }
    }
  });

  it('is what its aliases resolve to', () => {
    for (const alias of carrier.aliases) expect(resolveCarrier(alias)?.id, alias).toBe(id);
  });

  it('builds a tracking URL that carries the number encoded', () => {
    const url = new URL(carrier.trackingUrl('AB 12/3'));
    expect(url.protocol).toBe('https:');
    expect(url.href).toContain('AB%2012%2F3');
  });

  it('maps API statuses through a table with a valid fallback, when it has one', () => {
    if (!carrier.statusMap) return;
    expect(isTrackingStatus(carrier.statusMap.fallback)).toBe(true);
    for (const status of Object.values(carrier.statusMap.codes)) expect(isTrackingStatus(status)).toBe(true);
  });

  it.each(carrier.families.map((family) => [family.id, family] as const))('family %s: consistent shape and check', (_, family) => {
    expect(family.id).toMatch(KEBAB);
    expect(family.pattern.source.startsWith('^') && family.pattern.source.endsWith('$')).toBe(true);
    expect(FAMILY_SAMPLE_TEMPLATES[family.id]?.length ?? 0).toBeGreaterThan(0);
    const random = seededRandom(family.id.length * 7919);
    for (let i = 0; i < 50; i++) {
      const number = sampleNumber(family, random);
      // The dispatch keys must admit every number the pattern admits, or the detector would never try it.
      expect(family.lengths).toContain(number.length);
      expect(family.firstChars).toContain(number[0]);
      expect(number.length).toBeLessThanOrEqual(MAX_TRACKING_LENGTH);
      const match = detect(number).find((m) => m.entry.family === family && m.entry.carrier === carrier);
      expect(match?.check, number).toBe(family.check ? 'pass' : 'none');
    }
  });

  const numberReading = carrier.families.filter((family) => family.amazonCode !== undefined || family.issuer !== undefined);
  if (numberReading.length > 0) it.each(numberReading.map((family) => [family.id, family] as const))('family %s: its number key decides its Amazon code and issuer', (_, family) => {
    // The validator shares verdicts between numbers with equal keys: a code or issuer the key does not fix would leak.
    expect(family.numberKey).toBeDefined();
    const byKey = new Map<string, string>();
    const random = seededRandom(family.id.length * 104729);
    const numbers = [...Object.keys(UPU_OPERATORS).map((country) => `RR12345678${'5'}${country}`), ...Array.from({ length: 200 }, () => sampleNumber(family, random))];
    for (const number of numbers) {
      const key = family.numberKey?.(number) ?? '';
      const seen = `${family.amazonCode?.(number)}|${family.issuer?.(number)}`;
      expect(byKey.get(key) ?? seen, number).toBe(seen);
      byKey.set(key, seen);
    }
  });
});

describe('registry', () => {
  it('has unique carrier and family ids', () => {
    const carriers = CARRIERS.map((c) => c.id);
    const families = CARRIERS.flatMap((c) => c.families.map((f) => f.id));
    expect(new Set(carriers).size).toBe(carriers.length);
    expect(new Set(families).size).toBe(families.length);
  });

  it('gives every UPU country exactly one S10 owner', () => {
    for (const country of Object.keys(UPU_OPERATORS)) {
      const number = `RR12345678${'5'}${country}`;
      const owners = CARRIERS.filter((carrier) => carrier.families.some((f) => f.id.endsWith('-s10') && f.accepts?.(number)));
      expect(owners.map((c) => c.id), country).toHaveLength(1);
    }
    expect(detect('RB123456785XX')).toEqual([]);
  });

  it('lists in issuingCountries exactly the countries an S10 family accepts (the detector looks them up instead)', () => {
    const countries = [...Object.keys(UPU_OPERATORS), 'XX', 'ZZ'];
    for (const family of CARRIERS.flatMap((c) => [...c.families, ...(c.partnerFamilies ?? [])])) {
      if (family.issuingCountries === undefined) continue;
      const accepted = countries.filter((country) => family.accepts?.(`RR123456785${country}`));
      expect([...family.issuingCountries].sort(), family.id).toEqual(accepted.sort());
    }
    // Each S10 number is found under its own post, and only there, through the lookup.
    for (const country of Object.keys(UPU_OPERATORS)) {
      const owners = detect(`RR123456785${country}`).filter((m) => m.entry.family.issuingCountries !== undefined).map((m) => m.entry.carrier.id);
      const expected = CARRIERS.filter((c) => [...c.families, ...(c.partnerFamilies ?? [])].some((f) => f.issuingCountries?.includes(country))).map((c) => c.id);
      expect(owners.filter((id, i) => owners.indexOf(id) === i), country).toEqual(expected);
    }
  });
});
