/**
 * Verdicts that were wrong in ways that cost sellers money (issue 15, items 1–3), each as `check` gives it and as
 * the metrics count it: postal S10 numbers under their own post's codes, real formats rejected as too narrow, and
 * shared formats claimed by one carrier with confidence.
 */
import { describe, expect, it } from 'vitest';
import { assessConfirmation } from './assess.js';
import { validate } from './validate.js';

const defect = (code: string, number: string, marketplace?: string) =>
  assessConfirmation({ carrierCode: code, carrierName: null, trackingNumber: number, ...(marketplace ? { marketplace } : {}) }).staticDefect;

describe('postal S10 numbers fit their issuing post and every code that designates it (definitions.md v2 rule 3)', () => {
  it.each([
    ['EW112720413FR', 'La Poste'], ['EW112720413FR', 'Colissimo'], ['EW112720413FR', 'Coliposte'],
    ['RR123456785NL', 'PostNL'], ['RR123456785NL', 'Post NL'], ['RR123456785IT', 'Poste Italiane'],
    ['RR123456785ES', 'Correos'], ['RR123456785BE', 'BPOST'], ['RR123456785CH', 'Swiss post'],
    ['RR123456785CH', 'Schweizer Post'], ['RR123456785DK', 'PostNord'], ['RR123456785SE', 'PostNord'],
    ['RR123456785PL', 'Polish Post'], ['RR123456785AT', 'AT POST'], ['RR123456785AT', 'AT Post'],
    ['EE123456785IN', 'India Post'], ['NX123456785BR', 'Correios'], ['RR123456785AE', 'Emirates Post'],
    ['RR123456785SG', 'Singapore Post'], ['RR123456785HK', 'Hongkong Post'], ['RR123456785JE', 'Jersey Post'],
    ['EW112720413FR', 'Chronopost'],
  ])('%s under %s: valid, no defect; a wrong check digit is a typo', (number, code) => {
    expect(validate(number, code)).toMatchObject({ valid: true, problems: [] });
    expect(defect(code, number)).toBeNull();
    const typo = `${number.slice(0, 10)}${(Number(number[10]) + 1) % 10}${number.slice(11)}`;
    expect(validate(typo, code)).toMatchObject({ valid: false, problems: [{ code: 'CHECK_DIGIT_MISMATCH' }] });
    expect(defect(code, typo)).toBe('carrier_mismatch');
  });

  it('names the post and its code without a carrier, and rejects another country\'s S10 under a post', () => {
    expect(validate('EW112720413FR')).toMatchObject({ valid: true, carrier: 'La Poste', carrierKey: 'la-poste' });
    expect(validate('EW112720414FR')).toMatchObject({ valid: false, problems: [{ code: 'CHECK_DIGIT_MISMATCH' }] });
    expect(validate('RB123456785GB', 'La Poste')).toMatchObject({ valid: false, problems: [{ code: 'CARRIER_MISMATCH' }] });
    expect(defect('La Poste', 'RB123456785GB')).toBe('carrier_mismatch');
    // A post Amazon does not list is confirmed as Other with its name; its number fits that.
    expect(validate('RR123456785FI', 'Other: Posti')).toMatchObject({ valid: true, carrier: 'Other' });
    expect(validate('RR123456785NZ', 'Other: NZ Post')).toMatchObject({ valid: true, carrier: 'Other' });
    expect(defect('Other', 'RR123456785NZ')).toBe('carrier_not_accepted');
    expect(assessConfirmation({ carrierCode: 'Other', carrierName: 'NZ Post', trackingNumber: 'RR123456785NZ' }).staticDefect).toBeNull();
  });

  it('keeps a post\'s domestic numbers (formats not published) acceptable under it', () => {
    expect(validate('6A12345678901', 'Colissimo')).toMatchObject({ valid: true, carrierKey: 'la-poste' });
    expect(validate('3SABCD1234567', 'PostNL')).toMatchObject({ valid: true, carrierKey: 'postnl' });
    expect(validate('PQ4B6F0712345670128002W', 'Correos')).toMatchObject({ valid: true, carrierKey: 'correos' });
    expect(defect('Correos', 'PQ4B6F0712345670128002W')).toBeNull();
  });
});

describe('formats as wide as the carriers issue them', () => {
  it.each([
    ['LS12345678', 'Lasership'], ['LB98765432', 'Lasership'], ['1LS71234567890123456', 'Lasership'], ['Q12345678', 'Lasership'],
    ['Q123456789012', 'Lasership'], ['LTN1234567890N3', 'Landmark Global'], ['LTN12345678N2', 'Landmark'], ['LTN1234567N4', 'Landmark Global'],
    ['61290990123456789012', 'FedEx SmartPost'], ['02931234567890123456', 'FedEx SmartPost'],
    ['340434415207163371', 'DHL-Paket'], ['JD014600006281230704', 'DHL-Paket'], ['JJD000390007818475620', 'DHL-Paket'],
    ['33LHP500001201000605006', 'Australia Post-ArticleId'], ['2JD5012345670101234567', 'Australia Post-ArticleId'],
    ['GE123456789WW', 'TNT'], ['123456789', 'TNT'], ['SF1234567890123', 'SF Express'], ['602677439331630337653846', 'InPost'],
  ])('%s fits %s', (number, code) => {
    expect(validate(number, code).problems).toEqual([]);
    expect(defect(code, number)).toBeNull();
  });

  it('DHL Paket\'s 18-digit SSCC fits DHL on amazon.de, and its check digit still catches typos', () => {
    expect(validate('340434415207163371', 'DHL', { marketplace: 'DE' })).toMatchObject({ valid: true, carrierKey: 'dhl-paket' });
    expect(validate('340434415207163372', 'DHL-Paket').problems[0]!.code).toBe('CHECK_DIGIT_MISMATCH');
  });
});

describe('never confidently wrong: a shared format gives both carriers, ranked, and the carrier given decides', () => {
  /** The first 10-digit number passing mod 7 from `start`. */
  const mod7Waybill = (start: number): string => {
    for (let n = start; ; n++) if (n % 10 === Math.floor(n / 10) % 7) return String(n);
  };

  it.each([
    ['Aramex air waybill vs DHL Express waybill', mod7Waybill(3_318_810_020), ['aramex', 'dhl-express'], 'Aramex', 'DHL Express'],
    ['Purolator JFV piece vs DHL Express piece id', 'JFV123456789', ['dhl-express', 'purolator'], 'PUROLATOR', 'DHL Express'],
    ['DHL Paket SSCC-18 vs FedEx Ground SSCC-18', '340434415207163371', ['dhl-paket', 'fedex'], 'DHL-Paket', 'FedEx'],
  ] as const)('%s', (_, number, carriers, codeA, codeB) => {
    const verdict = validate(number);
    expect(verdict).toMatchObject({ valid: false, carrier: null, problems: [{ code: 'AMBIGUOUS_CARRIER' }] });
    expect(verdict.candidates.map((c) => c.carrier).filter((c) => (carriers as readonly string[]).includes(c)).sort()).toEqual([...carriers]);
    expect(validate(number, codeA)).toMatchObject({ valid: true, problems: [] });
    expect(validate(number, codeB)).toMatchObject({ valid: true, problems: [] });
    expect(defect(codeA, number)).toBeNull();
    expect(defect(codeB, number)).toBeNull();
  });

  it('a bare-digit number is not claimed while another carrier\'s format also fits it', () => {
    // Passes FedEx 12's check, and fits DHL Paket's 12-digit format (no check digit) too.
    expect(validate('123456789012')).toMatchObject({ valid: false, problems: [{ code: 'AMBIGUOUS_CARRIER' }] });
    expect(validate('123456789012').candidates[0]!.carrier).toBe('fedex');
    expect(validate('123456789012', 'FedEx').valid).toBe(true);
  });

  it('adds the carriers with their formats, or with none where none is published', () => {
    expect(validate('SF1234567890123')).toMatchObject({ valid: true, carrierKey: 'sf-express', carrier: 'SF Express' });
    expect(validate('JT1234567890123')).toMatchObject({ valid: true, carrierKey: 'jt-express', carrier: 'Other' });
    expect(validate('LP00123456789012')).toMatchObject({ valid: true, carrierKey: 'cainiao', carrier: 'Other' });
    expect(validate('GE123456789WW')).toMatchObject({ valid: true, carrierKey: 'tnt', carrier: 'TNT' });
    for (const code of ['BRT', 'Seur', 'DHL Parcel UK', 'Colis Privé', 'Asendia']) {
      expect(validate('XY12345', code), code).toMatchObject({ valid: true, carrier: code, problems: [] });
    }
    expect(validate('1Z999AA10123456784', 'Colis Privé').problems[0]!.code).toBe('CARRIER_MISMATCH');
  });
});
