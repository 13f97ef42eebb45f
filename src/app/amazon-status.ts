import type { StaticTrackingDefect } from '../core/domain.js';
import {
  countConfirmations, getConnection, getSyncState, latestFeeds, latestReports, listConfirmations, numberScans, packagePairs,
  type ConfirmationState, type ConnectedMarketplace, type HoldPolicy, type NumberScans, type PackagePair,
} from '../store/amazon.js';
import type { Store } from '../store/store.js';
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
  /**
   * Where Amazon holds another number: what the carriers said of it (the poller follows Amazon's number too, and
   * webhooks for it are kept). Its scans decide whether it becomes a defect.
   */
  amazonScans: NumberScans | null;
  /** How VTR will judge Amazon's version (definitions.md rules 1–3, then its carrier scan); null when it holds. */
  becomes: PackageDefect | null;
  message: string;
}

/** The defect Amazon's version of a package becomes: a static one, or no carrier scan on Amazon's own number. */
export type PackageDefect = StaticTrackingDefect | 'no_carrier_scan';

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

const DEFECT_WORDS: Readonly<Record<PackageDefect, string>> = {
  no_tracking: 'Amazon holds no tracking number: a VTR defect',
  carrier_not_accepted: 'Amazon holds a carrier it does not accept for tracking (Other or an unlisted code): a VTR defect',
  carrier_mismatch: 'Amazon holds a number that does not belong to its carrier: a VTR defect',
  no_carrier_scan: 'Amazon\'s number has no carrier scan yet: a VTR defect (no carrier scan) unless the carrier scans it',
};

const DAY_MS = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** What Amazon's own number's scans say, in words. */
function scanWords(scans: NumberScans): string {
  if (scans.firstCarrierScanAt !== null) return `Amazon's number has a carrier scan (${at(scans.firstCarrierScanAt)} UTC): it counts as valid tracking`;
  return `${DEFECT_WORDS.no_carrier_scan} (${scans.lastPolledAt === null
    ? 'not polled yet: vtrguard track or vtrguard serve polls it with the carrier\'s credentials, or a tracking webhook brings its scans'
    : `last polled ${at(scans.lastPolledAt)} UTC${scans.lastStatus ? `, latest event ${scans.lastStatus}` : ''}`})`;
}

async function differenceOf(store: Store, sellerId: string, pair: PackagePair): Promise<PackageDifference | null> {
  const request = pair.request ? (JSON.parse(pair.request) as { carrierCode?: string; trackingNumber?: string }) : null;
  const meant = {
    carrierCode: request?.carrierCode ?? pair.ours?.carrierCode ?? null,
    trackingNumber: request?.trackingNumber ?? pair.ours?.trackingNumber ?? null,
  };
  if (meant.carrierCode === null && meant.trackingNumber === null) return null;
  const same = (a: string | null, b: string | null) => (a === null ? '' : normalizeTrackingNumber(a)) === (b === null ? '' : normalizeTrackingNumber(b));
  const sameNumber = same(meant.trackingNumber, pair.amazon.trackingNumber);
  if (meant.carrierCode === pair.amazon.carrier && sameNumber) return null;
  const staticDefect = assessConfirmation({
    carrierCode: pair.amazon.carrier, carrierName: pair.amazon.carrier === 'Other' ? pair.amazon.shippingService : null, trackingNumber: pair.amazon.trackingNumber,
  }).staticDefect;
  const amazonScans = !sameNumber && pair.amazon.trackingKey !== null
    ? await numberScans(store, sellerId, pair.amazon.trackingKey, pair.amazon.shipTime === null ? 0 : pair.amazon.shipTime - DAY_MS)
    : null;
  const becomes: PackageDefect | null = staticDefect ?? (amazonScans && amazonScans.firstCarrierScanAt === null ? 'no_carrier_scan' : null);
  const what = meant.carrierCode !== pair.amazon.carrier
    ? `sent carrier "${meant.carrierCode}", Amazon recorded "${pair.amazon.carrier}"`
    : `sent number ${meant.trackingNumber}, Amazon recorded ${pair.amazon.trackingNumber}`;
  const judged = staticDefect ? DEFECT_WORDS[staticDefect] : amazonScans ? scanWords(amazonScans) : 'Amazon\'s version still counts as valid tracking once scanned';
  return {
    orderId: pair.orderId, packageRef: pair.packageRef,
    amazon: { carrier: pair.amazon.carrier, trackingNumber: pair.amazon.trackingNumber }, meant, amazonScans, becomes,
    message: `${what}. ${judged}`,
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
  const differences: PackageDifference[] = [];
  for (const pair of await packagePairs(store, sellerId, 1000)) {
    const difference = await differenceOf(store, sellerId, pair);
    if (difference) differences.push(difference);
  }
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
