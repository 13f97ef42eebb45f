/**
 * Cross-check against the public reference vectors (tracking_number_data 2.0.0, ../shared/reference). Each
 * reference family maps to ours; a valid vector must fit the mapped family, an invalid one must not. Deliberate
 * disagreements are listed with their reason (also in docs/carriers.md). Skips when the reference is absent:
 * nothing at run time depends on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';
import { normalizeTrackingNumber } from './normalize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VECTORS_FILE = path.resolve(repoRoot, '../shared/reference/tracking-number-data/vectors.jsonl');

interface ReferenceVector {
  courier: string;
  family: string;
  number: string;
  valid: boolean;
}

const OUR_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  amazon_logistics: ['amazon-tba'],
  amazon_international: ['amazon-international'],
  canada_post: ['canada-post-16'],
  canpar_22: ['canpar-22'],
  dhl_express: ['dhl-express-waybill'],
  dhl_express_piece_id: ['dhl-express-piece'],
  dhl_ecommerce: ['dhl-ecommerce-gm', 'dhl-ecommerce-regional'],
  dhl_ecommerce_14: ['dhl-ecommerce-14'],
  dpd: ['dpd-28'],
  dpd_14: ['dpd-14'],
  fedex_12: ['fedex-12'],
  fedex_34: ['fedex-34'],
  fedex_astra_32: ['fedex-astra'],
  fedex_ground: ['fedex-ground-15'],
  fedex_ground_sscc_18: ['fedex-sscc-18'],
  fedex_ground_96: ['fedex-ground-96'],
  fedex_ground_gsn: ['fedex-ground-gsn'],
  gofo_us: ['gofo-us'],
  landmark_global: ['landmark-ltn'],
  lasership_lx: ['lasership-l'],
  lasership_1ls7: ['lasership-1ls'],
  'lasership-1ls7-18': ['lasership-1ls'],
  lasership_1lscx: ['lasership-1ls'],
  'old-dominion': ['old-dominion-pro'],
  'old-dominion-guaranteed-shipment': ['old-dominion-guaranteed'],
  ontrac_c: ['ontrac-cd'],
  ontrac_d: ['ontrac-cd'],
  purolator_numeric: ['purolator-12'],
  purolator_alpha: ['purolator-alpha'],
  s10: [
    'usps-s10', 'royal-mail-s10', 'canada-post-s10', 'auspost-s10', 'japan-post-s10', 'china-post-s10', 'deutsche-post-s10',
    'la-poste-s10', 'postnl-s10', 'poste-italiane-s10', 'correos-s10', 'bpost-s10', 'swiss-post-s10', 'postnord-s10',
    'polish-post-s10', 'at-post-s10', 'india-post-s10', 'correios-s10', 'emirates-post-s10', 'singapore-post-s10',
    'hongkong-post-s10', 'jersey-post-s10', 'posti-s10', 'upu-post-s10',
  ],
  speedee: ['speedee-sp'],
  ups: ['ups-1z'],
  'ups-waybill': ['ups-waybill'],
  usps_20: ['usps-20'],
  usps_impb_n: ['usps-impb'],
  usps_impb_c: ['usps-impb'],
  usps_legacy: ['usps-impb', 'usps-20-without-91'],
  yodel: ['yodel-jd'],
  yunexpress: ['yunexpress-yt'],
};

/** Where we disagree on purpose: reference family + number → why. */
const DELIBERATE: Readonly<Record<string, string>> = {
  'lasership_lx L A 9 7 6 3 5 0 3 6 ': 'LaserShip issues L + any letter + 8 digits (issue 15); the reference allows only L[AIEHNX][1-3] + 7 digits',
};

function fits(number: string, families: readonly string[]): boolean {
  return detect(normalizeTrackingNumber(number)).some(
    (match) => !match.entry.partner && families.includes(match.entry.family.id) && match.check !== 'fail',
  );
}

const present = existsSync(VECTORS_FILE);

describe.skipIf(!present)('reference vectors cross-check', () => {
  const vectors: ReferenceVector[] = present
    ? readFileSync(VECTORS_FILE, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as ReferenceVector)
    : [];

  it('maps every reference family to ours', () => {
    for (const vector of vectors) expect(OUR_FAMILIES[vector.family], vector.family).toBeDefined();
  });

  it('agrees on every vector except the documented ones', () => {
    const disagreements: string[] = [];
    for (const vector of vectors) {
      const key = `${vector.family} ${vector.number}`;
      if (fits(vector.number, OUR_FAMILIES[vector.family] ?? []) !== vector.valid && !(key in DELIBERATE)) {
        disagreements.push(`${key} (reference says ${vector.valid ? 'valid' : 'invalid'})`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('still disagrees where documented (remove the entry when it no longer does)', () => {
    for (const key of Object.keys(DELIBERATE)) {
      const vector = vectors.find((v) => `${v.family} ${v.number}` === key);
      expect(vector, key).toBeDefined();
      expect(fits(vector!.number, OUR_FAMILIES[vector!.family] ?? [])).not.toBe(vector!.valid);
    }
  });
});
