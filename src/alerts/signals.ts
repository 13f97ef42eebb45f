import { saveSignalCheck, signalsOf } from '../store/alert-signals.js';
import type { Store } from '../store/store.js';
import { latestReports } from '../store/amazon.js';
import type { AmazonFigureGap, CredentialSignal } from './types.js';

/**
 * Credential health, reported by whoever uses a credential: a carrier poller after an authentication
 * failure or success (`carrier:<id>`), the SP-API client (`amazon`). The `credential` rule reads it.
 * `since` only moves when the health flips, so an alert can say how long a credential has been failing.
 */
export async function recordCredentialCheck(
  store: Store,
  sellerId: string,
  check: { source: string; ok: boolean; message?: string | null },
  now: number,
): Promise<void> {
  await saveSignalCheck(store, sellerId, check, now);
}

export async function credentialSignals(store: Store, sellerId: string): Promise<CredentialSignal[]> {
  return signalsOf(store, sellerId);
}

interface StoredGap {
  marketplace: string;
  metric: string;
  amazon: { rate: number | null };
  ours: { rate: number | null } | null;
  gapPoints: number | null;
  likelyReason: string | null;
}

/** The figures of the seller's latest Amazon performance report that was read (app/amazon-reports.ts stores them). */
export async function amazonFigureGaps(store: Store, sellerId: string): Promise<AmazonFigureGap[]> {
  const done = (await latestReports(store, sellerId, 10)).find((r) => r.state === 'DONE' && r.reconciliation !== null);
  if (!done) return [];
  return (JSON.parse(done.reconciliation!) as StoredGap[]).map((g) => ({
    reportId: done.reportId, marketplace: g.marketplace, metric: g.metric, amazonRate: g.amazon.rate, oursRate: g.ours?.rate ?? null,
    gapPoints: g.gapPoints, likelyReason: g.likelyReason ?? 'the figures were drawn from different data',
  }));
}
