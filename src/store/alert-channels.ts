import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/** Storage of a seller's alert channels (table `alert_channels`): typed reads and writes; the SQL stays here. */

export interface ChannelRow {
  channelId: string;
  kind: string;
  /** The channel's settings as JSON (src/alerts/channels.ts owns their shape). */
  config: string;
  createdAt: number;
}

export async function insertChannel(store: Store, sellerId: string, row: ChannelRow): Promise<void> {
  await sqlOf(store).run(
    'INSERT INTO alert_channels (seller_id, channel_id, kind, config, created_at) VALUES (?, ?, ?, ?, ?)',
    [sellerId, row.channelId, row.kind, row.config, row.createdAt],
  );
}

/** The seller's channels, oldest first. */
export async function channelsOf(store: Store, sellerId: string): Promise<Omit<ChannelRow, 'kind'>[]> {
  const rows = await sqlOf(store).all<{ channel_id: string; config: string; created_at: number }>(
    'SELECT channel_id, config, created_at FROM alert_channels WHERE seller_id = ? ORDER BY created_at, channel_id',
    [sellerId],
  );
  return rows.map((row) => ({ channelId: row.channel_id, config: row.config, createdAt: Number(row.created_at) }));
}

/** Replaces a channel's settings (its kind stays); false when there is no such channel. */
export async function updateChannelConfig(store: Store, sellerId: string, channelId: string, config: string): Promise<boolean> {
  return (await sqlOf(store).run('UPDATE alert_channels SET config = ? WHERE seller_id = ? AND channel_id = ?', [config, sellerId, channelId])) > 0;
}

/** Deletes a channel and its notifications not yet sent, in one transaction; false when there was no such channel. */
export async function deleteChannel(store: Store, sellerId: string, channelId: string): Promise<boolean> {
  return store.transaction(async (tx) => {
    await sqlOf(tx).run("DELETE FROM alert_deliveries WHERE seller_id = ? AND channel_id = ? AND status <> 'sent'", [sellerId, channelId]);
    return (await sqlOf(tx).run('DELETE FROM alert_channels WHERE seller_id = ? AND channel_id = ?', [sellerId, channelId])) > 0;
  });
}
