import type { StaticTrackingDefect } from '../core/domain.js';
import {
  countConfirmations, getConnection, getSyncState, latestFeeds, latestReports, listConfirmations, packagePairs,
  type ConfirmationState, type ConnectedMarketplace, type HoldPolicy,
} from '../store/amazon.js';
import { assessConfirmation, normalizeTrackingNumber } from '../validate/assess.js';
import { secretRotation, type SecretRotation } from './amazon-connect.js';
import { nowOf, openCredentials, type AmazonDeps } from './amazon-context.js';
import { outcomeOf, type ConfirmationOutcome } from './amazon-confirm.js';
import { feedOf, type FeedSubmission } from './amazon-feed.js';
import type { FigureGap } from './amazon-reports.js';

/** Amazon's record of a package differing from what the seller meant to send, and the defect it will become. */
export interface PackageDifference {
  orderId: string;
  packageRef: string;
  amazon: { carrier: string | null; trackingNumber: string | null };
  meant: { carrierCode: string | null; trackingNumber: string | null };
  /** How VTR will judge Amazon's version (definitions.md rules 1–3); null when it holds. */
  becomes: StaticTrackingDefect | null;
  message: string;
}

export interface AmazonStatus {
  sellerId: string;
  connected: boolean;
  region: string | null;
  marketplaces: ConnectedMarketplace[];
  rotation: SecretRotation | null;
  holdPolicy: HoldPolicy | null;
  sync: {
    lastSuccessAt: number | null;
    /** Minutes since the last complete sync. */
    lagMinutes: number | null;
    ordersSynced: number;
    /** A run stopped part-way (a crash, a page limit): the next one resumes it. */
    resumable: boolean;
    lastError: string | null;
    lastErrorAt: number | null;
  };
  confirmations: {
    counts: Record<ConfirmationState, number>;
    held: ConfirmationOutcome[];
    /** The latest refusals, failures and partly refused feed packages with their reasons. */
    refused: ConfirmationOutcome[];
  };
  /** The latest confirmation feeds, newest first: those Amazon still works on have no `finishedAt`. */
  feeds: FeedSubmission[];
  differences: PackageDifference[];
  report: {
    reportId: string;
    state: string;
    requestedAt: number;
    finishedAt: number | null;
    /** Each of Amazon's figures beside vtrguard's `amazon` view with the difference (amazon-reports.ts), when the report was read. */
    reconciliation: FigureGap[] | null;
  } | null;
}

const DEFECT_WORDS: Readonly<Record<StaticTrackingDefect, string>> = {
  no_tracking: 'Amazon holds no tracking number: a VTR defect',
  carrier_not_accepted: 'Amazon holds a carrier it does not accept for tracking (Other or an unlisted code): a VTR defect',
  carrier_mismatch: 'Amazon holds a number that does not belong to its carrier: a VTR defect',
};

function differenceOf(pair: Awaited<ReturnType<typeof packagePairs>>[number]): PackageDifference | null {
  const request = pair.request ? (JSON.parse(pair.request) as { carrierCode?: string; trackingNumber?: string }) : null;
  const meant = {
    carrierCode: request?.carrierCode ?? pair.ours?.carrierCode ?? null,
    trackingNumber: request?.trackingNumber ?? pair.ours?.trackingNumber ?? null,
  };
  if (meant.carrierCode === null && meant.trackingNumber === null) return null;
  const same = (a: string | null, b: string | null) => (a === null ? '' : normalizeTrackingNumber(a)) === (b === null ? '' : normalizeTrackingNumber(b));
  if (meant.carrierCode === pair.amazon.carrier && same(meant.trackingNumber, pair.amazon.trackingNumber)) return null;
  const becomes = assessConfirmation({
    carrierCode: pair.amazon.carrier, carrierName: pair.amazon.carrier === 'Other' ? pair.amazon.shippingService : null, trackingNumber: pair.amazon.trackingNumber,
  }).staticDefect;
  const what = meant.carrierCode !== pair.amazon.carrier
    ? `sent carrier "${meant.carrierCode}", Amazon recorded "${pair.amazon.carrier}"`
    : `sent number ${meant.trackingNumber}, Amazon recorded ${pair.amazon.trackingNumber}`;
  return {
    orderId: pair.orderId, packageRef: pair.packageRef,
    amazon: { carrier: pair.amazon.carrier, trackingNumber: pair.amazon.trackingNumber }, meant, becomes,
    message: `${what}. ${becomes ? DEFECT_WORDS[becomes] : 'Amazon\'s version still counts as valid tracking once scanned'}`,
  };
}

/** What `vtrguard amazon status` and the dashboard panel show. No credential ever. */
export async function amazonStatus(deps: AmazonDeps, sellerId: string): Promise<AmazonStatus> {
  const { store } = deps;
  const now = nowOf(deps);
  const connection = await getConnection(store, sellerId);
  const sync = await getSyncState(store, sellerId);
  let region: string | null = null;
  if (connection && deps.amazon.secretKey) region = openCredentials(deps, connection).region;
  const issues = await listConfirmations(store, sellerId, ['refused', 'failed', 'partial'], 20, 'newest');
  const [report] = await latestReports(store, sellerId, 1);
  const differences = (await packagePairs(store, sellerId, 1000)).map(differenceOf).filter((d): d is PackageDifference => d !== null);
  return {
    sellerId,
    connected: connection !== null,
    region,
    marketplaces: connection?.marketplaces ?? [],
    rotation: connection ? secretRotation(connection.secretSetAt, now) : null,
    holdPolicy: connection?.holdPolicy ?? null,
    sync: {
      lastSuccessAt: sync.lastSuccessAt,
      lagMinutes: sync.lastSuccessAt === null ? null : Math.floor((now - sync.lastSuccessAt) / 60_000),
      ordersSynced: sync.ordersSynced,
      resumable: sync.pageToken !== null,
      lastError: sync.lastError,
      lastErrorAt: sync.lastErrorAt,
    },
    confirmations: {
      counts: await countConfirmations(store, sellerId),
      held: (await listConfirmations(store, sellerId, ['held'])).map((row) => outcomeOf(row)),
      refused: issues.map((row) => outcomeOf(row)),
    },
    feeds: (await latestFeeds(store, sellerId, 10)).map(feedOf),
    differences,
    report: report
      ? {
        reportId: report.reportId, state: report.state, requestedAt: report.requestedAt, finishedAt: report.finishedAt,
        reconciliation: report.reconciliation ? (JSON.parse(report.reconciliation) as FigureGap[]) : null,
      }
      : null,
  };
}
