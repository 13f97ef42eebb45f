import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/**
 * Storage of each alert's current level (table `alert_state`): typed reads and writes; the SQL stays here. A
 * change is written with a compare-and-set on `change_no`, so of two evaluators that race exactly one wins it.
 */

/** What an evaluation says about one alert (src/alerts/types.ts owns the levels). */
export interface AlertStateValues {
  level: string;
  title: string;
  message: string;
  details: Record<string, unknown>;
  link: string;
}

export interface StoredAlertState extends AlertStateValues {
  key: string;
  ruleId: string;
  changeNo: number;
  changedAt: number;
  evaluatedAt: number;
}

/** Writes a new alert's first state; false when another writer created it first. */
export async function insertAlertState(store: Store, sellerId: string, state: StoredAlertState): Promise<boolean> {
  return (await sqlOf(store).run(
    `INSERT INTO alert_state (seller_id, alert_key, rule_id, level, title, message, details, link, change_no, changed_at, evaluated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seller_id, alert_key) DO NOTHING`,
    [sellerId, state.key, state.ruleId, state.level, state.title, state.message, JSON.stringify(state.details), state.link,
      state.changeNo, state.changedAt, state.evaluatedAt],
  )) > 0;
}

/** Updates an alert's state if its change number is still `expectedChangeNo`; false when another writer moved it. */
export async function updateAlertState(
  store: Store,
  sellerId: string,
  state: Omit<StoredAlertState, 'ruleId'>,
  expectedChangeNo: number,
): Promise<boolean> {
  return (await sqlOf(store).run(
    `UPDATE alert_state SET level = ?, title = ?, message = ?, details = ?, link = ?, change_no = ?,
       changed_at = ?, evaluated_at = ? WHERE seller_id = ? AND alert_key = ? AND change_no = ?`,
    [state.level, state.title, state.message, JSON.stringify(state.details), state.link, state.changeNo,
      state.changedAt, state.evaluatedAt, sellerId, state.key, expectedChangeNo],
  )) > 0;
}

/** The seller's alerts in no particular order; those at level `ok` (resolved) only with `includeOk`. */
export async function alertStatesOf(store: Store, sellerId: string, includeOk: boolean): Promise<StoredAlertState[]> {
  const rows = await sqlOf(store).all<{
    alert_key: string; rule_id: string; level: string; title: string; message: string; details: string; link: string;
    change_no: number; changed_at: number; evaluated_at: number;
  }>(
    `SELECT alert_key, rule_id, level, title, message, details, link, change_no, changed_at, evaluated_at
     FROM alert_state WHERE seller_id = ?${includeOk ? '' : " AND level <> 'ok'"}`,
    [sellerId],
  );
  return rows.map((row) => ({
    key: row.alert_key,
    ruleId: row.rule_id,
    level: row.level,
    title: row.title,
    message: row.message,
    details: JSON.parse(row.details) as Record<string, unknown>,
    link: row.link,
    changeNo: Number(row.change_no),
    changedAt: Number(row.changed_at),
    evaluatedAt: Number(row.evaluated_at),
  }));
}
