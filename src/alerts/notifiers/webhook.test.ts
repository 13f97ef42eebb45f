import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../testing.js';
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
    await sendWebhook(SAMPLE_EVENT, { url: receiver.url, secret: SECRET }, SENT_AT, { timeoutMs: 2000 });
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
    await expect(sendWebhook(SAMPLE_EVENT, { url: receiver.url, secret: SECRET }, SENT_AT, { timeoutMs: 2000 })).rejects.toThrow(/HTTP 500/);
  });
});
