import { describe, expect, it } from 'vitest';
import { VtrguardError } from '../core/errors.js';
import { toErrorReply } from './errors.js';

describe('toErrorReply', () => {
  it('answers a VtrguardError with its catalogue status, message and context', () => {
    const reply = toErrorReply(new VtrguardError('IMPORT_BAD_ROW', 'orders.csv, line 3: bad date', { file: 'orders.csv', line: 3 }));
    expect(reply).toEqual({
      status: 422,
      body: { error: { code: 'IMPORT_BAD_ROW', message: 'orders.csv, line 3: bad date', details: { file: 'orders.csv', line: 3 } } },
      unexpected: false,
    });
  });

  it('hides the insides of a bug behind INTERNAL and marks it for the log', () => {
    const reply = toErrorReply(new TypeError('cannot read properties of undefined (secret path /etc/x)'));
    expect(reply.status).toBe(500);
    expect(reply.body.error).toEqual({ code: 'INTERNAL', message: 'Something went wrong inside vtrguard.', details: {} });
    expect(reply.unexpected).toBe(true);
  });

  it('recognises a lost database connection', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toErrorReply(error).body.error.code).toBe('DB_UNREACHABLE');
    expect(toErrorReply(error).status).toBe(503);
    expect(toErrorReply(Object.assign(new Error('terminating connection'), { code: '57P01' })).status).toBe(503);
  });

  it('tells a database busy with another writer apart from a bug, with when to retry', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '55P03', '40001', '40P01']) {
      const reply = toErrorReply(Object.assign(new Error('database is locked'), { code }));
      expect(reply).toMatchObject({ status: 503, unexpected: false, body: { error: { code: 'DB_BUSY', details: { retryAfterSeconds: 5 } } } });
    }
    expect(toErrorReply(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' })).body.error.code).toBe('INTERNAL');
  });

  it('maps framework errors by status, keeping their reason as detail (issue 18, item 16)', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toErrorReply(tooLarge)).toMatchObject({ status: 413, body: { error: {
      code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than this route accepts.', details: { reason: 'Request body is too large', cause: 'FST_ERR_CTP_BODY_TOO_LARGE' },
    } } });
    const media = Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    expect(toErrorReply(media)).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    const traversal = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    expect(toErrorReply(traversal).body.error.message).not.toMatch(/seller|key/);
    expect(toErrorReply(Object.assign(new Error('nope'), { statusCode: 404 })).body.error.code).toBe('NOT_FOUND');
    expect(toErrorReply(Object.assign(new Error('boom'), { statusCode: 502 })).body.error.code).toBe('INTERNAL');
  });

  it('lists every schema issue with where it was', () => {
    const error = Object.assign(new Error('body/url must be string'), {
      statusCode: 400,
      validationContext: 'body',
      validation: [{ instancePath: '/url', message: 'must be string' }, { instancePath: '', message: "must have required property 'kind'" }],
    });
    expect(toErrorReply(error).body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'body/url must be string',
      details: { issues: [{ where: 'body/url', message: 'must be string' }, { where: 'body', message: "must have required property 'kind'" }] },
    });
  });
});
