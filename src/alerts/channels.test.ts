import { describe, expect, it } from 'vitest';
import { VtrguardError } from '../core/errors.js';
import { parseChannelConfig, redactChannel } from './channels.js';

const DENY = { allowPrivate: false };

function refusal(input: Record<string, unknown>): { code: string; field: unknown } {
  try {
    parseChannelConfig(input, DENY);
  } catch (error) {
    if (error instanceof VtrguardError) return { code: error.code, field: error.context.field };
    throw error;
  }
  throw new Error('accepted');
}

describe('channel settings', () => {
  it('accepts the three kinds', () => {
    expect(parseChannelConfig({ kind: 'webhook', url: 'https://hooks.shop.test/vtr', secret: '0123456789abcdef' }, DENY))
      .toEqual({ kind: 'webhook', url: 'https://hooks.shop.test/vtr', secret: '0123456789abcdef' });
    expect(parseChannelConfig({ kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X' }, DENY)).toEqual({ kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X' });
    expect(parseChannelConfig({ kind: 'email', smtpUrl: 'smtps://u:p@mail.test:465', from: 'a@shop.test', to: 'ops@shop.test, boss@shop.test' }, DENY))
      .toEqual({ kind: 'email', smtpUrl: 'smtps://u:p@mail.test:465', from: 'a@shop.test', to: ['ops@shop.test', 'boss@shop.test'] });
  });

  it('names the field that is wrong', () => {
    expect(refusal({ kind: 'pager' })).toEqual({ code: 'BAD_REQUEST', field: 'kind' });
    expect(refusal({ kind: 'webhook', url: 'https://x.test', secret: 'short' })).toEqual({ code: 'BAD_REQUEST', field: 'secret' });
    expect(refusal({ kind: 'slack', url: 'javascript:alert(1)' })).toEqual({ code: 'BAD_REQUEST', field: 'url' });
    expect(refusal({ kind: 'email', smtpUrl: 'http://mail.test', from: 'a@shop.test', to: ['b@shop.test'] })).toEqual({ code: 'BAD_REQUEST', field: 'smtpUrl' });
    expect(refusal({ kind: 'email', smtpUrl: 'smtp://mail.test', from: 'nobody', to: ['b@shop.test'] })).toEqual({ code: 'BAD_REQUEST', field: 'from' });
  });

  it('masks secrets, SMTP passwords and URLs that are credentials when shown (issue 18, item 8)', () => {
    const webhook = redactChannel({ channelId: 'ch_1', createdAt: 0, config: { kind: 'webhook', url: 'https://x.test/in/tok3n-abc?sig=x', secret: '0123456789abcdef' } });
    expect(webhook.config).toEqual({ kind: 'webhook', url: 'https://x.test/[redacted]', secret: '[redacted]' });
    const slack = redactChannel({ channelId: 'ch_3', createdAt: 0, config: { kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/XYZsecret' } });
    expect(JSON.stringify(slack)).not.toContain('XYZsecret');
    const email = redactChannel({ channelId: 'ch_2', createdAt: 0, config: { kind: 'email', smtpUrl: 'smtps://u:hunter2@mail.test:465', from: 'a@b.test', to: ['c@d.test'] } });
    expect(JSON.stringify(email)).not.toContain('hunter2');
  });
});
