import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/** Storage of credential health per source (table `alert_signals`): typed reads and writes; the SQL stays here. */

export interface SignalCheck {
  source: string;
  ok: boolean;
  message?: string | null;
}

export interface StoredSignal {
  source: string;
  ok: boolean;
  message: string | null;
  /** When the health last flipped. */
  since: number;
  checkedAt: number;
}

/** Records a check; `since` only moves when `ok` differs from the stored one. */
export async function saveSignalCheck(store: Store, sellerId: string, check: SignalCheck, now: number): Promise<void> {
  await sqlOf(store).run(
    `INSERT INTO alert_signals (seller_id, source, ok, message, since, checked_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (seller_id, source) DO UPDATE SET
       since = CASE WHEN alert_signals.ok = excluded.ok THEN alert_signals.since ELSE excluded.since END,
       ok = excluded.ok, message = excluded.message, checked_at = excluded.checked_at`,
    [sellerId, check.source, check.ok ? 1 : 0, check.message ?? null, now, now],
  );
}

/** The seller's signals by source. */
export async function signalsOf(store: Store, sellerId: string): Promise<StoredSignal[]> {
  const rows = await sqlOf(store).all<{ source: string; ok: number; message: string | null; since: number; checked_at: number }>(
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
