import type { TrackingStatus } from '../../core/domain.js';
import type { Store } from '../../store/store.js';
import { MAX_AGE_MS } from './schedule.js';

const HOUR = 3_600_000;

export interface WatchSettings {
  /** Hours after confirmation with no carrier scan before a package is watched (definitions: default 24). */
  defaultHours: number;
  /** Per carrier key, e.g. `{ usps: 36 }`. */
  hoursByCarrier: Readonly<Record<string, number>>;
}

export const DEFAULT_WATCH: WatchSettings = { defaultHours: 24, hoursByCarrier: {} };

/** `VTRGUARD_WATCH_HOURS` and `VTRGUARD_WATCH_HOURS_<CARRIER>` (carrier key upper-cased). */
export function watchSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): WatchSettings {
  const hours = (text: string | undefined): number | null => {
    const n = Number(text);
    return text !== undefined && Number.isFinite(n) && n > 0 ? n : null;
  };
  const byCarrier: Record<string, number> = {};
  for (const [name, value] of Object.entries(env)) {
    const m = /^VTRGUARD_WATCH_HOURS_([A-Z0-9_]+)$/.exec(name);
    const h = hours(value);
    if (m && h !== null) byCarrier[m[1]!.toLowerCase().replace(/_/g, '-')] = h;
  }
  return { defaultHours: hours(env.VTRGUARD_WATCH_HOURS) ?? 24, hoursByCarrier: byCarrier };
}

export type NextStepCode = 'check_handover' | 'contact_carrier' | 'replace_tracking';

export interface WatchItem {
  packageId: number;
  orderId: string;
  packageRef: string;
  carrierKey: string | null;
  carrierCode: string | null;
  trackingNumber: string;
  confirmedAt: number;
  hoursWaiting: number;
  /** Hours this package's carrier gets before it is watched. */
  thresholdHours: number;
  /** pre_transit means the carrier has the label data but never scanned the parcel. */
  lastStatus: TrackingStatus | null;
  nextStep: { code: NextStepCode; text: string };
}

/**
 * What to do about a package that should have been scanned by now. The steps escalate with time: first make sure
 * the parcel was really handed over; then ask the carrier; at last, before the parcel is delivered, replace the
 * tracking on Amazon (tracking supplied after delivery is a defect, so later is too late).
 */
export function nextStep(hoursWaiting: number, thresholdHours: number, carrier: string, lastStatus: TrackingStatus | null): WatchItem['nextStep'] {
  if (hoursWaiting >= thresholdHours + 72) {
    return {
      code: 'replace_tracking',
      text: `If the parcel travels under another number, replace the tracking on Amazon now, before it is delivered; otherwise reship.`,
    };
  }
  if (hoursWaiting >= thresholdHours + 24) {
    return { code: 'contact_carrier', text: `Contact ${carrier} with the tracking number and the drop-off receipt or pickup manifest; ask them to scan or trace the parcel.` };
  }
  const label = lastStatus === 'pre_transit' ? `${carrier} has the label data but no scan` : `${carrier} shows nothing for this number yet`;
  return { code: 'check_handover', text: `${label}: check the parcel was handed over (pickup or drop-off) and the number was typed correctly.` };
}

interface Row {
  package_id: number;
  order_id: string;
  package_ref: string;
  carrier_key: string | null;
  carrier_code: string | null;
  tracking_number: string;
  confirmed_at: number;
  last_status: TrackingStatus | null;
}

/**
 * Confirmed packages with a tracking number and no carrier scan after their carrier's threshold, oldest first.
 * Cancelled orders and exempt packages are left out: they cannot hurt VTR. So are confirmations older than the
 * polling horizon (30 days): by then the package has left the VTR window or can no longer be fixed.
 */
export async function listWatch(store: Store, sellerId: string, now: number, settings: WatchSettings = DEFAULT_WATCH, limit = 500): Promise<WatchItem[]> {
  const thresholds = [settings.defaultHours, ...Object.values(settings.hoursByCarrier)];
  const earliestCutoff = now - Math.min(...thresholds) * HOUR;
  const items: WatchItem[] = [];
  // Oldest first, a chunk at a time (keyset on confirmation time and id): at 10M packages the window may hold
  // 100k unscanned ones, and reading them all to show the first 500 took a second.
  const chunk = Math.max(limit, 100);
  let after: { confirmedAt: number; packageId: number } = { confirmedAt: now - MAX_AGE_MS(), packageId: -1 };
  for (;;) {
    const rows = await store.sql.all<Row>(
      `SELECT p.package_id, p.order_id, p.package_ref, p.carrier_key, p.carrier_code, p.tracking_number, p.confirmed_at, p.last_status
       FROM packages p JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id
       WHERE p.seller_id = ? AND p.tracking_number IS NOT NULL AND p.first_scan_at IS NULL AND p.delivered_at IS NULL
         AND p.exempt = 0 AND o.cancelled_at IS NULL AND p.confirmed_at >= ? AND p.confirmed_at <= ?
         AND (p.confirmed_at > ? OR p.package_id > ?)
       ORDER BY p.confirmed_at, p.package_id LIMIT ${chunk}`,
      [sellerId, after.confirmedAt, earliestCutoff, after.confirmedAt, after.packageId],
    );
    for (const r of rows) {
      const item = watchItem(r, now, settings);
      if (item) items.push(item);
      if (items.length >= limit) return items;
    }
    const last = rows[rows.length - 1];
    if (rows.length < chunk || !last) return items;
    after = { confirmedAt: Number(last.confirmed_at), packageId: Number(last.package_id) };
  }
}

/** The watch entry of an unscanned package, or null while it is within its carrier's threshold. */
function watchItem(r: Row, now: number, settings: WatchSettings): WatchItem | null {
  const threshold = (r.carrier_key ? settings.hoursByCarrier[r.carrier_key] : undefined) ?? settings.defaultHours;
  const confirmedAt = Number(r.confirmed_at);
  const hoursWaiting = (now - confirmedAt) / HOUR;
  if (hoursWaiting < threshold) return null;
  const carrier = r.carrier_code ?? r.carrier_key ?? 'the carrier';
  return {
    packageId: Number(r.package_id),
    orderId: r.order_id,
    packageRef: r.package_ref,
    carrierKey: r.carrier_key,
    carrierCode: r.carrier_code,
    trackingNumber: r.tracking_number,
    confirmedAt,
    hoursWaiting: Math.round(hoursWaiting * 10) / 10,
    thresholdHours: threshold,
    lastStatus: r.last_status,
    nextStep: nextStep(hoursWaiting, threshold, carrier, r.last_status),
  };
}
