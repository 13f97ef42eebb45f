import type { MessagePort } from 'node:worker_threads';
import { childMap } from '../core/maps.js';
import type { CountedPackageView } from '../core/views.js';
import { FigureDelta, UNCOUNTED_PACKAGE_FACTS } from '../metrics/contributions.js';
import type { MetricsConfig } from '../metrics/config.js';
import { exemptionFingerprint } from '../metrics/config.js';
import { applyFigureIncrements, clearFigures, lockSellerWrites, markFiguresCurrent } from '../store/rollups.js';
import type { ApplyOptions, FigureIncrements } from '../store/rollups.js';
import type { FactKeys, FactWriteSession, FactWrites, OrderSpan, Store, StoreLocation } from '../store/store.js';
import { staticTrackingDefect } from '../validate/assess.js';
import { countSpansOnThreads, serveSpanCounts, SPAN_COUNTER_SCRIPT, spanThreadsAvailable } from './span-threads.js';
import type { SpanCountingData, SpanThreads } from './span-threads.js';

/**
 * "Facts changed → deltas → read models" (DESIGN.md §3). A write of a seller's facts runs inside a session that
 * reads the views of every package and order it can change (found from its FactKeys) before and after it, takes
 * the old contributions back and adds the new ones (src/metrics/contributions.ts), and writes the net increments
 * in the same transaction: a write costs what it changed, and no read recounts. The figures are rebuilt from raw
 * rows instead when they are not current with the writes before this one or were counted with another
 * configuration (a new seller, a changed exemption rule, a write made without a session).
 */

/** Contributions held before they are written, so a long import's memory stays bounded. */
const FLUSH_AT = 20_000;

/**
 * When a session's writes reach many of the seller's packages, counting them again from raw rows at the end costs
 * less than their deltas: a delta reads each package's view before and after the write and its order, and takes
 * back and adds its contribution; a rebuild streams each view once. Measured on an events file that scanned every
 * package of a 50k-package seller: 9.3 s CPU by deltas, 5.4 s rebuilt (docs/design-notes.md). So once a session
 * has read — or, from the share of its writes done (`change`'s `done`), will read — `checkFrom` package views, it
 * counts the seller's packages, and turns to a rebuild at its end once those views are `rebuildShare` of them.
 */
export interface RebuildSwitch {
  checkFrom: number;
  rebuildShare: number;
}

const REBUILD_SWITCH: RebuildSwitch = { checkFrom: 20_000, rebuildShare: 0.5 };

function increments(delta: FigureDelta): FigureIncrements {
  return {
    cells: delta.cellIncrements(),
    lateSteps: delta.lateStepIncrements(),
    defectCounts: delta.defectCountIncrements(),
    scanDelays: delta.scanDelayIncrements(),
    scanDelaySteps: delta.scanDelayStepIncrements(),
    defectDeletes: delta.defectDeletes(),
    defectRows: delta.defectInserts(),
    defectStepDeletes: delta.defectStepDeletes(),
    defectSteps: delta.defectStepInserts(),
  };
}

async function flush(tx: Store, sellerId: string, delta: FigureDelta, options?: ApplyOptions): Promise<void> {
  await applyFigureIncrements(tx, sellerId, increments(delta), options);
  delta.clear();
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

const NOTHING_UNCOUNTED: ReadonlySet<never> = new Set();

/** Whether two views of one package or order hold the same counted facts (then its contribution stays). */
function sameView<V extends object>(a: V, b: V, uncounted: ReadonlySet<keyof V>): boolean {
  for (const key of Object.keys(a) as (keyof V)[]) {
    if (uncounted.has(key)) continue;
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) ? !Array.isArray(y) || !sameList(x as string[], y as string[]) : x !== y) return false;
  }
  return true;
}

/** Adds the difference between two readings of the same facts to `delta`. */
function addChanges<V extends object>(
  before: readonly V[], after: readonly V[], keyOf: (v: V) => string | number, add: (v: V, count: 1 | -1) => void, uncounted: ReadonlySet<keyof V>,
): void {
  const old = new Map(before.map((v) => [keyOf(v), v]));
  for (const view of after) {
    const was = old.get(keyOf(view));
    if (was !== undefined) {
      old.delete(keyOf(view));
      if (sameView(was, view, uncounted)) continue;
      add(was, -1);
    }
    add(view, 1);
  }
  for (const gone of old.values()) add(gone, -1);
}

class DeltaSession implements FactWriteSession {
  private readonly delta: FigureDelta;
  /** Package views read after this session's writes so far. */
  private viewsRead = 0;
  /** The seller's packages, once counted (`RebuildSwitch`). */
  private sellerPackages: number | null = null;
  /** The share of the session's writes done after its last one (1 when not told). */
  private done = 1;

  constructor(
    private readonly tx: Store,
    private readonly sellerId: string,
    private readonly config: MetricsConfig,
    /** The figures were not current before this write, or it reaches most of them: they are rebuilt at `finish`. */
    private rebuild: boolean,
    private readonly rebuildSwitch: RebuildSwitch,
  ) {
    this.delta = new FigureDelta(config, staticTrackingDefect);
  }

  /**
   * Whether this session's writes reach, or at the pace of those so far will reach, enough of the seller's packages
   * to rebuild instead (`RebuildSwitch`).
   */
  private async reachesMost(): Promise<boolean> {
    const views = this.done > 0 ? this.viewsRead / this.done : this.viewsRead;
    if (views < this.rebuildSwitch.checkFrom) return false;
    this.sellerPackages ??= await this.tx.packageCount(this.sellerId);
    return views >= this.sellerPackages * this.rebuildSwitch.rebuildShare;
  }

  async change<T>(keys: FactKeys, write: () => Promise<T>, done?: number): Promise<T> {
    const rebuildNow = !this.rebuild && await this.reachesMost();
    this.done = done ?? 1;
    if (rebuildNow) {
      // What was counted so far is dropped: the rebuild starts from empty figures.
      this.rebuild = true;
      this.delta.clear();
    }
    if (this.rebuild) return write();
    const orderIds = [...new Set(keys.orderIds)];
    const packagesBefore = await this.tx.packagesOf(this.sellerId, keys);
    const ordersBefore = orderIds.length === 0 ? [] : await this.tx.ordersByIds(this.sellerId, orderIds);
    const result = await write();
    const packagesAfter = await this.tx.packagesAfter(this.sellerId, keys, packagesBefore);
    const ordersAfter = orderIds.length === 0 ? [] : await this.tx.ordersByIds(this.sellerId, orderIds);
    this.viewsRead += packagesAfter.length;
    addChanges(packagesBefore, packagesAfter, (p) => p.packageId, (p, count) => this.delta.addPackage(p, count), UNCOUNTED_PACKAGE_FACTS);
    addChanges(ordersBefore, ordersAfter, (o) => o.orderId, (o, count) => this.delta.addOrder(o, count), NOTHING_UNCOUNTED);
    await this.ordersOfScans(new Set(orderIds), packagesBefore, packagesAfter);
    if (this.delta.size >= FLUSH_AT) await flush(this.tx, this.sellerId, this.delta);
    return result;
  }

  /**
   * An order's view carries its packages' first scans, so a write that reaches packages by tracking number (new
   * events) changes the views of orders it does not name. Only the first scans of the packages reached can have
   * changed in them (anything else of an order is written with the order named in the keys), so the orders whose
   * packages' first scans moved are read once, after the write, and their views before it are those views with
   * the first scans they had: a write of events reads the orders of the packages it scanned for the first time,
   * not every order it reached, twice.
   */
  private async ordersOfScans(named: ReadonlySet<string>, before: readonly CountedPackageView[], after: readonly CountedPackageView[]): Promise<void> {
    const was = new Map(before.map((p) => [p.packageId, p]));
    const outside = (p: CountedPackageView) => new Error(
      `a write changed package ${p.packageId} of order ${p.orderId} beyond its scans without naming the order in its FactKeys`,
    );
    /** order id → package ref → first scan before the write */
    const scans = new Map<string, Map<string, number | null>>();
    for (const p of after) {
      const old = was.get(p.packageId);
      was.delete(p.packageId);
      if (named.has(p.orderId)) continue;
      if (old === undefined || old.orderId !== p.orderId || old.packageRef !== p.packageRef || old.confirmedAt !== p.confirmedAt) throw outside(p);
      if (old.firstScanAt !== p.firstScanAt) childMap(scans, p.orderId).set(p.packageRef, old.firstScanAt);
    }
    for (const gone of was.values()) if (!named.has(gone.orderId)) throw outside(gone);
    if (scans.size === 0) return;
    for (const order of await this.tx.ordersByIds(this.sellerId, [...scans.keys()])) {
      const firstScans = scans.get(order.orderId)!;
      const packages = order.packages.map((p) => (firstScans.has(p.packageRef) ? { ...p, firstScanAt: firstScans.get(p.packageRef)! } : p));
      this.delta.addOrder({ ...order, packages }, -1);
      this.delta.addOrder(order, 1);
    }
  }

  async finish(): Promise<void> {
    if (this.rebuild) await rebuildInTransaction(this.tx, this.sellerId, this.config);
    else await flush(this.tx, this.sellerId, this.delta);
    await markFiguresCurrent(this.tx, this.sellerId, exemptionFingerprint(this.config));
  }
}

/** The FactWrites that keep the figures counted with `config` (the readers must use the same configuration). */
export function keptFigures(config: MetricsConfig, rebuildSwitch: RebuildSwitch = REBUILD_SWITCH): FactWrites {
  const fingerprint = exemptionFingerprint(config);
  return {
    async begin(tx, sellerId) {
      const { seq, figures } = await lockSellerWrites(tx, sellerId);
      const current = figures !== null && figures.fingerprint === fingerprint && figures.seq === seq - 1;
      return new DeltaSession(tx, sellerId, config, !current, rebuildSwitch);
    },
  };
}

/**
 * Orders per span of a rebuild: the defect rows of a span are held until it is written (SQLite cannot write while
 * a read streams), so memory follows the span, not the seller.
 */
const REBUILD_SPAN = 100_000;

/** A rebuild's increments come after `clearFigures`: its defect rows are new. */
const REBUILT: ApplyOptions = { newDefectRows: true };

/** Where a rebuild counts its spans: on counter threads reading `location`, or on its own thread (null). */
interface SpanCounting {
  location: StoreLocation;
  threads: number;
  script: URL;
}

/**
 * Counts every package and order of the seller again: span by span in key order, one streamed read of its
 * packages and orders each, contributions summed in memory, then bulk writes. With `counting`, the spans
 * are counted on threads and this one writes their increments (span-threads.ts).
 */
async function rebuildInTransaction(tx: Store, sellerId: string, config: MetricsConfig, spanOrders = REBUILD_SPAN, counting: SpanCounting | null = null): Promise<void> {
  await clearFigures(tx, sellerId);
  const spans = await tx.orderSpans(sellerId, spanOrders);
  if (counting !== null && spans.length > 1) {
    const data: SpanCountingData = { location: counting.location, sellerId, metrics: config, snapshot: await tx.exportSnapshot() };
    await countSpansOnThreads(counting.threads, counting.script, data, spans, (figures) => applyFigureIncrements(tx, sellerId, figures, REBUILT));
    return;
  }
  const delta = new FigureDelta(config, staticTrackingDefect, { fromEmpty: true });
  for (const span of spans) {
    await countSpan(tx, sellerId, span, delta);
    await flush(tx, sellerId, delta, REBUILT);
  }
}

/** Adds the contributions of every package and order of one span of the seller's orders to `delta`. */
async function countSpan(store: Store, sellerId: string, span: OrderSpan, delta: FigureDelta): Promise<void> {
  await store.eachViewIn(sellerId, span, (pkg) => delta.addPackage(pkg, 1), (order) => delta.addOrder(order, 1));
}

/** A counter thread's work (src/workers/span-counter.ts): each span it is given counted from empty. */
export function serveSpanCounting(port: MessagePort, data: SpanCountingData): Promise<void> {
  return serveSpanCounts(port, data, async (store, span) => {
    const delta = new FigureDelta(data.metrics, staticTrackingDefect, { fromEmpty: true });
    await countSpan(store, data.sellerId, span, delta);
    return increments(delta);
  });
}

export interface RebuildKeptOptions {
  /** Orders a span (default REBUILD_SPAN). */
  spanOrders?: number;
  /**
   * Count the spans on threads (span-threads.ts) when the store can be opened from another thread (not `:memory:`)
   * and the counter's script is there; on this thread when absent.
   */
  spanThreads?: SpanThreads;
}

/** The counter threads a rebuild of `store` may use, or null: it counts on its own thread. */
function spanCounting(store: Store, spanThreads: SpanThreads | undefined): SpanCounting | null {
  if (spanThreads === undefined || spanThreads.threads < 1 || store.location === null) return null;
  const script = spanThreads.script ?? SPAN_COUNTER_SCRIPT;
  return spanThreadsAvailable(script) ? { location: store.location, threads: spanThreads.threads, script } : null;
}

/**
 * Rebuilds the seller's kept figures from raw rows with `config` (a changed configuration, or a check), reading
 * `spanOrders` orders at a time, on counter threads when `spanThreads` asks for them.
 */
export async function rebuildKeptFigures(store: Store, sellerId: string, config: MetricsConfig, options: RebuildKeptOptions = {}): Promise<void> {
  const counting = spanCounting(store, options.spanThreads);
  await store.transaction(async (tx) => {
    await lockSellerWrites(tx, sellerId);
    await rebuildInTransaction(tx, sellerId, config, options.spanOrders, counting);
    await markFiguresCurrent(tx, sellerId, exemptionFingerprint(config));
  });
}
