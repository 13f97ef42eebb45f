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
  await store.sql.run(
    `INSERT INTO alert_signals (seller_id, source, ok, message, since, checked_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (seller_id, source) DO UPDATE SET
       since = CASE WHEN alert_signals.ok = excluded.ok THEN alert_signals.since ELSE excluded.since END,
       ok = excluded.ok, message = excluded.message, checked_at = excluded.checked_at`,
    [sellerId, check.source, check.ok ? 1 : 0, check.message ?? null, now, now],
  );
}

interface SignalRow {
  source: string;
  ok: number;
  message: string | null;
  since: number;
  checked_at: number;
}

export async function credentialSignals(store: Store, sellerId: string): Promise<CredentialSignal[]> {
  const rows = await store.sql.all<SignalRow>(
    'SELECT source, ok, message, since, checked_at FROM alert_signals WHERE seller_id = ? ORDER BY source',
    [sellerId],
  );
  return rows.map((row) => ({
    source: row.source,
    ok: Number(row.ok) === 1,
    message: row.message,
    since: Number(row.since),
    checkedAt: Number(row.checked_at),
  }));
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
