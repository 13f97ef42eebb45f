import { VtrguardError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { ALERT_RULES, findRule } from './rules.js';
import type { AlertRule } from './rules.js';

/** A rule as it applies to one seller: the defaults merged with the seller's changes. */
export interface RuleSetting {
  ruleId: string;
  description: string;
  enabled: boolean;
  params: Record<string, number>;
}

interface RuleRow {
  rule_id: string;
  enabled: number;
  params: string;
}

function knownRule(ruleId: string): AlertRule {
  const rule = findRule(ruleId);
  if (!rule) {
    throw new VtrguardError('NOT_FOUND', `No alert rule "${ruleId}"; rules: ${ALERT_RULES.map((r) => r.id).join(', ')}.`, { field: 'rule', value: ruleId });
  }
  return rule;
}

export async function ruleSettings(store: Store, sellerId: string): Promise<RuleSetting[]> {
  const rows = await store.sql.all<RuleRow>('SELECT rule_id, enabled, params FROM alert_rules WHERE seller_id = ?', [sellerId]);
  const byId = new Map(rows.map((row) => [row.rule_id, row]));
  return ALERT_RULES.map((rule) => {
    const row = byId.get(rule.id);
    const stored = row ? (JSON.parse(row.params) as Record<string, number>) : {};
    return {
      ruleId: rule.id,
      description: rule.description,
      enabled: row ? Number(row.enabled) === 1 : true,
      params: { ...rule.defaults, ...stored },
    };
  });
}

export interface RuleChange {
  enabled?: boolean;
  params?: Record<string, number>;
}

/** Changes one rule for one seller; unknown params and non-positive values are refused, not ignored. */
export async function updateRuleSetting(store: Store, sellerId: string, ruleId: string, change: RuleChange, now: number): Promise<RuleSetting> {
  const rule = knownRule(ruleId);
  for (const [name, value] of Object.entries(change.params ?? {})) {
    if (!(name in rule.defaults)) {
      throw new VtrguardError('BAD_REQUEST', `Rule ${ruleId} has no parameter "${name}"; it has: ${Object.keys(rule.defaults).join(', ') || 'none'}.`, { field: name });
    }
    if (!Number.isFinite(value) || value <= 0) {
      throw new VtrguardError('BAD_REQUEST', `Parameter ${name} must be a positive number.`, { field: name, value: String(value) });
    }
  }
  const current = (await ruleSettings(store, sellerId)).find((s) => s.ruleId === ruleId);
  const enabled = change.enabled ?? current?.enabled ?? true;
  const params = { ...current?.params, ...change.params };
  await store.sql.run(
    `INSERT INTO alert_rules (seller_id, rule_id, enabled, params, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (seller_id, rule_id) DO UPDATE SET enabled = excluded.enabled, params = excluded.params, updated_at = excluded.updated_at`,
    [sellerId, ruleId, enabled ? 1 : 0, JSON.stringify(params), now],
  );
  return { ruleId, description: rule.description, enabled, params };
}
