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
};

export function reasonText(code: string): string {
  return REASON_TEXT[code] ?? code.replaceAll('_', ' ');
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
