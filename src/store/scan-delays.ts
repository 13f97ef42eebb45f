import type { Marketplace } from '../core/domain.js';
import { childMap } from '../core/maps.js';
import type { DayWindow } from '../core/time.js';
import { carrierLabel } from '../metrics/cells.js';
import type { Store } from './store.js';
import type { PackageAttribution, PackageView } from '../core/views.js';
import { replaceRollupRows } from './rollup-rows.js';
import type { RollupScope } from './rollup-rows.js';

/**
 * The scan-delay histogram behind the scorecard's median hours to first scan: packages per (VTR attribution day,
 * carrier label, delay) of MFN packages confirmed and scanned. The raw query (`scanDelayBuckets`, below) groups
 * the same packages by tenths of an hour for a past as-of; the rollup refresh keeps this one for current
 * knowledge. Summing it per tenth over a 30-day window would read days × carriers × tenths rows — ~300k at 10M
 * packages when scans spread over three days — so it is kept at four levels of ten-fold coarser buckets and the
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

const TENTH_MS = 360_000;
/** Level L buckets hold FANOUT^L tenths; the top level is read whole. */
const FANOUT = 10;
const TOP_LEVEL = 3;

/**
 * Whole tenths of an hour from confirmation to first scan, as the SQL `(first_scan_at - confirmed_at) / 360000`
 * truncates; a scan before the confirmation (labels scanned, then confirmed late) counts as zero, not negative.
 */
export function scanDelayTenths(confirmedAt: number, firstScanAt: number): number {
  return Math.max(0, Math.trunc((firstScanAt - confirmedAt) / TENTH_MS));
}

type ScannedPackage = Pick<PackageView, 'fulfillmentChannel' | 'carrierCode' | 'carrierName' | 'confirmedAt' | 'firstScanAt'>;
type Level0 = { metric: ScanDelayMetric; day: string; carrier: string; tenths: number; count: number };

export class ScanDelayAccumulator {
  /** metric → day → carrier → tenths (nested maps: see CellAccumulator). */
  private readonly index = new Map<ScanDelayMetric, Map<string, Map<string, Map<number, Level0>>>>();
  private readonly counts: Level0[] = [];

  /** Counts the package under `day` when it is an MFN package with a confirmation and a first scan. */
  add(metric: ScanDelayMetric, day: string | null, pkg: ScannedPackage): void {
    if (day === null || pkg.fulfillmentChannel !== 'MFN' || pkg.confirmedAt === null || pkg.firstScanAt === null) return;
    const carrier = carrierLabel(pkg);
    const tenths = scanDelayTenths(pkg.confirmedAt, pkg.firstScanAt);
    const byTenths = childMap(childMap(childMap(this.index, metric), day), carrier);
    const bucket = byTenths.get(tenths);
    if (bucket) bucket.count++;
    else {
      const created = { metric, day, carrier, tenths, count: 1 };
      byTenths.set(tenths, created);
      this.counts.push(created);
    }
  }

  /** Rows `[metric, day, level, carrier, bucket, packages]` of every level, derived from the level-0 counts. */
  rows(): (string | number)[][] {
    const levels = new Map<string, (string | number)[]>();
    for (const b of this.counts) {
      for (let level = 0, size = 1; level <= TOP_LEVEL; level++, size *= FANOUT) {
        const bucket = Math.floor(b.tenths / size);
        const key = `${b.metric}\u0000${b.day}\u0000${b.carrier}\u0000${level}\u0000${bucket}`;
        const row = levels.get(key);
        if (row) (row[5] as number) += b.count;
        else levels.set(key, [b.metric, b.day, level, b.carrier, bucket, b.count]);
      }
    }
    return [...levels.values()];
  }
}

/**
 * Packages counted by ship-confirm day whose order has no promised day: the package reads of the refresh skip
 * them (they are in no VTR window), but the scan-delay query by confirm day counts them, so they are read here.
 */
async function addUnpromised(store: Store, sellerId: string, marketplace: Marketplace, days: DayWindow | 'all', acc: ScanDelayAccumulator): Promise<void> {
  const range = days === 'all' ? { sql: '', params: [] } : { sql: ' AND p.confirm_day >= ? AND p.confirm_day <= ?', params: [days.from, days.to] };
  const rows = await store.sql.all<{
    confirm_day: string | null; carrier_code: string | null; carrier_name: string | null; confirmed_at: number | string; first_scan_at: number | string;
  }>(
    // Driven by the few unpromised orders (orders_promised index): SQLite would otherwise walk every package of
    // the seller through packages_confirm_day (2 s a marketplace at 300k packages); CROSS JOIN fixes its join order.
    `SELECT p.confirm_day, p.carrier_code, p.carrier_name, p.confirmed_at, p.first_scan_at
       FROM orders o CROSS JOIN packages p
      WHERE o.seller_id = ? AND o.marketplace = ? AND o.promised_day IS NULL AND o.fulfillment_channel = 'MFN'
        AND p.seller_id = o.seller_id AND p.order_id = o.order_id
        AND p.confirmed_at IS NOT NULL AND p.first_scan_at IS NOT NULL${range.sql}`,
    [sellerId, marketplace, ...range.params],
  );
  for (const r of rows) {
    acc.add('vtr_sc', r.confirm_day, {
      fulfillmentChannel: 'MFN', carrierCode: r.carrier_code, carrierName: r.carrier_name,
      confirmedAt: Number(r.confirmed_at), firstScanAt: Number(r.first_scan_at),
    });
  }
}

/** Replaces the histogram rows of `scope` with what `acc` counted (plus, for `vtr_sc`, the unpromised packages). */
export async function writeScanDelays(store: Store, scope: RollupScope & { days: DayWindow | 'all' }, acc: ScanDelayAccumulator): Promise<void> {
  const metrics = scope.metrics.filter((m): m is ScanDelayMetric => m === 'vtr_pd' || m === 'vtr_sc');
  if (metrics.length === 0) return;
  if (metrics.includes('vtr_sc')) await addUnpromised(store, scope.sellerId, scope.marketplace, scope.days, acc);
  await replaceRollupRows(store, 'scan_delay_rollups', { ...scope, metrics }, ['metric', 'day', 'level', 'carrier', 'bucket', 'packages'], acc.rows());
}

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
  const common = 'seller_id = ? AND marketplace = ? AND metric = ? AND level = ? AND day >= ? AND day <= ?';
  const params = [h.sellerId, h.marketplace, h.metric, level, h.range.from, h.range.to];
  let rows: { carrier: string; bucket: number | string; n: number | string }[];
  if (!wanted) {
    rows = await store.sql.all(`SELECT carrier, bucket, SUM(packages) AS n FROM scan_delay_rollups WHERE ${common} GROUP BY carrier, bucket`, params);
  } else {
    // One branch per carrier, each one range of scan_delay_by_bucket (carrier, bucket range; the day checked on
    // the index entry). PostgreSQL does not seek per value of `bucket IN (…)` there: it scanned every bucket.
    const branches = [...wanted];
    if (branches.length === 0) return new Map();
    rows = await store.sql.all(
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

/** The level-0 histogram over the window (what `readScanDelayMedians` reads only the needed parts of). */
export async function readScanDelays(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  metric: ScanDelayMetric,
  range: DayWindow,
): Promise<ScanDelayBucket[]> {
  const counts = await levelCounts(store, { sellerId, marketplace, metric, range }, 0);
  return [...counts].flatMap(([carrier, buckets]) => [...buckets].map(([tenths, count]) => ({ carrier, tenths, count })));
}

/**
 * Hours from confirmation to first scan, bucketed per carrier, for packages attributed to days in `range`, as
 * of the instant `before`, from raw rows (a past as-of). `readScanDelays` answers today from the histogram the
 * rollup refresh keeps of the same packages.
 */
export async function scanDelayBuckets(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  range: DayWindow,
  attribution: PackageAttribution,
  before: number,
): Promise<ScanDelayBucket[]> {
  const dayColumn = attribution === 'promised_delivery' ? 'o.promised_day' : 'p.confirm_day';
  const rows = await store.sql.all<{ carrier_code: string | null; carrier_name: string | null; tenths: number | string; n: number | string }>(
    `SELECT p.carrier_code, p.carrier_name, (p.first_scan_at - p.confirmed_at) / 360000 AS tenths, COUNT(*) AS n
       FROM packages p JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id
      WHERE p.seller_id = ? AND o.marketplace = ? AND ${dayColumn} >= ? AND ${dayColumn} <= ?
        AND o.fulfillment_channel = 'MFN' AND p.confirmed_at < ? AND p.first_scan_at < ?
      GROUP BY p.carrier_code, p.carrier_name, (p.first_scan_at - p.confirmed_at) / 360000`,
    [sellerId, marketplace, range.from, range.to, before, before],
  );
  // A scan before the confirmation (labels scanned, then confirmed late) counts as zero hours, not negative.
  return rows.map((r) => ({
    carrier: carrierLabel({ carrierCode: r.carrier_code, carrierName: r.carrier_name }),
    tenths: Math.max(0, Math.trunc(Number(r.tenths))),
    count: Number(r.n),
  }));
}
