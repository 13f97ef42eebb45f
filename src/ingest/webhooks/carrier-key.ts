/**
 * Aggregators name carriers their own way (AfterShip slug `fedex`, EasyPost `FedExDefault`, 17TRACK numeric codes,
 * Shippo `usps`). Only the carriers vtrguard polls are resolved here; any other keeps carrierKey null and its raw
 * name, and the store still matches its events to packages by tracking number.
 */
const PREFIXES: readonly [string, string | null][] = [
  ['ups', 'ups'],
  ['fedex', 'fedex'],
  ['usps', 'usps'],
  ['dhlexpress', 'dhl-express'],
  ['dhlpaket', 'dhl-paket'],
  ['dhlparcelde', 'dhl-paket'],
  ['dhlecommerce', 'dhl-ecommerce'],
  ['dhlglobalmail', 'dhl-ecommerce'],
  // Plain "DHL" does not say which division: leave the key open, the tracking number decides.
  ['dhl', null],
];

/** 17TRACK's numeric carrier codes for the same carriers (17TRACK carrier list; UNCONFIRMED beyond these). */
const SEVENTEEN_TRACK_CODES: Readonly<Record<string, string>> = { '100002': 'ups', '100003': 'fedex', '21051': 'usps', '100001': 'dhl-express' };

export function aggregatorCarrierKey(raw: string | null): string | null {
  if (!raw) return null;
  const coded = SEVENTEEN_TRACK_CODES[raw.trim()];
  if (coded) return coded;
  const squashed = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const [prefix, key] of PREFIXES) if (squashed.startsWith(prefix)) return key;
  return null;
}
