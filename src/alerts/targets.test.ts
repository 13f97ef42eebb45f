import { describe, expect, it } from 'vitest';
import { VtrguardError } from '../core/errors.js';
import { parseChannelConfig } from './channels.js';
import { internalKind } from './targets.js';

const DENY = { allowPrivate: false };

function refusalOf(input: Record<string, unknown>, policy = DENY): { code: string; field: unknown } | 'accepted' {
  try {
    parseChannelConfig(input, policy);
    return 'accepted';
  } catch (error) {
    if (error instanceof VtrguardError) return { code: error.code, field: error.context.field };
    throw error;
  }
}

/** Every way an internal address has been written at us (issue 18 item 11), as a channel URL would carry it. */
const INTERNAL_URLS = [
  'http://169.254.169.254/latest/meta-data/',
  'http://127.0.0.1:8080/hook',
  'http://127.1/',
  'http://2130706433/',
  'http://0x7f.0.0.1/',
  'http://0.0.0.0:9/',
  'http://10.1.2.3/',
  'http://172.16.0.1/',
  'http://172.31.255.254/',
  'http://192.168.1.1/',
  'http://100.64.0.1/',
  'http://[::1]/',
  'http://[::]/',
  'http://[fd00::1]/',
  'http://[fe80::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::ffff:a00:1]/',
  'http://[64:ff9b::10.0.0.1]/',
  'http://localhost:9/',
  'http://LOCALHOST./',
  'http://api.localhost/',
];

const PUBLIC_URLS = [
  'https://hooks.slack.com/services/T/B/X',
  'http://93.184.216.34/',
  'http://172.32.0.1/',
  'http://100.128.0.1/',
  'http://[2606:4700::1111]/',
  'http://[::ffff:93.184.216.34]/',
  'https://localhost.example.com/',
];

describe('alert channel targets (issue 18 item 11)', () => {
  it.each(INTERNAL_URLS)('refuses %s when a channel is added, for every kind', (url) => {
    const smtpUrl = url.replace(/^http:/, 'smtp:');
    expect(refusalOf({ kind: 'slack', url })).toEqual({ code: 'ALERT_TARGET_INTERNAL', field: 'url' });
    expect(refusalOf({ kind: 'webhook', url, secret: '0123456789abcdef' })).toEqual({ code: 'ALERT_TARGET_INTERNAL', field: 'url' });
    expect(refusalOf({ kind: 'email', smtpUrl, from: 'a@shop.test', to: ['b@shop.test'] })).toEqual({ code: 'ALERT_TARGET_INTERNAL', field: 'smtpUrl' });
  });

  it.each(PUBLIC_URLS)('accepts the public %s', (url) => {
    expect(refusalOf({ kind: 'slack', url })).toBe('accepted');
  });

  it('accepts internal addresses when configuration allows them', () => {
    const allow = { allowPrivate: true };
    expect(refusalOf({ kind: 'slack', url: 'http://127.0.0.1:8080/hook' }, allow)).toBe('accepted');
    expect(refusalOf({ kind: 'email', smtpUrl: 'smtp://localhost:25', from: 'a@shop.test', to: ['b@shop.test'] }, allow)).toBe('accepted');
  });

  it('says what the address is and how to allow it', () => {
    expect(() => parseChannelConfig({ kind: 'slack', url: 'http://169.254.169.254/' }, DENY))
      .toThrow(/169\.254\.169\.254 is a link-local \(cloud metadata\) address.*VTRGUARD_ALERTS_ALLOW_PRIVATE=1/);
  });

  it('classifies resolved addresses in both families', () => {
    expect(internalKind('10.0.0.7')).toBe('private');
    expect(internalKind('::ffff:10.0.0.7')).toBe('private');
    expect(internalKind('fe80::1%eth0'.replace(/%.*$/, ''))).toBe('link-local');
    expect(internalKind('8.8.8.8')).toBeNull();
    expect(internalKind('2001:4860:4860::8888')).toBeNull();
  });
});
