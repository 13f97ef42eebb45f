import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_RECEIVERS, startReceiver } from '../testing.js';
import type { Receiver } from '../testing.js';
import { SAMPLE_EVENT } from './notifiers.fixture.js';
import { sendWebhook, signBody } from './webhook.js';

const SECRET = 'whsec-0123456789abcdef';
const SENT_AT = Date.parse('2026-11-20T12:00:05Z');

describe('webhook notifier', () => {
  let receiver: Receiver;
  beforeEach(async () => { receiver = await startReceiver(); });
  afterEach(async () => { await receiver.close(); });

  it('posts the alert as JSON signed with HMAC-SHA256 of the raw body', async () => {
    await sendWebhook(SAMPLE_EVENT, { url: receiver.url, secret: SECRET }, SENT_AT, { timeoutMs: 2000, targets: LOCAL_RECEIVERS });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const expected = `sha256=${createHmac('sha256', SECRET).update(request?.body ?? '').digest('hex')}`;
    expect(request?.headers['x-vtrguard-signature']).toBe(expected);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      id: 'seller-7:vtr_category:US:Toys & Games:3',
      type: 'alert.changed',
      sentAt: '2026-11-20T12:00:05.000Z',
      alert: SAMPLE_EVENT,
    });
  });

  it('signs differently with another secret or another body', () => {
    expect(signBody('{"a":1}', SECRET)).not.toBe(signBody('{"a":1}', `${SECRET}x`));
    expect(signBody('{"a":1}', SECRET)).not.toBe(signBody('{"a": 1}', SECRET));
    expect(signBody('', SECRET)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('fails when the receiver does not accept the delivery', async () => {
    receiver.respondWith(500);
    await expect(sendWebhook(SAMPLE_EVENT, { url: receiver.url, secret: SECRET }, SENT_AT, { timeoutMs: 2000, targets: LOCAL_RECEIVERS })).rejects.toThrow(/HTTP 500/);
  });
});

describe('webhook notifier and internal addresses (issue 18 item 11)', () => {
  let receiver: Receiver;
  beforeEach(async () => { receiver = await startReceiver(); });
  afterEach(async () => { await receiver.close(); });

  /** The receiver's URL under a public-looking name that the injected resolver maps to `addresses`. */
  const named = (addresses: readonly string[]) => {
    const url = receiver.url.replace('127.0.0.1', 'hooks.shop.test');
    const resolve = async (hostname: string) => (hostname === 'hooks.shop.test' ? addresses : []);
    return { url, resolve };
  };

  it('refuses to send when the name resolves to an internal address (DNS rebinding)', async () => {
    const { url, resolve } = named(['127.0.0.1']);
    await expect(sendWebhook(SAMPLE_EVENT, { url, secret: SECRET }, SENT_AT, { timeoutMs: 2000, targets: { allowPrivate: false, resolve } }))
      .rejects.toMatchObject({ code: 'ALERT_TARGET_INTERNAL', message: expect.stringContaining('hooks.shop.test resolves to 127.0.0.1, a loopback address') });
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses when any one of the addresses a name resolves to is internal', async () => {
    const { url, resolve } = named(['93.184.216.34', '169.254.169.254']);
    await expect(sendWebhook(SAMPLE_EVENT, { url, secret: SECRET }, SENT_AT, { timeoutMs: 2000, targets: { allowPrivate: false, resolve } }))
      .rejects.toMatchObject({ code: 'ALERT_TARGET_INTERNAL' });
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses an internal address written in a channel stored before the rule', async () => {
    await expect(sendWebhook(SAMPLE_EVENT, { url: receiver.url, secret: SECRET }, SENT_AT, { timeoutMs: 2000, targets: { allowPrivate: false } }))
      .rejects.toMatchObject({ code: 'ALERT_TARGET_INTERNAL' });
    expect(receiver.requests).toHaveLength(0);
  });

  it('sends to the checked address under the channel’s own name when configuration allows internal receivers', async () => {
    const { url, resolve } = named(['127.0.0.1']);
    await sendWebhook(SAMPLE_EVENT, { url, secret: SECRET }, SENT_AT, { timeoutMs: 2000, targets: { allowPrivate: true, resolve } });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.headers.host).toBe(new URL(url).host);
  });
});
