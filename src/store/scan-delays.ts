import type { Marketplace } from '../core/domain.js';
import type { DayWindow } from '../core/time.js';
import type { PackageAttribution } from '../core/views.js';
import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/**
 * The scan-delay histogram behind the scorecard's median hours to first scan: packages per (VTR attribution day,
 * carrier label, delay) of MFN packages confirmed and scanned. The raw query (`scanDelayBuckets`, below) groups
 * the same packages by tenths of an hour as of a past instant; src/app/kept-figures.ts keeps this one for current
 * knowledge, with the late steps of its level 0 that take it back to a past day (`readScanDelays`). Summing it
 * per tenth over a 30-day window would read days × carriers × tenths rows — ~300k at 10M packages when scans
 * spread over three days — so it is kept at four levels of ten-fold coarser buckets and the
 * median descends them (`readScanDelayMedians`): the whole top level over the window, then only the ten children
 * of the bucket that holds the median, three times. A level's counts are sums of level-0 counts, so the descent
 * lands on the tenth the sorted level-0 histogram would.
 */

export type ScanDelayMetric = 'vtr_pd' | 'vtr_sc';

/** Count of packages per carrier whose first scan came this many tenths of an hour after confirmation. */
export interface ScanDelayBucket {
  carrier: string;
  tenths: number;
  count: number;
}

/** Level L buckets hold FANOUT^L tenths; the top level is read whole (as src/metrics/contributions.ts keeps them). */
const FANOUT = 10;
const TOP_LEVEL = 3;

interface Histogram {
  sellerId: string;
  marketplace: Marketplace;
  metric: ScanDelayMetric;
  range: DayWindow;
}

type Counts = Map<string, Map<number, number>>;

function addCount(counts: Counts, carrier: string, bucket: number, n: number): void {
  let buckets = counts.get(carrier);
  if (!buckets) {
    buckets = new Map();
    counts.set(carrier, buckets);
  }
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + n);
}

/** Packages per carrier and bucket of `level` over the window: every bucket, or per carrier a range of them. */
async function levelCounts(store: Store, h: Histogram, level: number, wanted?: Map<string, [number, number]>): Promise<Counts> {
  const common = 'seller_id = ? AND marketplace = ? AND metric = ? AND level = ? AND day >= ? AND day <= ? AND packages <> 0';
  const params = [h.sellerId, h.marketplace, h.metric, level, h.range.from, h.range.to];
  let rows: { carrier: string; bucket: number | string; n: number | string }[];
  if (!wanted) {
    rows = await sqlOf(store).all(`SELECT carrier, bucket, SUM(packages) AS n FROM scan_delay_rollups WHERE ${common} GROUP BY carrier, bucket`, params);
  } else {
    // One branch per carrier, each one range of scan_delay_by_bucket (carrier, bucket range; the day checked on
    // the index entry). PostgreSQL does not seek per value of `bucket IN (…)` there: it scanned every bucket.
    const branches = [...wanted];
    if (branches.length === 0) return new Map();
    rows = await sqlOf(store).all(
      branches.map(() =>
        `SELECT carrier, bucket, SUM(packages) AS n FROM scan_delay_rollups WHERE ${common} AND carrier = ?
           AND bucket >= ? AND bucket <= ? GROUP BY carrier, bucket`).join(' UNION ALL '),
      branches.flatMap(([carrier, [from, to]]) => [...params, carrier, from, to]),
    );
  }
  const counts: Counts = new Map();
  for (const r of rows) addCount(counts, r.carrier, Number(r.bucket), Number(r.n));
  return counts;
}

/** A rank being looked for: it lies in `bucket` (of the level just read), after `before` packages of lower buckets. */
interface Target {
  rank: number;
  bucket: number;
  before: number;
}

/** Moves `target` to the bucket of `buckets` (ascending, all within its parent) that holds its rank. */
function descend(target: Target, buckets: readonly [number, number][]): void {
  let seen = target.before;
  for (const [bucket, n] of buckets) {
    if (target.rank < seen + n) {
      target.bucket = bucket;
      target.before = seen;
      return;
    }
    seen += n;
  }
  throw new Error(`scan-delay histogram levels disagree (rank ${target.rank} beyond ${seen})`);
}

const sortedBuckets = (buckets: Map<number, number> | undefined, from = -Infinity, to = Infinity): [number, number][] =>
  [...(buckets ?? [])].filter(([b, n]) => b >= from && b <= to && n > 0).sort((a, b) => a[0] - b[0]);

/**
 * The median hours from confirmation to first scan per carrier over the packages attributed to days in `range`
 * (`medianOfBuckets` of the level-0 histogram, read without reading it): the lower and upper middle ranks are
 * followed down from the top level, reading at each level only the children of the buckets that hold them.
 */
export async function readScanDelayMedians(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  metric: ScanDelayMetric,
  range: DayWindow,
): Promise<Map<string, number | null>> {
  const h = { sellerId, marketplace, metric, range };
  const top = await levelCounts(store, h, TOP_LEVEL);
  const targets = new Map<string, Target[]>();
  for (const [carrier, buckets] of top) {
    const sorted = sortedBuckets(buckets);
    const total = sorted.reduce((sum, [, n]) => sum + n, 0);
    if (total === 0) continue;
    const ranks = [Math.floor((total - 1) / 2), Math.floor(total / 2)];
    const list = ranks.map((rank) => ({ rank, bucket: 0, before: 0 }));
    for (const target of list) descend(target, sorted);
    targets.set(carrier, list);
  }
  for (let level = TOP_LEVEL - 1; level >= 0; level--) {
    // The children of the buckets holding the two middle ranks. No package lies between adjacent ranks, so every
    // bucket between those parents is empty: one range covers both.
    const wanted = new Map<string, [number, number]>();
    for (const [carrier, list] of targets) {
      const parents = list.map((t) => t.bucket);
      wanted.set(carrier, [Math.min(...parents) * FANOUT, Math.max(...parents) * FANOUT + FANOUT - 1]);
    }
    const counts = await levelCounts(store, h, level, wanted);
    for (const [carrier, list] of targets) {
      for (const t of list) descend(t, sortedBuckets(counts.get(carrier), t.bucket * FANOUT, t.bucket * FANOUT + FANOUT - 1));
    }
  }
  const medians = new Map<string, number | null>();
  for (const [carrier, [low, high]] of targets) medians.set(carrier, (low!.bucket + high!.bucket) / 2 / 10);
  return medians;
}

/**
 * The level-0 histogram over the window (what `readScanDelayMedians` reads only the needed parts of); as of the end
 * of the past day `asOf` when given: less the steps from days after it (scan_delay_late_steps, migration 025), the
 * packages whose confirmation or first scan was not yet seen then. That is the histogram the raw query counts as of
 * that day for any window a scorecard as of it reads (the steps a reader could miss are all kept:
 * src/metrics/contributions.ts), so its median is the raw one; the past day sums level 0 rather than descending the
 * levels, which hold no steps.
 */
export async function readScanDelays(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  metric: ScanDelayMetric,
  range: DayWindow,
  asOf?: string,
): Promise<ScanDelayBucket[]> {
  const counts = await levelCounts(store, { sellerId, marketplace, metric, range }, 0);
  if (asOf !== undefined) {
    const later = await sqlOf(store).all<{ carrier: string; bucket: number | string; n: number | string }>(
      `SELECT carrier, bucket, SUM(packages) AS n FROM scan_delay_late_steps
        WHERE seller_id = ? AND marketplace = ? AND metric = ? AND day >= ? AND day <= ? AND from_day > ? AND packages <> 0
        GROUP BY carrier, bucket`,
      [sellerId, marketplace, metric, range.from, range.to, asOf],
    );
    for (const r of later) addCount(counts, r.carrier, Number(r.bucket), -Number(r.n));
  }
  return [...counts].flatMap(([carrier, buckets]) => [...buckets].flatMap(([tenths, count]) => (count === 0 ? [] : [{ carrier, tenths, count }])));
}

/** Raw buckets name the carrier by code and typed name (the caller labels them: `carrierLabel`). */
export interface RawScanDelayBucket {
  carrierCode: string | null;
  carrierName: string | null;
  tenths: number;
  count: number;
}

/**
 * Hours from confirmation to first scan, bucketed per carrier, for packages attributed to days in `range`, as
 * of the instant `before`, from raw rows (a past as-of). `readScanDelays` answers today from the histogram the
 * kept figures hold of the same packages.
 */
export async function scanDelayBuckets(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  range: DayWindow,
  attribution: PackageAttribution,
  before: number,
): Promise<RawScanDelayBucket[]> {
  const dayColumn = attribution === 'promised_delivery' ? 'o.promised_day' : 'p.confirm_day';
  const rows = await sqlOf(store).all<{ carrier_code: string | null; carrier_name: string | null; tenths: number | string; n: number | string }>(
    `SELECT p.carrier_code, p.carrier_name, (p.first_scan_at - p.confirmed_at) / 360000 AS tenths, COUNT(*) AS n
       FROM packages p JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id
      WHERE p.seller_id = ? AND o.marketplace = ? AND ${dayColumn} >= ? AND ${dayColumn} <= ?
        AND o.fulfillment_channel = 'MFN' AND p.confirmed_at < ? AND p.first_scan_at < ?
      GROUP BY p.carrier_code, p.carrier_name, (p.first_scan_at - p.confirmed_at) / 360000`,
    [sellerId, marketplace, range.from, range.to, before, before],
  );
  // A scan before the confirmation (labels scanned, then confirmed late) counts as zero hours, not negative.
  return rows.map((r) => ({
    carrierCode: r.carrier_code,
    carrierName: r.carrier_name,
    tenths: Math.max(0, Math.trunc(Number(r.tenths))),
    count: Number(r.n),
  }));
}
