import type { Marketplace, TrackingStatus } from '../../core/domain.js';
import { unscannedPackagesPage } from '../../store/awaiting-scan.js';
import type { UnscannedPackage } from '../../store/awaiting-scan.js';
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

export type NextStepCode = 'check_handover' | 'contact_carrier' | 'replace_tracking' | 'reship';

export interface WatchItem {
  packageId: number;
  orderId: string;
  marketplace: Marketplace;
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
  /** The local day the buyer was promised delivery by, when known. */
  promisedDay: string | null;
  nextStep: { code: NextStepCode; text: string };
}

/** What a package's next step depends on besides its age. */
export interface StepFacts {
  carrier: string;
  lastStatus: TrackingStatus | null;
  /** The promised delivery day, and whether it has passed. */
  promisedDay: string | null;
  promisePassed: boolean;
}

/**
 * What to do about a package that should have been scanned by now. The steps escalate with time: first make sure
 * the parcel was really handed over; then ask the carrier; at last, before the parcel is delivered, replace the
 * tracking on Amazon (tracking supplied after delivery is a defect, so later is too late). Once the promised
 * delivery day has passed with no scan the parcel is lost to the buyer: reship or refund. Each text names the
 * carrier, the time waited and the promise, so two rows read alike only when their facts are alike.
 */
export function nextStep(hoursWaiting: number, thresholdHours: number, facts: StepFacts): WatchItem['nextStep'] {
  const { carrier, lastStatus, promisedDay, promisePassed } = facts;
  const waited = hoursWaiting >= 48 ? `${Math.floor(hoursWaiting / 24)} days` : `${Math.floor(hoursWaiting)} hours`;
  if (hoursWaiting >= thresholdHours + 72) {
    if (promisePassed) {
      return {
        code: 'reship',
        text: `No ${carrier} scan in ${waited} and the delivery promised by ${promisedDay ?? 'the buyer'} has passed: contact the buyer, reship or refund, and ask ${carrier} to trace it.`,
      };
    }
    const by = promisedDay ? `, before the promised ${promisedDay}` : '';
    return {
      code: 'replace_tracking',
      text: `No ${carrier} scan in ${waited}: if the parcel travels under another number, replace the tracking on Amazon now${by}; otherwise reship.`,
    };
  }
  if (hoursWaiting >= thresholdHours + 24) {
    return { code: 'contact_carrier', text: `No ${carrier} scan in ${waited}: contact ${carrier} with the tracking number and the drop-off receipt or pickup manifest; ask them to scan or trace the parcel.` };
  }
  const label = lastStatus === 'pre_transit' ? `${carrier} has the label data but no scan` : `${carrier} shows nothing for this number yet`;
  return { code: 'check_handover', text: `${label} after ${waited}: check the parcel was handed over (pickup or drop-off) and the number was typed correctly.` };
}

export interface WatchFilter {
  /** Only this marketplace's packages (default: every marketplace). */
  marketplace?: Marketplace;
  /**
   * `now` is a past instant (a dashboard's past as-of): packages scanned, delivered or cancelled after it still
   * count as waiting, as they did then. Costs a wider read than the present list's partial index.
   */
  past?: boolean;
}

/**
 * Confirmed packages with a tracking number and no carrier scan after their carrier's threshold, oldest first.
 * Cancelled orders and exempt packages are left out: they cannot hurt VTR. So are confirmations older than the
 * polling horizon (30 days): by then the package has left the VTR window or can no longer be fixed.
 */
export async function listWatch(
  store: Store,
  sellerId: string,
  now: number,
  settings: WatchSettings = DEFAULT_WATCH,
  limit = 500,
  filter: WatchFilter = {},
): Promise<WatchItem[]> {
  const thresholds = [settings.defaultHours, ...Object.values(settings.hoursByCarrier)];
  const earliestCutoff = now - Math.min(...thresholds) * HOUR;
  const items: WatchItem[] = [];
  // Oldest first, a chunk at a time (keyset on confirmation time and id): at 10M packages the window may hold
  // 100k unscanned ones, and reading them all to show the first 500 took a second.
  const chunk = Math.max(limit, 100);
  let after: { confirmedAt: number; packageId: number } = { confirmedAt: now - MAX_AGE_MS(), packageId: -1 };
  for (;;) {
    const rows = await unscannedPackagesPage(store, sellerId, {
      after, confirmedTo: earliestCutoff, limit: chunk, marketplace: filter.marketplace, asOf: filter.past ? now : undefined,
    });
    for (const r of rows) {
      const item = watchItem(r, now, settings);
      if (item) items.push(item);
      if (items.length >= limit) return items;
    }
    const last = rows[rows.length - 1];
    if (rows.length < chunk || !last) return items;
    after = { confirmedAt: last.confirmedAt, packageId: last.packageId };
  }
}

/** The watch entry of an unscanned package, or null while it is within its carrier's threshold. */
function watchItem(p: UnscannedPackage, now: number, settings: WatchSettings): WatchItem | null {
  const threshold = (p.carrierKey ? settings.hoursByCarrier[p.carrierKey] : undefined) ?? settings.defaultHours;
  const hoursWaiting = (now - p.confirmedAt) / HOUR;
  if (hoursWaiting < threshold) return null;
  const carrier = p.carrierCode ?? p.carrierKey ?? 'the carrier';
  const promisePassed = p.latestDeliveryDate !== null && p.latestDeliveryDate < now;
  return {
    packageId: p.packageId,
    orderId: p.orderId,
    marketplace: p.marketplace,
    packageRef: p.packageRef,
    carrierKey: p.carrierKey,
    carrierCode: p.carrierCode,
    trackingNumber: p.trackingNumber,
    confirmedAt: p.confirmedAt,
    hoursWaiting: Math.round(hoursWaiting * 10) / 10,
    thresholdHours: threshold,
    lastStatus: p.lastStatus,
    promisedDay: p.promisedDay,
    nextStep: nextStep(hoursWaiting, threshold, { carrier, lastStatus: p.lastStatus, promisedDay: p.promisedDay, promisePassed }),
  };
}
