import { createReport, downloadDocument, getReport, getReportDocument } from '../amazon/operations.js';
import { VtrguardError } from '../core/errors.js';
import { systemClock } from '../ingest/tracking/clock.js';
import { parsePerformanceReport } from '../ingest/amazon-performance-report.js';
import { insertReport, type ReportRow } from '../store/amazon.js';
import { nowOf, withAmazon, type AmazonDeps } from './amazon-context.js';
import { reconcile, type ReconcileRow } from './reconcile.js';

export const PERFORMANCE_REPORT = 'GET_V2_SELLER_PERFORMANCE_REPORT';

/** One of Amazon's figures beside vtrguard's, judged against the tolerance, with the likely reason when off. */
export interface FigureGap extends ReconcileRow {
  /** |ours − Amazon's| of the rate, in percentage points; null when either is missing. */
  gapPoints: number | null;
  beyondTolerance: boolean;
  likelyReason: string | null;
}

export interface ReportFetch {
  reportId: string;
  /** DONE, CANCELLED (Amazon had no data, or it was asked too often), FATAL, or still IN_QUEUE / IN_PROGRESS after the polls. */
  state: string;
  gaps: FigureGap[];
  warnings: string[];
}

export interface ReportOptions {
  /** Between polls of getReport (Amazon's reports take minutes). */
  pollEveryMs?: number;
  maxPolls?: number;
  /** A rate differing by more than this many percentage points is an alert. */
  tolerancePoints?: number;
}

export const DEFAULT_TOLERANCE_POINTS = 0.5;

/** Why vtrguard and Amazon most likely disagree, from which side is higher and whether the counts match. */
export function likelyReason(row: ReconcileRow): string {
  const amazonTotal = row.amazon.total;
  const ours = row.ours;
  if (ours && amazonTotal !== null && amazonTotal > 0 && Math.abs(ours.total - amazonTotal) / amazonTotal > 0.02) {
    return ours.total < amazonTotal
      ? `vtrguard counts ${amazonTotal - ours.total} fewer ${row.metric === 'cr' || row.metric === 'lsr' ? 'orders' : 'packages'} in the window: orders it has not read (run vtrguard amazon sync) or confirmations made outside it`
      : `vtrguard counts ${ours.total - amazonTotal} more in the window: exemptions Amazon applies (untracked cheap shipments, carriers it excuses) or cancelled orders it leaves out`;
  }
  const higher = (ours?.rate ?? 0) > (row.amazon.rate ?? 0);
  switch (row.metric) {
    case 'vtr':
      return higher
        ? 'Amazon holds some packages differently from what was sent (see the packages that differ in vtrguard amazon status), or saw no carrier scan where vtrguard did'
        : 'vtrguard lacks carrier scans Amazon has: connect the carrier APIs or webhooks for those carriers';
    case 'lsr':
      return higher
        ? 'vtrguard counts confirmations late that Amazon took as on time: a ship-by Amazon extended'
        : 'Amazon recorded confirmations later than vtrguard did (a late confirmation counts as late, whatever the ship date says)';
    case 'cr':
      return 'cancellations attributed differently (a buyer\'s request does not count against the seller)';
    case 'otdr':
      return 'delivery scans or promised dates differ: an extended promise, or a delivery scan vtrguard has not seen';
  }
}

function judge(rows: readonly ReconcileRow[], tolerancePoints: number): FigureGap[] {
  return rows.map((row) => {
    const gapPoints = row.diff.rate === null ? null : Math.round(Math.abs(row.diff.rate) * 10_000) / 100;
    const beyondTolerance = gapPoints !== null && gapPoints > tolerancePoints;
    return { ...row, gapPoints, beyondTolerance, likelyReason: gapPoints !== null && gapPoints > 0 ? likelyReason(row) : null };
  });
}

/**
 * Amazon's own figures: GET_V2_SELLER_PERFORMANCE_REPORT requested, polled to its end, its gzip document read,
 * stored, and reconciled with vtrguard's `amazon` view (app/reconcile.ts). A CANCELLED report (no data, or asked
 * too often) and a FATAL one are stored as such, not thrown. The `amazon_figures` alert reads the stored gaps.
 */
export async function fetchPerformanceReport(deps: AmazonDeps, sellerId: string, options: ReportOptions = {}): Promise<ReportFetch> {
  const clock = deps.clock ?? systemClock;
  const pollEveryMs = options.pollEveryMs ?? 30_000;
  const maxPolls = options.maxPolls ?? 60;
  return withAmazon(deps, sellerId, async (client, connection) => {
    const marketplaceIds = connection.marketplaces.filter((m) => m.marketplace !== null).map((m) => m.id);
    if (marketplaceIds.length === 0) throw new VtrguardError('AMAZON_REJECTED', 'the seller takes part in no marketplace vtrguard measures');
    const reportId = await createReport(client, PERFORMANCE_REPORT, marketplaceIds.slice(0, 25));
    const row: ReportRow = {
      reportId, reportType: PERFORMANCE_REPORT, state: 'IN_QUEUE', requestedAt: nowOf(deps), finishedAt: null, content: null, reconciliation: null,
    };
    await insertReport(deps.store, sellerId, row);
    let report = await getReport(client, reportId);
    for (let polls = 1; (report.processingStatus === 'IN_QUEUE' || report.processingStatus === 'IN_PROGRESS') && polls < maxPolls; polls++) {
      await clock.sleep(pollEveryMs);
      report = await getReport(client, reportId);
    }
    const state = report.processingStatus;
    const result: ReportFetch = { reportId, state, gaps: [], warnings: [] };
    if (state !== 'DONE' || !report.reportDocumentId) {
      if (state === 'FATAL' && report.reportDocumentId) {
        // A FATAL report's document, when there is one, says why.
        const detail = (await downloadDocument(client, await getReportDocument(client, report.reportDocumentId))).toString('utf8');
        result.warnings.push(`Amazon could not build the report: ${detail.slice(0, 500)}`);
      }
      if (state === 'CANCELLED') result.warnings.push('Amazon cancelled the report: it had no data, or it was requested too often');
      await insertReport(deps.store, sellerId, { ...row, state, finishedAt: state === 'IN_QUEUE' || state === 'IN_PROGRESS' ? null : nowOf(deps), content: result.warnings.join('\n') || null });
      return result;
    }
    const content = (await downloadDocument(client, await getReportDocument(client, report.reportDocumentId))).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(content) as unknown;
    } catch {
      throw new VtrguardError('AMAZON_BAD_RESPONSE', `${PERFORMANCE_REPORT} document ${report.reportDocumentId} is not JSON`);
    }
    const parsed = parsePerformanceReport(json);
    const rows = await reconcile(deps.store, sellerId, parsed, deps.metrics, nowOf(deps));
    result.gaps = judge(rows, options.tolerancePoints ?? DEFAULT_TOLERANCE_POINTS);
    result.warnings = parsed.warnings;
    await insertReport(deps.store, sellerId, { ...row, state, finishedAt: nowOf(deps), content, reconciliation: JSON.stringify(result.gaps) });
    return result;
  });
}
