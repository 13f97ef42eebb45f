import { describe, expect, it } from 'vitest';
import { maskUrl, REDACTED, redactUrl, SecretRedactor } from './redact.js';

const SECRET = 'p@ss w"rd+/=ü\\x';

describe('SecretRedactor (issue 18, item 8)', () => {
  it('removes a secret in every spelling a request carries it: as is, Basic, form, URL, JSON', () => {
    const r = new SecretRedactor().add(SECRET).addBasic('client-id-1', SECRET);
    const leaks = [
      `secret ${SECRET} here`,
      `authorization: Basic ${Buffer.from(`client-id-1:${SECRET}`).toString('base64')}`,
      `grant_type=client_credentials&client_secret=${new URLSearchParams({ s: SECRET }).toString().slice(2)}`,
      `?client_secret=${encodeURIComponent(SECRET)}`,
      JSON.stringify({ client_secret: SECRET }),
      JSON.stringify({ echo: JSON.stringify({ client_secret: SECRET }) }),
      Buffer.from(SECRET).toString('base64'),
    ];
    for (const text of leaks) {
      const out = r.redact(text);
      expect(out, text).toContain(REDACTED);
      expect(out, text).not.toContain(SECRET);
    }
    expect(r.redact('nothing to see')).toBe('nothing to see');
    expect(new SecretRedactor().add('abc', undefined, null).redact('abc')).toBe('abc');
  });

  it('redacts inside a JSON value and keeps its shape', () => {
    const r = new SecretRedactor().add('hunter2-secret');
    expect(r.redactValue({ error: { message: 'refused hunter2-secret', details: { n: 1 } } })).toEqual({ error: { message: `refused ${REDACTED}`, details: { n: 1 } } });
  });
});

describe('URLs', () => {
  it('hides database passwords wherever a URL keeps them', () => {
    for (const url of ['postgres://app:pw-1234@db:5432/vtr', 'postgresql://:pw-1234@db/vtr', 'postgres://db/vtr?password=pw-1234', 'postgres://db/vtr?sslmode=require&sslpassword=pw-1234']) {
      expect(redactUrl(url), url).not.toContain('pw-1234');
      expect(redactUrl(url), url).toContain(REDACTED);
    }
    expect(redactUrl('postgres://app@db:5432/vtr?sslmode=require')).toBe('postgres://app@db:5432/vtr?sslmode=require');
    expect(redactUrl('./vtrguard.db')).toBe('./vtrguard.db');
  });

  it('shows only scheme and host of a URL that is a credential', () => {
    expect(maskUrl('https://hooks.slack.com/services/T000/B000/XXXXSECRET')).toBe(`https://hooks.slack.com/${REDACTED}`);
    expect(maskUrl('https://hooks.example.com/in?token=abc')).toBe(`https://hooks.example.com/${REDACTED}`);
    expect(maskUrl('https://hooks.example.com')).toBe('https://hooks.example.com/');
  });
});
