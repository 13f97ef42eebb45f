import { randomBytes } from 'node:crypto';
import { VtrguardError } from '../core/errors.js';
import { maskUrl, REDACTED, redactUrl } from '../core/redact.js';
import { channelsOf, insertChannel, updateChannelConfig } from '../store/alert-channels.js';
import type { Store } from '../store/store.js';
import { checkTargetAsWritten } from './targets.js';
import type { TargetPolicy } from './targets.js';

/** Where a seller's alerts go. Each kind's settings travel with the channel, so any process can send. */
export type ChannelConfig =
  | { kind: 'webhook'; url: string; secret: string }
  | { kind: 'slack'; url: string }
  | { kind: 'email'; smtpUrl: string; from: string; to: string[] };

export type ChannelKind = ChannelConfig['kind'];
export const CHANNEL_KINDS: readonly ChannelKind[] = ['webhook', 'slack', 'email'];

export interface Channel {
  channelId: string;
  config: ChannelConfig;
  createdAt: number;
}

function requireUrl(value: unknown, field: string, schemes: readonly string[], policy: TargetPolicy): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new VtrguardError('BAD_REQUEST', `${field} must be a URL.`, { field, value: String(value) });
  }
  if (!schemes.includes(url.protocol)) {
    throw new VtrguardError('BAD_REQUEST', `${field} must start with ${schemes.map((s) => `${s}//`).join(' or ')}.`, { field });
  }
  checkTargetAsWritten(url, field, policy);
  return url.toString();
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

function requireEmail(value: unknown, field: string): string {
  const text = String(value ?? '').trim();
  if (!EMAIL.test(text)) throw new VtrguardError('BAD_REQUEST', `${field} must be an e-mail address.`, { field, value: text });
  return text;
}

/**
 * Checks a channel's settings as a person typed them (CLI, API); the message names the bad field. A URL pointing
 * at an internal address is refused unless `policy` allows it (targets.ts).
 */
export function parseChannelConfig(input: Record<string, unknown>, policy: TargetPolicy): ChannelConfig {
  switch (input.kind) {
    case 'webhook': {
      const secret = String(input.secret ?? '');
      if (secret.length < 16) throw new VtrguardError('BAD_REQUEST', 'A webhook secret must be at least 16 characters.', { field: 'secret' });
      return { kind: 'webhook', url: requireUrl(input.url, 'url', ['http:', 'https:'], policy), secret };
    }
    case 'slack':
      return { kind: 'slack', url: requireUrl(input.url, 'url', ['http:', 'https:'], policy) };
    case 'email': {
      const to = (Array.isArray(input.to) ? input.to : String(input.to ?? '').split(','))
        .map((address, i) => requireEmail(address, `to[${i}]`));
      if (to.length === 0) throw new VtrguardError('BAD_REQUEST', 'An e-mail channel needs at least one recipient.', { field: 'to' });
      return {
        kind: 'email',
        smtpUrl: requireUrl(input.smtpUrl, 'smtpUrl', ['smtp:', 'smtps:'], policy),
        from: requireEmail(input.from, 'from'),
        to,
      };
    }
    default:
      throw new VtrguardError('BAD_REQUEST', `kind must be one of ${CHANNEL_KINDS.join(', ')}.`, { field: 'kind', value: String(input.kind) });
  }
}

/**
 * The channel as it may be shown: the webhook secret, the SMTP password and URLs that are credentials themselves
 * (a Slack incoming webhook's path, a receiver's token) masked; only scheme and host stay.
 */
export function redactChannel(channel: Channel): Channel {
  const config = channel.config;
  if (config.kind === 'webhook') return { ...channel, config: { ...config, url: maskUrl(config.url), secret: REDACTED } };
  if (config.kind === 'slack') return { ...channel, config: { ...config, url: maskUrl(config.url) } };
  return { ...channel, config: { ...config, smtpUrl: redactUrl(config.smtpUrl) } };
}

export async function addChannel(store: Store, sellerId: string, config: ChannelConfig, now: number): Promise<Channel> {
  const channelId = `ch_${randomBytes(4).toString('hex')}`;
  await store.ensureSeller(sellerId);
  await insertChannel(store, sellerId, { channelId, kind: config.kind, config: JSON.stringify(config), createdAt: now });
  return { channelId, config, createdAt: now };
}

export async function listChannels(store: Store, sellerId: string): Promise<Channel[]> {
  return (await channelsOf(store, sellerId)).map((row) => ({ ...row, config: JSON.parse(row.config) as ChannelConfig }));
}

/**
 * Changes a channel's settings. The page never sees a stored secret (redactChannel), so a secret field left out
 * keeps the stored one: a webhook's url and secret, a Slack url, an e-mail channel's smtpUrl. The kind stays.
 * Null when the seller has no such channel.
 */
export async function updateChannel(
  store: Store, sellerId: string, channelId: string, input: Record<string, unknown>, policy: TargetPolicy,
): Promise<Channel | null> {
  const current = (await listChannels(store, sellerId)).find((c) => c.channelId === channelId);
  if (!current) return null;
  if (input.kind !== undefined && input.kind !== current.config.kind) {
    throw new VtrguardError('BAD_REQUEST', `A ${current.config.kind} channel stays one; add a new channel for ${String(input.kind)}.`, { field: 'kind' });
  }
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== ''));
  const config = parseChannelConfig({ ...current.config, ...given }, policy);
  return (await updateChannelConfig(store, sellerId, channelId, JSON.stringify(config))) ? { ...current, config } : null;
}

/** Removes a channel and its undelivered notifications; false when the seller has no such channel. */
export { deleteChannel as removeChannel } from '../store/alert-channels.js';
