import type { Marketplace } from '../core/domain.js';

/** `ok` is the resting level; a change between any two levels is one notification. */
export const ALERT_LEVELS = ['ok', 'warning', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export type MetricStatus = 'good' | 'bad' | 'at_risk' | 'none';

export interface RateFigure {
  rate: number | null;
  total: number;
  status: MetricStatus;
}

export interface CategoryVtr extends RateFigure {
  category: string;
  valid: number;
  /** Additional valid packages needed to reach the target now. */
  neededToRecover?: number;
  /** Forecast rate on each coming day (definitions.md, Forecast), when one was computed. */
  forecast?: readonly { day: string; rate: number | null }[];
}

/**
 * What the rules read about one marketplace: the metrics engine's figures (formats.md, Metrics JSON)
 * reduced to the fields alerts need, so that the rules stay pure and testable without a database.
 */
export interface MetricsSnapshot {
  marketplace: Marketplace;
  asOf: string;
  targets: { vtr: number; lsr: number; cr: number; otdr: number };
  vtr: { byCategory: CategoryVtr[] };
  lsr: { d10: RateFigure; d30: RateFigure };
  cr: RateFigure;
  otdr: RateFigure;
  /** Seller Fulfilled Prime, each line with its own target; null where there are no Prime orders. */
  sfp: Readonly<Record<SfpLineName, SfpFigure>> | null;
}

export type SfpLineName = 'on-time shipment' | 'cancel rate' | 'OTDR' | 'VTR';

export interface SfpFigure extends RateFigure {
  target: number;
  /** The cancel rate is good at or below its target, the others at or above. */
  comparison: '>=' | '<=';
}

/** A confirmed package with a tracking number that no carrier has scanned within its threshold. */
export interface OverdueScan {
  orderId: string;
  packageRef: string;
  trackingNumber: string;
  carrier: string | null;
  confirmedAt: number;
  hoursWaiting: number;
}

/** The health of one credential (`carrier:<id>` or `amazon`), as its client last reported it. */
export interface CredentialSignal {
  source: string;
  ok: boolean;
  message: string | null;
  since: number;
  checkedAt: number;
}

/** One of Amazon's figures from its latest seller performance report beside vtrguard's (app/amazon-reports.ts). */
export interface AmazonFigureGap {
  reportId: string;
  marketplace: string;
  metric: string;
  amazonRate: number | null;
  oursRate: number | null;
  /** |ours − Amazon's| in percentage points; null when either is missing. */
  gapPoints: number | null;
  likelyReason: string;
}

/** Everything the rules see; gathered once per evaluation. */
export interface RuleInput {
  sellerId: string;
  now: number;
  snapshots: readonly MetricsSnapshot[];
  /** Oldest first, at most a few hundred (see gather.ts). */
  overdueScans: readonly OverdueScan[];
  signals: readonly CredentialSignal[];
  /** The latest Amazon performance report's figures, when the seller is connected to Amazon. */
  amazonFigures?: readonly AmazonFigureGap[];
}

/** What a rule says about one subject now. `key` is stable across evaluations (it names the subject). */
export interface AlertFinding {
  key: string;
  ruleId: string;
  level: AlertLevel;
  title: string;
  message: string;
  details: Record<string, unknown>;
  /** Dashboard path (with query and fragment) that shows the subject; joined to the dashboard's base URL. */
  link: string;
}

/** An alert as stored and listed. */
export interface AlertRecord extends AlertFinding {
  /** How many times the level has changed; numbers the notifications. */
  changeNo: number;
  changedAt: number;
  evaluatedAt: number;
}

/** One change of level, as notifiers send it. */
export interface AlertEvent {
  sellerId: string;
  key: string;
  ruleId: string;
  level: AlertLevel;
  previousLevel: AlertLevel;
  title: string;
  message: string;
  details: Record<string, unknown>;
  /** Absolute URL of the dashboard view. */
  url: string;
  changeNo: number;
  changedAt: string;
}
