import { MARKETPLACE_IDS } from '../core/domain.js';
import type { Marketplace } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { isIsoDate } from '../core/time.js';

/**
 * GET_V2_SELLER_PERFORMANCE_REPORT (amazon-metrics.md §3.1), parsed defensively: the schema's keys, the
 * spellings of Amazon's own example (`prefulfillmentCancelRate`, …) and keys seen in real payloads
 * (`lateShipmentRateList`). Every field may be missing; what is missing is null and noted in `warnings`.
 */

export type AmazonMetric = 'vtr' | 'lsr' | 'cr' | 'otdr';

export interface AmazonFigure {
  metric: AmazonMetric;
  /** UTC dates (YYYY-MM-DD) of reportingDateFrom / reportingDateTo. */
  from: string | null;
  to: string | null;
  /** Denominator: shipmentCount, orderCount, shipmentCountWithValidTracking. */
  total: number | null;
  /** Numerator: validTrackingCount, lateShipmentCount, cancellationCount, onTimeDeliveryCount. */
  hits: number | null;
  rate: number | null;
  status: string | null;
  target: number | null;
  condition: string | null;
}

export interface AmazonMarketplaceFigures {
  marketplaceId: string;
  marketplace: Marketplace | null;
  figures: AmazonFigure[];
}

export interface PerformanceReport {
  accountStatuses: { marketplaceId: string; marketplace: Marketplace | null; status: string }[];
  marketplaces: AmazonMarketplaceFigures[];
  warnings: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function pick(obj: Json, keys: readonly string[]): unknown {
  for (const key of keys) if (obj[key] !== undefined && obj[key] !== null) return obj[key];
  return undefined;
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** The date of a reporting date (`2026-11-03` or an instant on it); one that is not a real day is noted in `warnings`. */
function datePart(v: unknown, where: string, warnings: string[]): string | null {
  if (v === undefined || v === null) return null;
  const s = str(v);
  if (s && isIsoDate(s.slice(0, 10))) return s.slice(0, 10);
  warnings.push(`${where}: ${JSON.stringify(v)} is not a date, ignored`);
  return null;
}

interface NodeSpec {
  metric: AmazonMetric;
  keys: readonly string[];
  total: readonly string[];
  hits: readonly string[];
}

const NODES: readonly NodeSpec[] = [
  { metric: 'vtr', keys: ['validTrackingRate'], total: ['shipmentCount'], hits: ['validTrackingCount'] },
  { metric: 'lsr', keys: ['lateShipmentRate'], total: ['orderCount'], hits: ['lateShipmentCount'] },
  { metric: 'cr', keys: ['preFulfillmentCancellationRate', 'prefulfillmentCancelRate', 'preFulfillmentCancelRate'], total: ['orderCount'], hits: ['cancellationCount', 'cancelCount'] },
  { metric: 'otdr', keys: ['onTimeDeliveryRate'], total: ['shipmentCountWithValidTracking', 'shipmentCount'], hits: ['onTimeDeliveryCount'] },
];

function figure(node: Json, spec: NodeSpec, where: string, warnings: string[]): AmazonFigure {
  const range = isObject(node.reportingDateRange) ? node.reportingDateRange : {};
  let rate = num(node.rate);
  // Rates are fractions in SP-API; a value above 1 can only be a percentage.
  if (rate !== null && rate > 1 && rate <= 100) {
    warnings.push(`${where}: rate ${rate} read as a percentage`);
    rate /= 100;
  }
  const total = num(pick(node, spec.total));
  let hits = num(pick(node, spec.hits));
  if (hits === null && total !== null && rate !== null) {
    // Real payloads omit counts (e.g. no validTrackingCount): derive the numerator, and say so.
    hits = Math.round(rate * total);
    warnings.push(`${where}: ${spec.hits[0]} missing, derived from rate × ${spec.total[0]}`);
  }
  if (total === null) warnings.push(`${where}: ${spec.total[0]} missing`);
  return {
    metric: spec.metric,
    from: datePart(range.reportingDateFrom, `${where}.reportingDateFrom`, warnings),
    to: datePart(range.reportingDateTo, `${where}.reportingDateTo`, warnings),
    total,
    hits,
    rate,
    status: str(node.status),
    target: num(node.targetValue),
    condition: str(node.targetCondition),
  };
}

function marketplaceOf(id: string, warnings: string[]): Marketplace | null {
  const m = MARKETPLACE_IDS[id] ?? null;
  if (m === null) warnings.push(`unknown marketplaceId ${id}`);
  return m;
}

export function parsePerformanceReport(input: unknown): PerformanceReport {
  const root = isObject(input) && isObject(input.payload) ? input.payload : input;
  const metricsList = isObject(root) ? pick(root, ['performanceMetrics', 'performanceMetric']) : undefined;
  if (!isObject(root) || !Array.isArray(metricsList)) {
    throw new VtrguardError('IMPORT_UNKNOWN_FORMAT', 'not a GET_V2_SELLER_PERFORMANCE_REPORT: no performanceMetrics array');
  }
  const warnings: string[] = [];
  const statuses = Array.isArray(root.accountStatuses) ? root.accountStatuses : [];
  const accountStatuses = statuses.filter(isObject).flatMap((s) => {
    const id = str(s.marketplaceId);
    const status = str(s.status);
    return id && status ? [{ marketplaceId: id, marketplace: marketplaceOf(id, warnings), status }] : [];
  });
  const marketplaces = metricsList.filter(isObject).map((entry, i): AmazonMarketplaceFigures => {
    const marketplaceId = str(entry.marketplaceId) ?? '';
    const where = `performanceMetrics[${i}]${marketplaceId ? ` (${marketplaceId})` : ''}`;
    if (!marketplaceId) warnings.push(`${where}: marketplaceId missing`);
    const figures: AmazonFigure[] = [];
    for (const spec of NODES) {
      const node = pick(entry, spec.keys);
      if (isObject(node)) figures.push(figure(node, spec, `${where}.${spec.keys[0]}`, warnings));
    }
    // lateShipmentRateList carries the 10- and 30-day LSR; keep those not already given by lateShipmentRate.
    const list = Array.isArray(entry.lateShipmentRateList) ? entry.lateShipmentRateList.filter(isObject) : [];
    for (const [j, node] of list.entries()) {
      const f = figure(node, NODES[1]!, `${where}.lateShipmentRateList[${j}]`, warnings);
      if (!figures.some((g) => g.metric === 'lsr' && g.from === f.from && g.to === f.to)) figures.push(f);
    }
    return { marketplaceId, marketplace: marketplaceId ? marketplaceOf(marketplaceId, warnings) : null, figures };
  });
  return { accountStatuses, marketplaces, warnings };
}
