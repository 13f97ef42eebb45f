import type { FastifyInstance } from 'fastify';
import { VtrguardError } from '../../core/errors.js';
import { addChannel, CHANNEL_KINDS, listChannels, parseChannelConfig, redactChannel, removeChannel, updateChannel } from '../../alerts/channels.js';
import { evaluateAlerts } from '../../alerts/evaluate.js';
import type { EvaluateOptions } from '../../alerts/evaluate.js';
import { ruleSettings, updateRuleSetting } from '../../alerts/rule-settings.js';
import { REFUSE_INTERNAL } from '../../alerts/targets.js';
import { absoluteLink, listAlerts } from '../../alerts/state.js';
import { ALERT_LEVELS } from '../../alerts/types.js';
import type { AlertRecord } from '../../alerts/types.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';

const alertSchema = {
  type: 'object',
  required: ['key', 'ruleId', 'level', 'title', 'message', 'url', 'changedAt'],
  properties: {
    key: { type: 'string' },
    ruleId: { type: 'string' },
    level: { type: 'string', enum: [...ALERT_LEVELS] },
    title: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
    url: { type: 'string', description: 'The dashboard view that shows the subject.' },
    changeNo: { type: 'integer' },
    changedAt: { type: 'string', format: 'date-time' },
    evaluatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const ruleSchema = {
  type: 'object',
  required: ['ruleId', 'enabled', 'params'],
  properties: {
    ruleId: { type: 'string' },
    description: { type: 'string' },
    enabled: { type: 'boolean' },
    params: { type: 'object', additionalProperties: { type: 'number' } },
  },
} as const;

const channelSchema = {
  type: 'object',
  required: ['channelId', 'kind'],
  properties: {
    channelId: { type: 'string' },
    kind: { type: 'string', enum: [...CHANNEL_KINDS] },
    config: { type: 'object', additionalProperties: true, description: 'Secrets and SMTP passwords are masked.' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const channelBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...CHANNEL_KINDS] },
    url: { type: 'string' },
    secret: { type: 'string', minLength: 16 },
    smtpUrl: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'array', items: { type: 'string' }, minItems: 1 },
  },
} as const;

const iso = (ms: number): string => new Date(ms).toISOString();

/** How routes evaluate alerts: with the server's dashboard URL, metric settings and first-scan thresholds. */
export function evaluateOptionsFor(opts: RouteOptions): EvaluateOptions {
  return {
    dashboardUrl: opts.dashboardUrl,
    ...(opts.metricsConfig ? { metricsConfig: opts.metricsConfig } : {}),
    ...(opts.watch ? { watchHoursByCarrier: opts.watch.hoursByCarrier } : {}),
    delivery: { targets: opts.alertTargets ?? REFUSE_INTERNAL },
  };
}

/** Alerts of the authenticated seller: list, evaluate now, rules and notification channels. */
export default async function alertRoutes(app: FastifyInstance, opts: RouteOptions): Promise<void> {
  const present = (record: AlertRecord) => ({
    ...record,
    url: absoluteLink(opts.dashboardUrl, record.link),
    changedAt: iso(record.changedAt),
    evaluatedAt: iso(record.evaluatedAt),
  });

  app.get<{ Querystring: { all?: boolean } }>('/alerts', {
    schema: {
      tags: ['alerts'],
      summary: 'Current alerts, worst first',
      querystring: { type: 'object', properties: { all: { type: 'boolean', default: false, description: 'Include resolved (ok) subjects.' } }, additionalProperties: false },
      response: { 200: { type: 'object', required: ['alerts'], properties: { alerts: { type: 'array', items: alertSchema } } }, ...errorResponses('VALIDATION_FAILED') },
    },
  }, async (request) => {
    const alerts = await listAlerts(opts.store, request.sellerId, { includeOk: request.query.all ?? false });
    return { alerts: alerts.map(present) };
  });

  app.post('/alerts/evaluate', {
    schema: {
      tags: ['alerts'],
      summary: 'Evaluate the rules now and send what changed',
      response: {
        200: {
          type: 'object',
          required: ['changes', 'sent', 'failed'],
          properties: { changes: { type: 'array', items: alertSchema }, sent: { type: 'integer' }, failed: { type: 'integer' } },
        },
        ...errorResponses(),
      },
    },
  }, async (request) => {
    const result = await evaluateAlerts(opts.store, request.sellerId, opts.now(), evaluateOptionsFor(opts));
    return { changes: result.changes, sent: result.delivery.sent, failed: result.delivery.failed };
  });

  app.get('/alerts/rules', {
    schema: {
      tags: ['alerts'],
      summary: 'Alert rules and their parameters for this seller',
      response: { 200: { type: 'object', required: ['rules'], properties: { rules: { type: 'array', items: ruleSchema } } }, ...errorResponses() },
    },
  }, async (request) => ({ rules: await ruleSettings(opts.store, request.sellerId) }));

  app.patch<{ Params: { ruleId: string }; Body: { enabled?: boolean; params?: Record<string, number> } }>('/alerts/rules/:ruleId', {
    schema: {
      tags: ['alerts'],
      summary: 'Enable, disable or tune a rule',
      params: { type: 'object', required: ['ruleId'], properties: { ruleId: { type: 'string' } } },
      body: {
        type: 'object',
        additionalProperties: false,
        properties: { enabled: { type: 'boolean' }, params: { type: 'object', additionalProperties: { type: 'number' } } },
      },
      response: { 200: ruleSchema, ...errorResponses('VALIDATION_FAILED', 'NOT_FOUND') },
    },
  }, async (request) => updateRuleSetting(opts.store, request.sellerId, request.params.ruleId, request.body, opts.now()));

  app.get('/alerts/channels', {
    schema: {
      tags: ['alerts'],
      summary: 'Where alerts are sent',
      response: { 200: { type: 'object', required: ['channels'], properties: { channels: { type: 'array', items: channelSchema } } }, ...errorResponses() },
    },
  }, async (request) => {
    const channels = await listChannels(opts.store, request.sellerId);
    return { channels: channels.map(redactChannel).map((c) => ({ channelId: c.channelId, kind: c.config.kind, config: c.config, createdAt: iso(c.createdAt) })) };
  });

  app.post<{ Body: Record<string, unknown> }>('/alerts/channels', {
    schema: {
      tags: ['alerts'],
      summary: 'Add a webhook, Slack or e-mail channel',
      description: 'webhook: {kind, url, secret} — bodies are signed with HMAC-SHA256 in `x-vtrguard-signature: sha256=<hex>`. '
        + 'slack: {kind, url}. email: {kind, smtpUrl, from, to: [addresses]}.',
      body: { ...channelBody, required: ['kind'] },
      response: { 201: channelSchema, ...errorResponses('VALIDATION_FAILED', 'BAD_REQUEST', 'ALERT_TARGET_INTERNAL') },
    },
  }, async (request, reply) => {
    const channel = redactChannel(await addChannel(opts.store, request.sellerId, parseChannelConfig(request.body, opts.alertTargets ?? REFUSE_INTERNAL), opts.now()));
    return reply.status(201).send({ channelId: channel.channelId, kind: channel.config.kind, config: channel.config, createdAt: iso(channel.createdAt) });
  });

  app.put<{ Params: { channelId: string }; Body: Record<string, unknown> }>('/alerts/channels/:channelId', {
    schema: {
      tags: ['alerts'],
      summary: 'Change a channel; a secret field left out (url, secret, smtpUrl) keeps the stored one, which is never shown',
      params: { type: 'object', required: ['channelId'], properties: { channelId: { type: 'string' } } },
      body: channelBody,
      response: { 200: channelSchema, ...errorResponses('VALIDATION_FAILED', 'BAD_REQUEST', 'NOT_FOUND', 'ALERT_TARGET_INTERNAL') },
    },
  }, async (request) => {
    const changed = await updateChannel(opts.store, request.sellerId, request.params.channelId, request.body, opts.alertTargets ?? REFUSE_INTERNAL);
    if (!changed) throw new VtrguardError('NOT_FOUND', `No channel ${request.params.channelId}.`, { field: 'channelId', value: request.params.channelId });
    const channel = redactChannel(changed);
    return { channelId: channel.channelId, kind: channel.config.kind, config: channel.config, createdAt: iso(channel.createdAt) };
  });

  app.delete<{ Params: { channelId: string } }>('/alerts/channels/:channelId', {
    schema: {
      tags: ['alerts'],
      summary: 'Remove a channel',
      params: { type: 'object', required: ['channelId'], properties: { channelId: { type: 'string' } } },
      response: { 204: { type: 'null' }, ...errorResponses('NOT_FOUND') },
    },
  }, async (request, reply) => {
    if (!(await removeChannel(opts.store, request.sellerId, request.params.channelId))) {
      throw new VtrguardError('NOT_FOUND', `No channel ${request.params.channelId}.`, { field: 'channelId', value: request.params.channelId });
    }
    return reply.status(204).send();
  });
}
