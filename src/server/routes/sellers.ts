import type { FastifyInstance } from 'fastify';
import { sellersOverview } from '../../app/seller-overview.js';
import { AmazonClients } from '../../app/amazon-context.js';
import {
  CREDENTIAL_FIELDS, credentialStates, removeAmazonCredentials, removeCarrierCredentials, setAmazonCredentials, setCarrierCredentials,
  testAmazonConnection, type CredentialState,
} from '../../app/seller-credentials.js';
import { VtrguardError } from '../../core/errors.js';
import type { CarrierCredentials } from '../../ingest/tracking/clients/index.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { SELLER_HEADER } from '../auth.js';
import { errorResponses } from '../schemas.js';
import { AMAZON_CONNECT_BODY, connectInput, routeAmazonDeps, type AmazonConnectBody } from './amazon-deps.js';
import type { RouteOptions } from './index.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const instant = { type: 'string', format: 'date-time' } as const;

const credentialStateSchema = {
  type: 'object',
  required: ['name', 'set', 'updatedAt', 'connection'],
  properties: {
    name: { type: 'string', description: 'a carrier API (ups, fedex, usps, dhl) or amazon' },
    set: { type: 'boolean' },
    updatedAt: { ...instant, nullable: true, description: 'when it was last set or changed' },
    connection: {
      type: 'object',
      nullable: true,
      description: 'Amazon\'s, once connected (null for carriers)',
      required: ['marketplaces', 'rotation', 'lastCheck'],
      properties: {
        marketplaces: { type: 'array', items: { type: 'string' } },
        rotation: {
          type: 'object',
          required: ['dueAt', 'daysLeft', 'warn'],
          description: 'the LWA client secret must be rotated every 180 days',
          properties: { dueAt: instant, daysLeft: { type: 'integer' }, warn: { type: 'boolean', description: 'due within 14 days, or past' } },
        },
        lastCheck: {
          type: 'object',
          nullable: true,
          description: 'the last call made with the credentials: whether Amazon accepted them',
          required: ['ok', 'message', 'checkedAt', 'since'],
          properties: { ok: { type: 'boolean' }, message: { type: 'string', nullable: true }, checkedAt: instant, since: { ...instant, description: 'since when it has been so' } },
        },
      },
    },
  },
} as const;

/** A credential's state as JSON: instants as ISO strings; nothing of the credential itself. */
function credentialJson(state: CredentialState) {
  const connection = state.connection;
  return {
    ...state,
    updatedAt: iso(state.updatedAt),
    connection: connection && {
      marketplaces: connection.marketplaces,
      rotation: { ...connection.rotation, dueAt: iso(connection.rotation.dueAt) },
      lastCheck: connection.lastCheck && { ...connection.lastCheck, checkedAt: iso(connection.lastCheck.checkedAt), since: iso(connection.lastCheck.since) },
    },
  };
}

const statusSchema = { type: 'string', enum: ['good', 'bad', 'at_risk', 'none'] } as const;

/**
 * A 3PL's sellers (`GET /v1/operator/sellers`, operator keys only) and the credentials of the seller a request acts
 * for (carrier accounts stored sealed; never returned: only whether each is set and since when).
 */
export default async function sellerRoutes(app: FastifyInstance, opts: RouteOptions): Promise<void> {
  const config = opts.metricsConfig ?? DEFAULT_METRICS_CONFIG;

  app.get('/session', {
    config: { operator: 'allowed' },
    schema: {
      tags: ['operator'],
      summary: 'Who this key is: the seller it acts for, and the operator of an operator (3PL) key (null for a seller\'s own key)',
      response: {
        200: {
          type: 'object',
          required: ['sellerId', 'operatorId'],
          properties: {
            sellerId: { type: 'string', nullable: true, description: 'null for an operator key whose request names no seller' },
            operatorId: { type: 'string', nullable: true },
          },
        },
        ...errorResponses('FORBIDDEN'),
      },
    },
  }, async (request) => ({ sellerId: request.sellerId === '' ? null : request.sellerId, operatorId: request.operatorId }));

  app.get('/operator/sellers', {
    config: { operator: 'only' },
    schema: {
      tags: ['operator'],
      summary: `Every seller of the operator key: its worst metric, defects in today's windows and held confirmations, worst first. Act for one with the ${SELLER_HEADER} header`,
      response: {
        200: {
          type: 'object',
          required: ['operatorId', 'sellers'],
          properties: {
            operatorId: { type: 'string' },
            sellers: {
              type: 'array',
              items: {
                type: 'object',
                required: ['sellerId', 'marketplaces', 'worst', 'defects', 'heldConfirmations', 'defectsDue'],
                properties: {
                  sellerId: { type: 'string' },
                  marketplaces: { type: 'array', items: { type: 'string' } },
                  worst: {
                    type: 'object',
                    nullable: true,
                    required: ['marketplace', 'metric', 'rate', 'target', 'status'],
                    properties: {
                      marketplace: { type: 'string' },
                      metric: { type: 'string', enum: ['vtr', 'lsr', 'cr', 'otdr', 'sfp_ship', 'sfp_cancel', 'sfp_otdr', 'sfp_vtr'] },
                      rate: { type: 'number' },
                      target: { type: 'number' },
                      status: statusSchema,
                    },
                  },
                  defects: { type: 'integer', description: 'VTR defects, late shipments (30 days), cancels and late deliveries in today\'s windows' },
                  heldConfirmations: { type: 'integer' },
                  defectsDue: {
                    type: 'array',
                    description: 'when the defects Amazon\'s figures do not hold yet enter them (as GET /v1/attention lists them), counted per day, marketplace and metric; soonest first',
                    items: {
                      type: 'object',
                      required: ['entersOn', 'marketplace', 'metric', 'count'],
                      properties: {
                        entersOn: { type: 'string', format: 'date', description: 'the marketplace\'s local day' },
                        marketplace: { type: 'string' },
                        metric: { type: 'string', enum: ['vtr', 'otdr'] },
                        count: { type: 'integer' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        ...errorResponses('FORBIDDEN'),
      },
    },
  }, async (request) => ({
    operatorId: request.operatorId ?? '',
    sellers: await sellersOverview(opts.store, request.operatorId ?? '', { config, now: opts.now() }),
  }));

  app.get('/credentials', {
    schema: {
      tags: ['credentials'],
      summary: 'Whether the seller\'s carrier API credentials and Amazon connection are set, and when each last changed; never the credentials',
      response: {
        200: { type: 'object', required: ['credentials'], properties: { credentials: { type: 'array', items: credentialStateSchema } } },
        ...errorResponses(),
      },
    },
  }, async (request) => ({
    credentials: (await credentialStates(opts.store, request.sellerId, opts.now())).map(credentialJson),
  }));

  app.put<{ Params: { carrier: string }; Body: CarrierCredentials }>('/credentials/carriers/:carrier', {
    schema: {
      tags: ['credentials'],
      summary: 'Set the seller\'s own API account of a carrier (stored encrypted with VTRGUARD_SECRET_KEY, never returned); it wins over the environment\'s',
      params: { type: 'object', required: ['carrier'], properties: { carrier: { type: 'string' } } },
      body: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(CREDENTIAL_FIELDS.map((field) => [field, { type: 'string', maxLength: 2000 }])),
      },
      response: { 200: credentialStateSchema, ...errorResponses('VALIDATION_FAILED', 'BAD_REQUEST', 'NOT_FOUND', 'CONFIG_INVALID') },
    },
  }, async (request) => {
    return credentialJson(await setCarrierCredentials(opts.store, opts.amazon?.secretKey ?? null, request.sellerId, request.params.carrier, request.body, opts.now()));
  });

  app.delete<{ Params: { carrier: string } }>('/credentials/carriers/:carrier', {
    schema: {
      tags: ['credentials'],
      summary: 'Forget the seller\'s stored account of a carrier (the environment\'s applies again, if any)',
      params: { type: 'object', required: ['carrier'], properties: { carrier: { type: 'string' } } },
      response: { 204: { type: 'null' }, ...errorResponses('NOT_FOUND') },
    },
  }, async (request, reply) => {
    if (!(await removeCarrierCredentials(opts.store, request.sellerId, request.params.carrier))) {
      throw new VtrguardError('NOT_FOUND', `No stored ${request.params.carrier} credentials for this seller.`, { field: 'carrier', value: request.params.carrier });
    }
    return reply.status(204).send();
  });

  const amazonClients = new AmazonClients();

  app.put<{ Body: AmazonConnectBody }>('/credentials/amazon', {
    schema: {
      tags: ['credentials'],
      summary: 'Enter or replace the seller\'s SP-API app credentials: tried against Amazon first, then stored encrypted; never returned — vtrguard amazon connect',
      body: AMAZON_CONNECT_BODY,
      response: { 200: credentialStateSchema, ...errorResponses('VALIDATION_FAILED', 'BAD_REQUEST', 'AMAZON_AUTH_FAILED', 'AMAZON_UNAVAILABLE', 'CONFIG_INVALID') },
    },
  }, async (request) => credentialJson(await setAmazonCredentials(routeAmazonDeps(opts, amazonClients), request.sellerId, connectInput(request.body))));

  app.delete('/credentials/amazon', {
    schema: {
      tags: ['credentials'],
      summary: 'Forget the seller\'s Amazon credentials (what was synced stays; connecting again resumes)',
      response: { 204: { type: 'null' }, ...errorResponses('AMAZON_NOT_CONNECTED') },
    },
  }, async (request, reply) => {
    if (!(await removeAmazonCredentials(opts.store, request.sellerId))) throw new VtrguardError('AMAZON_NOT_CONNECTED', `seller ${request.sellerId} has no Amazon connection`);
    return reply.status(204).send();
  });

  app.post('/credentials/amazon/test', {
    schema: {
      tags: ['credentials'],
      summary: 'Try the seller\'s stored Amazon credentials now (an LWA token and the marketplace list) and say whether Amazon accepts them',
      response: {
        200: {
          type: 'object',
          required: ['ok', 'message', 'credential'],
          properties: { ok: { type: 'boolean' }, message: { type: 'string', nullable: true, description: 'why Amazon refused or did not answer' }, credential: credentialStateSchema },
        },
        ...errorResponses('AMAZON_NOT_CONNECTED', 'CONFIG_INVALID'),
      },
    },
  }, async (request) => {
    const test = await testAmazonConnection(routeAmazonDeps(opts, amazonClients), request.sellerId);
    return { ...test, credential: credentialJson(test.credential) };
  });
}
