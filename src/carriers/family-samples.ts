/**
 * Sample-number templates, one or more per family, to generate valid numbers for the benchmark and the property
 * tests: `d` a digit, `a` a letter, `x` a letter or digit, `#` the check character (computed), anything else
 * literal. The carrier contract test requires a template for every registered family.
 */
import type { TrackingFamily } from './carrier.js';
import { checkCharacter } from './check-digits.js';

const d = (count: number): string => 'd'.repeat(count);

export const FAMILY_SAMPLE_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  'ups-1z': [`1Zxxxxxx03${d(7)}#`, `1Zxxxxxx01${d(7)}#`, `1ZxxxxxxYW${d(7)}#`],
  'ups-waybill': [`K${d(9)}#`, `V${d(9)}#`],
  'usps-impb': [`9400111${d(14)}#`, `9205590${d(14)}#`, `92612903${d(17)}#`, `420${d(5)}9400111${d(14)}#`, `420${d(9)}9361289${d(14)}#`],
  'usps-20': [`03${d(17)}#`],
  'usps-20-without-91': [`7196${d(15)}#`],
  'usps-s10': [`EAdddddddd#US`, `LZdddddddd#US`, `RRdddddddd#US`],
  'fedex-12': [`${d(11)}#`],
  'fedex-ground-15': [`${d(14)}#`],
  'fedex-ground-96': [`9611020${d(14)}#`],
  'fedex-ground-gsn': [`96${d(31)}#`],
  'fedex-34': [`1${d(32)}#`],
  'fedex-astra': [`3${d(26)}#dddd`],
  'fedex-sscc-18': [`00${d(15)}#`],
  'dhl-express-waybill': [`${d(9)}#`, `${d(10)}#`],
  'dhl-express-piece': [`JJD${d(10)}`, `JVGL${d(10)}`],
  'dhl-ecommerce-gm': [`GM${d(16)}`, `GM${d(18)}`],
  'dhl-ecommerce-regional': [`LX${d(12)}`],
  'dhl-ecommerce-14': [d(14)],
  'dhl-paket-sscc': [`00340434${d(11)}#`],
  'dhl-paket-jjd': [`JJD${d(18)}`, `JD${d(18)}`],
  'dhl-paket-sscc-18': [`340434${d(11)}#`],
  'deutsche-post-s10': [`RRdddddddd#DE`, `LXdddddddd#DE`],
  'dhl-paket-12': [d(12)],
  'amazon-tba': [`TBA${d(12)}`, `TBC${d(12)}`],
  'amazon-international': [`C${d(10)}`],
  'ontrac-cd': [`C${d(13)}#`, `D${d(13)}#`],
  'lasership-1ls': [`1LS71${d(10)}`, `1LSCXxxxxxxxxxx`, `1LS7${d(16)}`],
  'lasership-l': [`LX1${d(7)}`, `LE2${d(7)}`, `La${d(8)}`],
  'lasership-q': [`Q${d(8)}`, `Q${d(11)}`],
  'canada-post-16': [`${d(15)}#`],
  'canada-post-s10': [`RRdddddddd#CA`],
  'purolator-12': [`3${d(10)}#`],
  'purolator-alpha': [`aaa${d(9)}`],
  'royal-mail-s10': [`JXdddddddd#GB`, `RBdddddddd#GB`],
  'parcelforce-domestic': [`aa${d(7)}`],
  'evri-h': [`Hddaaa${d(10)}`],
  'evri-16': [d(16)],
  'yodel-jd': [`JJD${d(16)}`, `JD${d(16)}`],
  'dpd-14': [`${d(14)}#`],
  'dpd-28': [`${d(27)}#`],
  'dpd-14-bare': [d(14)],
  'gls-parcel': [d(11), d(12)],
  'gls-track-id': ['aadddaad'],
  'auspost-article': [`aaa${d(17)}`, `ddaaa${d(18)}`, `aaaa${d(14)}`],
  'auspost-consignment': [`aaa${d(7)}`],
  'auspost-s10': [`ECdddddddd#AU`],
  'startrack-consignment': [`aaaa${d(8)}`],
  'startrack-article': [`aaaa${d(13)}`],
  'japan-post-domestic': [d(12)],
  'japan-post-s10': [`EJdddddddd#JP`],
  'yamato-12': [`${d(11)}#`],
  'sagawa-12': [`${d(11)}#`],
  'china-post-s10': [`LKdddddddd#CN`, `EAdddddddd#CN`],
  'yunexpress-yt': [`YT${d(16)}`],
  'yanwen-own': [`UG${d(9)}YW`],
  '4px-own': [`4PX${d(13)}CN`],
  'old-dominion-pro': [`072${d(7)}#`, `777${d(7)}#`],
  'old-dominion-guaranteed': [`80${d(8)}#`],
  'landmark-ltn': [`LTN${d(8)}N1`, `LTN${d(10)}N3`, `LTN${d(7)}N4`],
  'canpar-22': [`D${d(21)}`],
  'speedee-sp': [`SP${d(18)}`],
  'gofo-us': [`GFUS${d(14)}`],
  'upu-post-s10': [`RRdddddddd#NZ`, `CPdddddddd#PT`, `EEdddddddd#IE`, `LBdddddddd#NO`],
  'fedex-smartpost-20': [`6129${d(16)}`, `02${d(18)}`],
  'aramex-awb': [`${d(9)}#`, `${d(10)}#`],
  'tnt-consignment': [d(9)],
  'tnt-ge': [`GE${d(9)}WW`],
  'la-poste-s10': [`EWdddddddd#FR`, `CPdddddddd#FR`, `LAdddddddd#FR`],
  'colissimo-domestic': [`6a${d(11)}`, `8a${d(11)}`],
  'postnl-3s': [`3Saaaa${d(7)}`, `3Saaaa${d(11)}`],
  'postnl-s10': [`RRdddddddd#NL`, `CDdddddddd#NL`],
  'poste-italiane-s10': [`RRdddddddd#IT`, `CEdddddddd#IT`],
  'correos-s10': [`CDdddddddd#ES`, `RRdddddddd#ES`],
  'bpost-s10': [`CEdddddddd#BE`, `RRdddddddd#BE`],
  'swiss-post-s10': [`RRdddddddd#CH`, `CHdddddddd#CH`],
  'postnord-s10': [`RRdddddddd#SE`, `CEdddddddd#DK`],
  'polish-post-s10': [`RRdddddddd#PL`, `CPdddddddd#PL`],
  'at-post-s10': [`RRdddddddd#AT`, `CIdddddddd#AT`],
  'india-post-s10': [`EEdddddddd#IN`, `RRdddddddd#IN`],
  'correios-s10': [`NXdddddddd#BR`, `LBdddddddd#BR`],
  'emirates-post-s10': [`RRdddddddd#AE`, `EEdddddddd#AE`],
  'singapore-post-s10': [`RRdddddddd#SG`, `CPdddddddd#SG`],
  'hongkong-post-s10': [`RRdddddddd#HK`, `EEdddddddd#HK`],
  'jersey-post-s10': [`RRdddddddd#JE`, `LYdddddddd#JE`],
  'posti-s10': [`RRdddddddd#FI`, `CAdddddddd#FI`],
  'inpost-24': [d(24)],
  'sf-waybill': [`SF${d(13)}`],
  'jt-number': [`JT${d(13)}`],
  'cainiao-lp': [`LP${d(14)}`],
};

const LETTER_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM_CHARS = `0123456789${LETTER_CHARS}`;

/** A uniform integer in [0, bound) from a random source returning [0, 1). */
type RandomInt = (bound: number) => number;

export function fillTemplate(template: string, randomInt: RandomInt): string {
  let out = '';
  for (const char of template) {
    if (char === 'd') out += String(randomInt(10));
    else if (char === 'a') out += LETTER_CHARS[randomInt(26)];
    else if (char === 'x') out += ALNUM_CHARS[randomInt(36)];
    else if (char === '#') out += '0';
    else out += char;
  }
  return out;
}

/** A valid number of `family` from one of its templates: random fill, then the check character computed. */
export function sampleNumber(family: TrackingFamily, random: () => number): string {
  const randomInt: RandomInt = (bound) => Math.floor(random() * bound);
  const templates = FAMILY_SAMPLE_TEMPLATES[family.id];
  if (!templates || templates.length === 0) throw new Error(`no sample template for family ${family.id}`);
  const template = templates[randomInt(templates.length)] as string;
  const filled = fillTemplate(template, randomInt);
  if (!family.check) return filled;
  const at = family.check.at < 0 ? filled.length + family.check.at : family.check.at;
  return filled.slice(0, at) + checkCharacter(family.check.expected(filled)) + filled.slice(at + 1);
}

/** Deterministic PRNG (mulberry32) so generated mixes are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
