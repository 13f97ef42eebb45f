import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../errors.js';
import { errorResponseSchema } from '../schemas.js';
import validateRoutes, { MAX_VALIDATE_ITEMS } from './validate.js';

const app = Fastify();

beforeAll(async () => {
  app.addSchema(errorResponseSchema);
  registerErrorHandler(app);
  await app.register(validateRoutes, { prefix: '/v1' });
  await app.ready();
});
afterAll(() => app.close());

describe('POST /v1/validate', () => {
  it('returns one verdict per item, in order', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/validate',
      payload: { items: [{ trackingNumber: '1Z999AA10123456784' }, { trackingNumber: '9400111206206406260787', carrier: 'UPS' }] },
    });
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ valid: true, carrier: 'UPS', normalized: '1Z999AA10123456784' });
    expect(results[1].problems[0]).toMatchObject({ code: 'CARRIER_MISMATCH', severity: 'error' });
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
