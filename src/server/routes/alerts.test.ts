import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listChannels } from '../../alerts/channels.js';
import { dialectCases } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { createApiKey } from '../api-keys.js';
import { createApp } from '../app.js';

const NOW = Date.parse('2026-11-20T20:00:00Z');
const SLACK = 'https://hooks.slack.com/services/T000/B000/very-secret-token';

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`alert settings over the API (${dialect.name})`, () => {
    let db: TestStore;
    let app: FastifyInstance;
    let key: string;
    const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url, ...(payload ? { payload } : {}), headers: { 'x-api-key': key }, remoteAddress: '198.51.100.4' });

    beforeEach(async () => {
      db = await dialect.fresh();
      key = (await createApiKey(db.store, 'seller-a', 'ci', NOW)).key;
      app = await createApp({ store: db.store, defaultSellerId: 'default', now: () => NOW });
    });
    afterEach(async () => {
      await app.close();
      await db.dispose();
    });

    it('changes a channel without showing or needing its secret again, and keeps its kind', async () => {
      const created = await call('POST', '/v1/alerts/channels', { kind: 'webhook', url: 'https://hooks.example.com/in?token=abc123', secret: 'a-long-enough-secret' });
      expect(created.statusCode).toBe(201);
      const id = created.json().channelId as string;

      // A new URL only: the stored secret stays, and neither comes back.
      const moved = await call('PUT', `/v1/alerts/channels/${id}`, { url: 'https://hooks.example.com/v2?token=xyz789' });
      expect(moved.statusCode).toBe(200);
      expect(JSON.stringify(moved.json())).not.toMatch(/xyz789|a-long-enough-secret/);
      expect(moved.json()).toMatchObject({ channelId: id, kind: 'webhook', config: { kind: 'webhook' } });
      const [stored] = await listChannels(db.store, 'seller-a');
      expect(stored?.config).toEqual({ kind: 'webhook', url: 'https://hooks.example.com/v2?token=xyz789', secret: 'a-long-enough-secret' });

      const kind = await call('PUT', `/v1/alerts/channels/${id}`, { kind: 'slack', url: SLACK });
      expect(kind.statusCode).toBe(400);
      expect(kind.json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'kind' } });
      const bad = await call('PUT', `/v1/alerts/channels/${id}`, { url: 'ftp://nowhere' });
      expect(bad.json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'url' } });
      expect((await listChannels(db.store, 'seller-a'))[0]?.config).toEqual(stored?.config);
    });

    it('edits an e-mail channel’s recipients, keeping its SMTP password; lists and deletes with the secret masked', async () => {
      const created = await call('POST', '/v1/alerts/channels', { kind: 'email', smtpUrl: 'smtps://ops:hunter22@mail.example.com', from: 'vtr@example.com', to: ['a@example.com'] });
      const id = created.json().channelId as string;
      const edited = await call('PUT', `/v1/alerts/channels/${id}`, { to: ['b@example.com', 'c@example.com'] });
      expect(edited.json().config).toMatchObject({ to: ['b@example.com', 'c@example.com'], from: 'vtr@example.com' });
      expect(JSON.stringify(edited.json())).not.toContain('hunter22');
      expect((await listChannels(db.store, 'seller-a'))[0]?.config).toMatchObject({ smtpUrl: 'smtps://ops:hunter22@mail.example.com' });
      const slack = (await call('POST', '/v1/alerts/channels', { kind: 'slack', url: SLACK })).json().channelId as string;
      const list = await call('GET', '/v1/alerts/channels');
      expect(list.json().channels.map((c: { channelId: string }) => c.channelId).sort()).toEqual([id, slack].sort());
      expect(JSON.stringify(list.json())).not.toMatch(/very-secret-token|hunter22/);
      expect((await call('DELETE', `/v1/alerts/channels/${slack}`)).statusCode).toBe(204);
      expect((await call('PUT', `/v1/alerts/channels/${slack}`, { url: SLACK })).json().error).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('a key cannot edit another seller’s channel', async () => {
      const other = (await createApiKey(db.store, 'seller-b', 'ci', NOW)).key;
      const id = (await app.inject({ method: 'POST', url: '/v1/alerts/channels', payload: { kind: 'slack', url: SLACK }, headers: { 'x-api-key': other }, remoteAddress: '198.51.100.4' })).json().channelId as string;
      expect((await call('PUT', `/v1/alerts/channels/${id}`, { url: 'https://hooks.slack.com/services/T1/B1/mine' })).statusCode).toBe(404);
      expect((await listChannels(db.store, 'seller-b'))[0]?.config).toEqual({ kind: 'slack', url: SLACK });
    });

    it('tunes and switches off a rule, and refuses an unknown parameter', async () => {
      const rules = (await call('GET', '/v1/alerts/rules')).json().rules as { ruleId: string; enabled: boolean; params: Record<string, number> }[];
      const rule = rules.find((r) => Object.keys(r.params).length > 0)!;
      const [param] = Object.keys(rule.params);
      const changed = await call('PATCH', `/v1/alerts/rules/${rule.ruleId}`, { enabled: false, params: { [param!]: 3 } });
      expect(changed.json()).toMatchObject({ ruleId: rule.ruleId, enabled: false, params: { [param!]: 3 } });
      expect((await call('GET', '/v1/alerts/rules')).json().rules.find((r: { ruleId: string }) => r.ruleId === rule.ruleId)).toMatchObject({ enabled: false });
      expect((await call('PATCH', `/v1/alerts/rules/${rule.ruleId}`, { params: { nonsense: 1 } })).json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'nonsense' } });
    });
  });
}
