import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/** Storage of a seller's changes to the alert rules (table `alert_rules`): typed reads and writes; the SQL stays here. */

/** A rule as the seller changed it; rules the seller never changed have no row. */
export interface StoredRuleSetting {
  ruleId: string;
  enabled: boolean;
  params: Record<string, number>;
}

export async function storedRuleSettings(store: Store, sellerId: string): Promise<StoredRuleSetting[]> {
  const rows = await sqlOf(store).all<{ rule_id: string; enabled: number; params: string }>(
    'SELECT rule_id, enabled, params FROM alert_rules WHERE seller_id = ?',
    [sellerId],
  );
  return rows.map((row) => ({ ruleId: row.rule_id, enabled: Number(row.enabled) === 1, params: JSON.parse(row.params) as Record<string, number> }));
}

export async function saveRuleSetting(store: Store, sellerId: string, setting: StoredRuleSetting, now: number): Promise<void> {
  await sqlOf(store).run(
    `INSERT INTO alert_rules (seller_id, rule_id, enabled, params, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (seller_id, rule_id) DO UPDATE SET enabled = excluded.enabled, params = excluded.params, updated_at = excluded.updated_at`,
    [sellerId, setting.ruleId, setting.enabled ? 1 : 0, JSON.stringify(setting.params), now],
  );
}
