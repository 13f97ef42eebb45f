import type { Store } from './store.js';
import { prepared } from './sql.js';
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

/** An alert state to write with a compare-and-set: a new alert's first state, or a change of one at `expectedChangeNo`. */
export type AlertStateWrite =
  | { state: StoredAlertState; expectedChangeNo: null }
  | { state: Omit<StoredAlertState, 'ruleId'>; expectedChangeNo: number };

const INSERT_STATE = `INSERT INTO alert_state (seller_id, alert_key, rule_id, level, title, message, details, link, change_no, changed_at, evaluated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seller_id, alert_key) DO NOTHING`;
const UPDATE_STATE = `UPDATE alert_state SET level = ?, title = ?, message = ?, details = ?, link = ?, change_no = ?,
  changed_at = ?, evaluated_at = ? WHERE seller_id = ? AND alert_key = ? AND change_no = ?`;

const UPDATE_COLUMNS = ['alert_key', 'level', 'title', 'message', 'details', 'link', 'change_no', 'changed_at', 'evaluated_at', 'expected'];
const UPDATE_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'bigint', 'bigint'];
const INSERT_COLUMNS = ['alert_key', 'rule_id', 'level', 'title', 'message', 'details', 'link', 'change_no', 'changed_at', 'evaluated_at'];
const INSERT_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'bigint'];

const arrays = (types: readonly string[]) => types.map((t) => `?::${t}[]`).join(', ');

/**
 * PostgreSQL: the rows of the changes locked in key order first (two evaluators in two processes then never wait
 * on each other crosswise), then every change in one statement and every new alert in another, each row bound as
 * column arrays: an evaluation writes every alert it looks at (70 at the benches' seller), once a round trip each.
 */
const LOCK_STATES = prepared(`SELECT alert_key FROM alert_state WHERE seller_id = ? AND alert_key = ANY(?::text[]) ORDER BY alert_key FOR UPDATE`);
const UPDATE_STATES = prepared(`UPDATE alert_state s SET level = v.level, title = v.title, message = v.message, details = v.details,
    link = v.link, change_no = v.change_no, changed_at = v.changed_at, evaluated_at = v.evaluated_at
  FROM unnest(${arrays(UPDATE_TYPES)}) AS v(${UPDATE_COLUMNS.join(', ')})
  WHERE s.seller_id = ? AND s.alert_key = v.alert_key AND s.change_no = v.expected
  RETURNING s.alert_key`);
const INSERT_STATES = prepared(`INSERT INTO alert_state (seller_id, ${INSERT_COLUMNS.join(', ')})
  SELECT ?, * FROM unnest(${arrays(INSERT_TYPES)}) ON CONFLICT (seller_id, alert_key) DO NOTHING RETURNING alert_key`);

/**
 * Writes the states of one evaluation, each with a compare-and-set (a new alert only if no other writer created
 * it first, a change only if its change number is still the expected one); returns the keys whose write won.
 */
export async function writeAlertStates(store: Store, sellerId: string, writes: readonly AlertStateWrite[]): Promise<Set<string>> {
  const sql = sqlOf(store);
  const won = new Set<string>();
  const details = (state: AlertStateValues) => JSON.stringify(state.details);
  if (sql.dialect === 'postgres') {
    const changes = writes.filter((w) => w.expectedChangeNo !== null);
    const created = writes.filter((w): w is Extract<AlertStateWrite, { expectedChangeNo: null }> => w.expectedChangeNo === null);
    if (changes.length > 0) {
      await sql.all(LOCK_STATES, [sellerId, changes.map((w) => w.state.key)]);
      const state = changes.map((w) => w.state);
      const rows = await sql.all<{ alert_key: string }>(UPDATE_STATES, [
        state.map((s) => s.key), state.map((s) => s.level), state.map((s) => s.title), state.map((s) => s.message),
        state.map(details), state.map((s) => s.link), state.map((s) => s.changeNo), state.map((s) => s.changedAt),
        state.map((s) => s.evaluatedAt), changes.map((w) => w.expectedChangeNo), sellerId,
      ]);
      for (const row of rows) won.add(row.alert_key);
    }
    if (created.length > 0) {
      const state = created.map((w) => w.state);
      const rows = await sql.all<{ alert_key: string }>(INSERT_STATES, [
        sellerId, state.map((s) => s.key), state.map((s) => s.ruleId), state.map((s) => s.level), state.map((s) => s.title),
        state.map((s) => s.message), state.map(details), state.map((s) => s.link), state.map((s) => s.changeNo),
        state.map((s) => s.changedAt), state.map((s) => s.evaluatedAt),
      ]);
      for (const row of rows) won.add(row.alert_key);
    }
    return won;
  }
  // SQLite: statements in process cost no round trip.
  for (const write of writes) {
    const state = write.state;
    const changed = write.expectedChangeNo === null
      ? await sql.run(INSERT_STATE, [sellerId, state.key, write.state.ruleId, state.level, state.title, state.message,
        details(state), state.link, state.changeNo, state.changedAt, state.evaluatedAt])
      : await sql.run(UPDATE_STATE, [state.level, state.title, state.message, details(state), state.link, state.changeNo,
        state.changedAt, state.evaluatedAt, sellerId, state.key, write.expectedChangeNo]);
    if (changed > 0) won.add(state.key);
  }
  return won;
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
