import { queueDeliveries } from '../store/alert-deliveries.js';
import { alertStatesOf, writeAlertStates } from '../store/alert-state.js';
import type { AlertStateWrite, StoredAlertState } from '../store/alert-state.js';
import type { Store } from '../store/store.js';
import { listChannels } from './channels.js';
import { serialized } from './lock.js';
import type { AlertEvent, AlertFinding, AlertLevel, AlertRecord } from './types.js';

function toRecord(state: StoredAlertState): AlertRecord {
  // The levels written are AlertLevel's (applyFindings is the only writer).
  return { ...state, level: state.level as AlertLevel };
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

    const writes = withResolutions(findings, existing, rulesRun).map((finding) => {
      const previous = byKey.get(finding.key);
      const previousLevel: AlertLevel = previous?.level ?? 'ok';
      const changed = previousLevel !== finding.level;
      const changeNo = (previous?.changeNo ?? 0) + (changed ? 1 : 0);
      const { level, title, message, details, link } = finding;
      const state = { key: finding.key, level, title, message, details, link, changeNo, changedAt: changed || !previous ? now : previous.changedAt, evaluatedAt: now };
      const write: AlertStateWrite = previous
        ? { state, expectedChangeNo: previous.changeNo }
        : { state: { ...state, ruleId: finding.ruleId }, expectedChangeNo: null };
      return { finding, previousLevel, changed, changeNo, write };
    });
    // Every state in one go (one or two statements on PostgreSQL, not one per alert), then what the changes won.
    const won = await writeAlertStates(tx, sellerId, writes.map((w) => w.write));
    for (const { finding, previousLevel, changed, changeNo } of writes) {
      if (!won.has(finding.key) || !changed) continue;

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
      await queueDeliveries(tx, sellerId, { alertKey: finding.key, changeNo, payload: JSON.stringify(event) }, channels.map((c) => c.channelId), now);
    }
    return events;
  }));
}

const LEVEL_ORDER: Record<AlertLevel, number> = { critical: 0, warning: 1, ok: 2 };

/** A seller's alerts, the worst and most recently changed first; `ok` (resolved) ones only on request. */
export async function listAlerts(store: Store, sellerId: string, options: { includeOk?: boolean } = {}): Promise<AlertRecord[]> {
  const records = (await alertStatesOf(store, sellerId, options.includeOk ?? false)).map(toRecord);
  return records.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || b.changedAt - a.changedAt || a.key.localeCompare(b.key));
}
