/** Pure formatting rules of the dashboard: how a rate, a status and a reason read to a seller. */
import type { Status } from './api.js';

/** A rate as a percentage with one decimal ("94.1%"), since targets sit one or two points apart. */
export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

export function count(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('en-US');
}

export function hours(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value >= 48) return `${(value / 24).toFixed(1)} d`;
  return `${value.toFixed(1)} h`;
}

/**
 * What a status says in words and as a symbol: colour is never the only signal (WCAG 1.4.1), so every
 * coloured mark carries one of these.
 */
export interface StatusLabel {
  text: string;
  symbol: string;
  /** CSS modifier: `good` green, `at_risk` amber, `bad` red, `none` grey. */
  tone: Status;
}

const STATUS_LABELS: Readonly<Record<Status, StatusLabel>> = {
  good: { text: 'On target', symbol: '✓', tone: 'good' },
  at_risk: { text: 'At risk', symbol: '!', tone: 'at_risk' },
  bad: { text: 'Below target', symbol: '✕', tone: 'bad' },
  none: { text: 'No data', symbol: '–', tone: 'none' },
};

export function statusLabel(status: Status | string | null | undefined): StatusLabel {
  return STATUS_LABELS[(status ?? 'none') as Status] ?? STATUS_LABELS.none;
}

/** The defect reasons of definitions.md, as a seller would say them. */
const REASON_TEXT: Readonly<Record<string, string>> = {
  no_tracking: 'No tracking number',
  carrier_not_accepted: 'Carrier not accepted',
  carrier_mismatch: 'Number does not fit the carrier',
  tracking_after_delivery: 'Tracking confirmed after delivery',
  no_carrier_scan: 'No carrier scan yet',
  delivery_scan_only: 'Only a delivery scan',
  needs_two_scans: 'Cross-border: needs two scans',
  late_confirmation: 'Confirmed after the ship-by date',
  not_confirmed: 'Not confirmed by the ship-by date',
  late_first_scan: 'Not scanned by the carrier by the ship-by date',
  seller_cancelled: 'Cancelled by you',
  late_delivery: 'Delivered after the promised date',
  not_delivered: 'Not delivered by the promised date',
};

export function reasonText(code: string): string {
  return REASON_TEXT[code] ?? code.replaceAll('_', ' ');
}

/** What to do about a defect of each reason, in a seller's words (definitions.md says why each one counts). */
const REASON_FIX: Readonly<Record<string, string>> = {
  no_tracking: 'Add the tracking number to the order in Seller Central (Edit shipment).',
  carrier_not_accepted: 'Confirm with the carrier exactly as Amazon lists it, not as Other or a spelling of your own.',
  carrier_mismatch: 'Check the number against the label: it is not this carrier\'s; correct the number or the carrier.',
  tracking_after_delivery: 'Too late for this order: confirm with tracking as soon as the label is printed, before delivery.',
  no_carrier_scan: 'Make sure the parcel was handed over and ask the carrier to scan it; if it travels under another number, replace the tracking.',
  delivery_scan_only: 'This service reports only the delivery: ship with a service that scans in transit.',
  needs_two_scans: 'A cross-border parcel needs a scan in the carrier\'s network and one at delivery: use a service that reports both.',
  late_confirmation: 'Confirm shipments before the ship-by date, or set a handling time you can meet.',
  not_confirmed: 'Confirm the shipment with its tracking now; if it cannot ship, tell the buyer.',
  late_first_scan: 'Prime counts the carrier\'s first scan, not the confirmation: hand Prime parcels over (or book the pickup) before the ship-by time.',
  seller_cancelled: 'Keep stock in sync across channels so you never cancel for stock; let buyers cancel their own orders.',
  late_delivery: 'Ship faster services on this route, or set longer transit times in your shipping template.',
  not_delivered: 'Ask the carrier to trace the parcel and contact the buyer; reship or refund if it is lost.',
};

export function reasonFix(code: string): string {
  return REASON_FIX[code] ?? 'See docs/definitions.md for what this reason means.';
}

/** Seller Central's own domain in each marketplace: an order link opens where the seller is signed in. */
const SELLER_CENTRAL: Readonly<Record<string, string>> = {
  US: 'sellercentral.amazon.com', CA: 'sellercentral.amazon.ca', MX: 'sellercentral.amazon.com.mx', BR: 'sellercentral.amazon.com.br',
  UK: 'sellercentral.amazon.co.uk', DE: 'sellercentral.amazon.de', FR: 'sellercentral.amazon.fr', IT: 'sellercentral.amazon.it',
  ES: 'sellercentral.amazon.es', NL: 'sellercentral.amazon.nl', SE: 'sellercentral.amazon.se', PL: 'sellercentral.amazon.pl',
  BE: 'sellercentral.amazon.com.be', JP: 'sellercentral.amazon.co.jp', AU: 'sellercentral.amazon.com.au', IN: 'sellercentral.amazon.in',
  AE: 'sellercentral.amazon.ae', SG: 'sellercentral.amazon.sg',
};

/** The order's page in Seller Central, or null for a marketplace vtrguard does not know. */
export function sellerCentralOrderUrl(marketplace: string, orderId: string): string | null {
  const host = SELLER_CENTRAL[marketplace];
  return host ? `https://${host}/orders-v3/order/${encodeURIComponent(orderId)}` : null;
}

/** "1 package" / "3 packages". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/**
 * An ISO instant as the local date and time of the marketplace it belongs to, with the zone's abbreviation
 * ("Nov 19, 09:05 PST"): Amazon counts a package's days in the marketplace's time zone, not in UTC or the reader's.
 */
export function dateTime(iso: string | null | undefined, timeZone = 'UTC'): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    }).format(ms);
  } catch {
    // An unknown zone name: UTC, said so, rather than nothing.
    return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }
}
