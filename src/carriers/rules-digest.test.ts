import { describe, expect, it } from 'vitest';
import { CARRIERS } from './registry.js';
import { DEFAULT_METRICS_CONFIG, buildMetricsConfig, exemptionFingerprint } from '../metrics/config.js';
import { CARRIER_RULES_DIGEST, rulesDigest } from './rules-digest.js';

describe('the carrier rules digest (kept figures are recounted when it changes)', () => {
  const codes = [['UPS', 'DHL']];
  const base = rulesDigest({ carriers: CARRIERS, codes });

  it('is stable for the same rules', () => {
    expect(rulesDigest({ carriers: [...CARRIERS], codes: [['UPS', 'DHL']] })).toBe(base);
    expect(CARRIER_RULES_DIGEST).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with a code, a carrier\'s codes, a format or a check rule', () => {
    const [first, ...rest] = CARRIERS;
    const family = first!.families[0]!;
    const changed = (carrier: typeof first) => rulesDigest({ carriers: [carrier!, ...rest], codes });
    expect(rulesDigest({ carriers: CARRIERS, codes: [['UPS', 'DHL', 'DHL Parcel UK']] })).not.toBe(base);
    expect(changed({ ...first!, amazonCodes: [...first!.amazonCodes, { code: 'Other' }] })).not.toBe(base);
    expect(changed({ ...first!, families: [{ ...family, pattern: /^\d{22}$/ }, ...first!.families.slice(1)] })).not.toBe(base);
    const check = family.check!;
    expect(changed({ ...first!, families: [{ ...family, check: { ...check, expected: (n: string) => n.length % 10 } }, ...first!.families.slice(1)] })).not.toBe(base);
    // An S10 post that takes one more issuing country.
    const post = CARRIERS.find((c) => c.id === 'la-poste')!;
    const s10 = post.families.find((f) => f.accepts !== undefined)!;
    const wider = { ...post, families: post.families.map((f) => (f === s10 ? { ...f, accepts: (n: string) => s10.accepts!(n) || n.endsWith('MC') } : f)) };
    expect(rulesDigest({ carriers: CARRIERS.map((c) => (c === post ? wider : c)), codes })).not.toBe(base);
    expect(changed({ ...first!, unlistedFormats: true })).not.toBe(base);
  });
});

describe('the kept figures\' fingerprint', () => {
  it('holds the carrier rules digest, so figures counted under other carrier rules are recounted', () => {
    expect(exemptionFingerprint(DEFAULT_METRICS_CONFIG)).toContain(CARRIER_RULES_DIGEST);
    const ruled = buildMetricsConfig({ US: { exemptions: [{ shippingMethods: ['Ground'] }] } });
    expect(exemptionFingerprint(ruled)).toContain(CARRIER_RULES_DIGEST);
    expect(exemptionFingerprint(ruled)).not.toBe(exemptionFingerprint(DEFAULT_METRICS_CONFIG));
  });
});
