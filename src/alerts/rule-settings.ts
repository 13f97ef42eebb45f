import { VtrguardError } from '../core/errors.js';
import { saveRuleSetting, storedRuleSettings } from '../store/alert-rules.js';
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

function knownRule(ruleId: string): AlertRule {
  const rule = findRule(ruleId);
  if (!rule) {
    throw new VtrguardError('NOT_FOUND', `No alert rule "${ruleId}"; rules: ${ALERT_RULES.map((r) => r.id).join(', ')}.`, { field: 'rule', value: ruleId });
  }
  return rule;
}

export async function ruleSettings(store: Store, sellerId: string): Promise<RuleSetting[]> {
  const byId = new Map((await storedRuleSettings(store, sellerId)).map((stored) => [stored.ruleId, stored]));
  return ALERT_RULES.map((rule) => {
    const stored = byId.get(rule.id);
    return {
      ruleId: rule.id,
      description: rule.description,
      enabled: stored?.enabled ?? true,
      params: { ...rule.defaults, ...stored?.params },
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
  await saveRuleSetting(store, sellerId, { ruleId, enabled, params }, now);
  return { ruleId, description: rule.description, enabled, params };
}
