import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqliteStore } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { createApp } from '../app.js';
import { MAX_VALIDATE_ITEMS } from './validate.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
let app: FastifyInstance;
let t: TestStore;

beforeAll(async () => {
  t = await freshSqliteStore();
  await t.store.ensureSeller('default');
  await t.store.writeBatch('default', {
    packages: [{
      orderId: '112-0000001-0000001', packageRef: '1', carrierCode: 'UPS', carrierName: null, shippingMethod: null,
      trackingRaw: '1Z999AA10123456784', trackingNumber: '1Z999AA10123456784', shipDate: NOW - 86_400_000 * 10,
      confirmedAt: NOW - 86_400_000 * 10, confirmDay: '2026-11-10', exempt: false, carrierKey: 'ups', staticDefect: null, problems: [],
    }],
  });
  app = await createApp({ store: t.store, defaultSellerId: 'default', now: () => NOW });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.dispose();
});

describe('POST /v1/validate', () => {
  it('returns one verdict per item, in order', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/validate',
      payload: { items: [{ trackingNumber: '1Z999AA10123456784', orderId: '112-0000001-0000001' }, { trackingNumber: '9400111206206406260787', carrier: 'UPS' }] },
    });
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ valid: true, carrier: 'UPS', normalized: '1Z999AA10123456784' });
    expect(results[1].problems[0]).toMatchObject({ code: 'CARRIER_MISMATCH', severity: 'error' });
  });

  it('flags a number the seller already confirmed on another order within 90 days', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/validate',
      payload: { items: [
        { trackingNumber: '1Z999AA10123456784', orderId: '112-0000002-0000002' },
        { trackingNumber: '1Z999AA10123456784', orderId: '112-0000001-0000001' },
      ] },
    });
    const [other, same] = response.json().results;
    // Not valid tracking for this order: the verdict says so, not only its message.
    expect(other).toMatchObject({ valid: false, problems: [{ code: 'REUSED_TRACKING_NUMBER', severity: 'error' }] });
    expect(other.problems[0].message).toContain('112-0000001-0000001');
    expect(same.problems).toEqual([]);
  });

  it('applies mode and marketplace', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/validate',
      payload: { items: [{ trackingNumber: 'TBA123456789012' }], mode: 'strict', marketplace: 'UK' },
    });
    expect(response.json().results[0]).toMatchObject({ valid: false, problems: [{ code: 'NO_CHECK_DIGIT' }] });
  });

  it('rejects bodies over the batch limit or off the schema', async () => {
    const tooMany = { items: Array.from({ length: MAX_VALIDATE_ITEMS + 1 }, () => ({ trackingNumber: '1' })) };
    const refused = await app.inject({ method: 'POST', url: '/v1/validate', payload: tooMany });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('VALIDATION_FAILED');
    expect((await app.inject({ method: 'POST', url: '/v1/validate', payload: { items: [{}] } })).statusCode).toBe(400);
  });

  it('validates a full batch of 10,000 quickly', async () => {
    const items = Array.from({ length: MAX_VALIDATE_ITEMS }, (_, i) => ({ trackingNumber: `TBA${String(i).padStart(12, '0')}` }));
    const response = await app.inject({ method: 'POST', url: '/v1/validate', payload: { items } });
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toHaveLength(MAX_VALIDATE_ITEMS);
  });
});
