import type { Store } from '../store/store.js';
import { listChannels } from './channels.js';
import { serialized } from './lock.js';
import type { AlertEvent, AlertFinding, AlertLevel, AlertRecord } from './types.js';

interface StateRow {
  alert_key: string;
  rule_id: string;
  level: AlertLevel;
  title: string;
  message: string;
  details: string;
  link: string;
  change_no: number;
  changed_at: number;
  evaluated_at: number;
}

function toRecord(row: StateRow): AlertRecord {
  return {
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
  };
}

export function absoluteLink(dashboardUrl: string, link: string): string {
  return `${dashboardUrl.replace(/\/+$/, '')}${link}`;
}

/** The findings a run produced, plus resolutions for subjects its rules no longer report. */
function withResolutions(findings: readonly AlertFinding[], existing: readonly AlertRecord[], rulesRun: ReadonlySet<string>): AlertFinding[] {
  const reported = new Set(findings.map((f) => f.key));
  // A subject that left the data (a category with no packages in the window any more) is no longer a problem.
  const gone = existing
    .filter((record) => rulesRun.has(record.ruleId) && !reported.has(record.key) && record.level !== 'ok')
    .map((record): AlertFinding => ({ ...record, level: 'ok', message: `${record.title}: no longer applies.` }));
  return [...findings, ...gone];
}

/**
 * Records the findings of one evaluation and returns the changes of level. Each change is written with a
 * compare-and-set on `change_no` and its deliveries are queued in the same transaction, so two evaluators
 * that race (an import and the scheduled run) produce each change, and each notification, exactly once.
 */
export async function applyFindings(
  store: Store,
  sellerId: string,
  findings: readonly AlertFinding[],
  rulesRun: ReadonlySet<string>,
  now: number,
  dashboardUrl: string,
): Promise<AlertEvent[]> {
  return serialized(store, () => store.transaction(async (tx) => {
    const existing = await listAlerts(tx, sellerId, { includeOk: true });
    const byKey = new Map(existing.map((record) => [record.key, record]));
    const channels = await listChannels(tx, sellerId);
    const events: AlertEvent[] = [];

    for (const finding of withResolutions(findings, existing, rulesRun)) {
      const previous = byKey.get(finding.key);
      const previousLevel: AlertLevel = previous?.level ?? 'ok';
      const changed = previousLevel !== finding.level;
      const changeNo = (previous?.changeNo ?? 0) + (changed ? 1 : 0);
      const values = [finding.level, finding.title, finding.message, JSON.stringify(finding.details), finding.link];
      let won: boolean;
      if (!previous) {
        won = (await tx.sql.run(
          `INSERT INTO alert_state (seller_id, alert_key, rule_id, level, title, message, details, link, change_no, changed_at, evaluated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seller_id, alert_key) DO NOTHING`,
          [sellerId, finding.key, finding.ruleId, ...values, changeNo, now, now],
        )) > 0;
      } else {
        won = (await tx.sql.run(
          `UPDATE alert_state SET level = ?, title = ?, message = ?, details = ?, link = ?, change_no = ?,
             changed_at = ?, evaluated_at = ? WHERE seller_id = ? AND alert_key = ? AND change_no = ?`,
          [...values, changeNo, changed ? now : previous.changedAt, now, sellerId, finding.key, previous.changeNo],
        )) > 0;
      }
      if (!won || !changed) continue;

      const event: AlertEvent = {
        sellerId,
        key: finding.key,
        ruleId: finding.ruleId,
        level: finding.level,
        previousLevel,
        title: finding.title,
        message: finding.message,
        details: finding.details,
        url: absoluteLink(dashboardUrl, finding.link),
        changeNo,
        changedAt: new Date(now).toISOString(),
      };
      events.push(event);
      await tx.sql.runMany(
        `INSERT INTO alert_deliveries (seller_id, alert_key, change_no, channel_id, payload, status, attempts, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)`,
        channels.map((channel) => [sellerId, finding.key, changeNo, channel.channelId, JSON.stringify(event), now]),
      );
    }
    return events;
  }));
}

const LEVEL_ORDER: Record<AlertLevel, number> = { critical: 0, warning: 1, ok: 2 };

/** A seller's alerts, the worst and most recently changed first; `ok` (resolved) ones only on request. */
export async function listAlerts(store: Store, sellerId: string, options: { includeOk?: boolean } = {}): Promise<AlertRecord[]> {
  const rows = await store.sql.all<StateRow>(
    `SELECT alert_key, rule_id, level, title, message, details, link, change_no, changed_at, evaluated_at
     FROM alert_state WHERE seller_id = ?${options.includeOk ? '' : " AND level <> 'ok'"}`,
    [sellerId],
  );
  return rows.map(toRecord).sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || b.changedAt - a.changedAt || a.key.localeCompare(b.key));
}
