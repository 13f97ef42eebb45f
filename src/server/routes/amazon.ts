import type { FastifyInstance } from 'fastify';
import { outcomeOf, releaseHeld, type ConfirmationRequest } from '../../app/amazon-confirm.js';
import { confirmMany, FEED_THRESHOLD, feedOf, followFeed } from '../../app/amazon-feed.js';
import { connectAmazon } from '../../app/amazon-connect.js';
import { AmazonClients, amazonDeps, type AmazonDeps } from '../../app/amazon-context.js';
import { fetchPerformanceReport } from '../../app/amazon-reports.js';
import { amazonStatus } from '../../app/amazon-status.js';
import { syncOrders } from '../../app/amazon-sync.js';
import { VtrguardError } from '../../core/errors.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import {
  CONFIRMATION_STATES, getConfirmations, latestFeeds, listConfirmations, setHoldPolicy, storedFeedByAmazonId, type ConfirmationState,
} from '../../store/amazon.js';
import { object, reconcileSchema, windowSchema } from '../report-schemas.js';
import { errorResponses } from '../schemas.js';
import { AMAZON_CONNECT_BODY, connectInput, routeAmazonDeps, type AmazonConnectBody } from './amazon-deps.js';
import type { RouteOptions } from './index.js';

const OPEN_OBJECT = { type: 'object', additionalProperties: true } as const;

const PROBLEM = {
  type: 'object',
  required: ['code', 'message', 'fix'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, fix: { type: 'string' } },
} as const;

const OUTCOME = {
  type: 'object',
  required: ['confirmationId', 'orderId', 'packageRef', 'state', 'problems', 'holdUntil', 'reason'],
  properties: {
    confirmationId: { type: 'string' },
    orderId: { type: 'string' },
    packageRef: { type: 'string' },
    state: { type: 'string', enum: CONFIRMATION_STATES },
    problems: { type: 'array', items: PROBLEM, description: 'refused: each problem with its fix; partial: each item Amazon refused, with the fix' },
    holdUntil: { type: ['integer', 'null'] },
    reason: { type: ['string', 'null'] },
  },
} as const;

const CONFIRMATION_BODY = {
  type: 'object',
  required: ['orderId', 'carrierCode', 'trackingNumber', 'shipDate'],
  additionalProperties: false,
  properties: {
    orderId: { type: 'string', minLength: 1 },
    packageRef: { type: ['string', 'null'], description: 'Amazon packageReferenceId (1, 2, …); the same one again edits that package' },
    carrierCode: { type: 'string', minLength: 1, description: 'exactly as Amazon lists it' },
    carrierName: { type: ['string', 'null'], description: 'required with carrier code Other' },
    shippingMethod: { type: ['string', 'null'] },
    trackingNumber: { type: 'string' },
    shipDate: { type: 'string', format: 'date-time' },
    items: {
      type: ['array', 'null'],
      items: { type: 'object', required: ['orderItemId', 'quantity'], properties: { orderItemId: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } },
    },
    buyShipping: { type: 'boolean', description: 'a Buy Shipping label: Amazon confirms it itself' },
  },
} as const;

const FEED = {
  type: 'object',
  required: ['feedId', 'marketplace', 'state', 'packages', 'rows', 'processed', 'successful', 'reason', 'createdAt', 'finishedAt'],
  properties: {
    feedId: { type: ['string', 'null'], description: 'Amazon\'s feed id; null when it never got one' },
    marketplace: { type: 'string' },
    state: {
      type: 'string',
      description: 'Amazon\'s processingStatus: IN_QUEUE, IN_PROGRESS (its packages `sending`), DONE, CANCELLED, FATAL; '
        + 'SUBMITTING, NOT_SUBMITTED, ABANDONED (vtrguard stopped before Amazon named it)',
    },
    packages: { type: 'integer' },
    rows: { type: 'integer' },
    processed: { type: ['integer', 'null'] },
    successful: { type: ['integer', 'null'] },
    reason: { type: ['string', 'null'], description: 'why a feed ended without confirming its packages' },
    createdAt: { type: 'integer', description: 'epoch milliseconds' },
    finishedAt: { type: ['integer', 'null'], description: 'when its outcome was applied; null while Amazon works on it' },
  },
} as const;

const FEED_RUN = { type: 'object', required: ['feeds', 'outcomes'], properties: { feeds: { type: 'array', items: FEED }, outcomes: { type: 'array', items: OUTCOME } } } as const;

const nullable = (type: 'string' | 'integer' | 'number') => ({ type: [type, 'null'] }) as const;
const instantMs = { type: ['integer', 'null'], description: 'epoch milliseconds' } as const;

/** What `GET /v1/amazon/status` answers (app/amazon-status.ts AmazonStatus); the dashboard's Amazon panel reads it. */
const AMAZON_STATUS = object({
  sellerId: { type: 'string' },
  connected: { type: 'boolean' },
  region: nullable('string'),
  marketplaces: { type: 'array', items: object({ id: { type: 'string' }, marketplace: nullable('string'), name: { type: 'string' } }) },
  rotation: { ...object({ dueAt: { type: 'integer' }, daysLeft: { type: 'integer' }, warn: { type: 'boolean' } }), type: ['object', 'null'] },
  holdPolicy: { ...object({ untilFirstScan: { type: 'boolean' }, marginMinutes: { type: 'integer' } }), type: ['object', 'null'] },
  sync: object({
    lastSuccessAt: instantMs,
    lagMinutes: { type: ['integer', 'null'], description: 'minutes since the last complete sync' },
    ordersSynced: { type: 'integer' },
    resumable: { type: 'boolean' },
    lastError: nullable('string'),
    lastErrorAt: instantMs,
  }),
  confirmations: object({
    counts: object(Object.fromEntries(CONFIRMATION_STATES.map((s) => [s, { type: 'integer' }])) as Record<ConfirmationState, { type: 'integer' }>),
    held: { type: 'array', items: OUTCOME },
    refused: { type: 'array', items: OUTCOME, description: 'the latest refusals, failures and partly refused feed packages with their reasons' },
  }),
  feeds: { type: 'array', items: FEED, description: 'the latest confirmation feeds, newest first' },
  differences: {
    type: 'array',
    description: 'packages Amazon holds differently from what the seller meant to send',
    items: object({
      orderId: { type: 'string' },
      packageRef: { type: 'string' },
      amazon: object({ carrier: nullable('string'), trackingNumber: nullable('string') }),
      meant: object({ carrierCode: nullable('string'), trackingNumber: nullable('string') }),
      amazonScans: {
        ...object({ firstCarrierScanAt: instantMs, lastStatus: nullable('string'), lastEventAt: instantMs, lastPolledAt: instantMs }),
        type: ['object', 'null'],
        description: 'where Amazon holds another number: what the carriers said of it (polled too); its scans decide the defect',
      },
      becomes: { type: ['string', 'null'], enum: ['no_tracking', 'carrier_not_accepted', 'carrier_mismatch', 'no_carrier_scan', null] },
      message: { type: 'string' },
    }),
  },
  report: {
    ...object({
      reportId: { type: 'string' },
      state: { type: 'string' },
      requestedAt: { type: 'integer' },
      finishedAt: instantMs,
      reconciliation: {
        type: ['array', 'null'],
        description: 'each of Amazon\'s figures beside vtrguard\'s `amazon` view, with the difference',
        items: {
          ...reconcileSchema.properties.rows.items,
          required: [...reconcileSchema.properties.rows.items.required, 'gapPoints', 'beyondTolerance', 'likelyReason'],
          properties: {
            ...reconcileSchema.properties.rows.items.properties,
            window: { ...windowSchema, type: ['object', 'null'] },
            gapPoints: { type: ['number', 'null'], description: '|ours − Amazon\'s| rate in percentage points' },
            beyondTolerance: { type: 'boolean' },
            likelyReason: nullable('string'),
          },
        },
      },
    }),
    type: ['object', 'null'],
  },
});

/** The use case's request as JSON carries it: the ship date as an ISO instant. */
type ConfirmationBody = Omit<ConfirmationRequest, 'shipDate'> & { shipDate: string };

/**
 * The Amazon connection (connect, status, sync, hold policy, report) and the confirmation gateway
 * (`POST /v1/confirmations`). Credentials go in once and never come back out.
 */
export default async function amazonRoutes(app: FastifyInstance, opts: RouteOptions): Promise<void> {
  const clients = new AmazonClients();
  const deps = (): AmazonDeps => routeAmazonDeps(opts, clients);

  app.post<{ Body: AmazonConnectBody }>('/amazon/connection', {
    schema: {
      tags: ['amazon'],
      summary: 'Connect the seller to the SP-API: credentials are tried, then stored encrypted; never returned — vtrguard amazon connect',
      body: AMAZON_CONNECT_BODY,
      response: { 200: OPEN_OBJECT, ...errorResponses('VALIDATION_FAILED', 'AMAZON_AUTH_FAILED', 'CONFIG_INVALID') },
    },
  }, async (request) => connectAmazon(deps(), request.sellerId, connectInput(request.body)));

  app.get('/amazon/status', {
    schema: {
      tags: ['amazon'],
      operationId: 'getAmazonStatus',
      summary: 'Connected marketplaces, last sync and its lag, held and refused confirmations, packages that differ, Amazon\'s latest report — vtrguard amazon status',
      response: { 200: AMAZON_STATUS, ...errorResponses() },
    },
  }, async (request) => amazonStatus(opts.amazon ? deps() : {
    // No Amazon configuration: no seller can be connected, and the dashboard's panel says so rather than fail.
    ...amazonDeps(opts.store, { amazon: { secretKey: null, endpoint: null, tokenUrl: null }, metrics: opts.metricsConfig ?? DEFAULT_METRICS_CONFIG }),
    now: opts.now,
  }, request.sellerId));

  app.post<{ Body: { maxPages?: number } }>('/amazon/sync', {
    schema: {
      tags: ['amazon'],
      summary: 'Read the seller\'s merchant-fulfilled orders since the last run now — vtrguard amazon sync',
      body: { type: 'object', additionalProperties: false, properties: { maxPages: { type: 'integer', minimum: 1 } } },
      response: { 200: OPEN_OBJECT, ...errorResponses('AMAZON_NOT_CONNECTED', 'AMAZON_AUTH_FAILED', 'AMAZON_UNAVAILABLE') },
    },
  }, async (request) => syncOrders(deps(), request.sellerId, request.body?.maxPages ? { maxPages: request.body.maxPages } : {}));

  app.put<{ Body: { untilFirstScan: boolean; marginMinutes?: number } }>('/amazon/hold-policy', {
    schema: {
      tags: ['amazon'],
      summary: 'Hold confirmations until the first carrier scan, never past the latest ship date minus the margin — vtrguard amazon hold',
      body: {
        type: 'object', required: ['untilFirstScan'], additionalProperties: false,
        properties: { untilFirstScan: { type: 'boolean' }, marginMinutes: { type: 'integer', minimum: 0, default: 120 } },
      },
      response: { 200: OPEN_OBJECT, ...errorResponses('AMAZON_NOT_CONNECTED') },
    },
  }, async (request) => {
    const policy = request.body.untilFirstScan ? { untilFirstScan: true, marginMinutes: request.body.marginMinutes ?? 120 } : null;
    if ((await setHoldPolicy(opts.store, request.sellerId, policy, opts.now())) === 0) throw new VtrguardError('AMAZON_NOT_CONNECTED');
    return { holdPolicy: policy };
  });

  app.post<{ Body: { tolerancePoints?: number } }>('/amazon/reports', {
    schema: {
      tags: ['amazon'],
      summary: 'Fetch Amazon\'s seller performance report now and reconcile it (takes minutes while Amazon builds it) — vtrguard amazon report',
      body: { type: 'object', additionalProperties: false, properties: { tolerancePoints: { type: 'number', minimum: 0 } } },
      response: { 200: OPEN_OBJECT, ...errorResponses('AMAZON_NOT_CONNECTED', 'AMAZON_AUTH_FAILED', 'AMAZON_UNAVAILABLE') },
    },
  }, async (request) => fetchPerformanceReport(deps(), request.sellerId, request.body?.tolerancePoints !== undefined ? { tolerancePoints: request.body.tolerancePoints } : {}));

  // Feeds the server follows after answering 202; closing the server stops following (a restart resumes them).
  const closing = new AbortController();
  const following = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    closing.abort();
    await Promise.all(following);
  });

  app.post<{ Body: { confirmations: ConfirmationBody[]; hold?: boolean; feed?: boolean } }>('/confirmations', {
    schema: {
      tags: ['amazon'],
      summary: 'Confirm packages to Amazon through the gateway: a VTR defect is refused with its fix and never sent — vtrguard confirm',
      description: 'One confirmShipment call per package answers 200 with each outcome. By the feed the answer is 202 as soon as Amazon '
        + 'has the feed: its packages are `sending`; follow GET /v1/amazon/feeds/{feedId} (or GET /v1/confirmations?state=sending) '
        + 'until the feed has `finishedAt`, each package then sent, partial or failed. Sending the same confirmation again (a retry) is '
        + 'safe: one the gateway is holding, sending or has sent is answered with its outcome (and its open feed), not sent twice. '
        + 'State `sending` from a single call with a reason: Amazon took the package and the next orders sync records it.',
      body: {
        type: 'object', required: ['confirmations'], additionalProperties: false,
        properties: {
          confirmations: { type: 'array', minItems: 1, maxItems: 1000, items: CONFIRMATION_BODY },
          hold: { type: 'boolean', description: 'false: send now even when the seller\'s policy holds confirmations' },
          feed: {
            type: 'boolean',
            description: `true: one POST_FLAT_FILE_FULFILLMENT_DATA feed per marketplace, answered 202 once Amazon has it; `
              + `false: one confirmShipment call per package; by default the feed from ${FEED_THRESHOLD} packages`,
          },
        },
      },
      response: {
        200: FEED_RUN,
        202: { ...FEED_RUN, description: 'feeds submitted, Amazon processing them: their packages are `sending`' },
        ...errorResponses('VALIDATION_FAILED', 'AMAZON_NOT_CONNECTED'),
      },
    },
  }, async (request, reply) => {
    const requests = request.body.confirmations.map(({ shipDate, ...rest }) => ({ ...rest, shipDate: Date.parse(shipDate) }));
    const amazon = deps();
    const { open, ...run } = await confirmMany(amazon, request.sellerId, requests, {
      wait: false, ...(request.body.hold === false ? { hold: null } : {}), ...(request.body.feed !== undefined ? { feed: request.body.feed } : {}),
    });
    for (const feed of open) {
      const work = followFeed(amazon, request.sellerId, feed, { signal: closing.signal }).then(() => undefined, (error: unknown) => {
        opts.log?.(`amazon feed ${feed.feedId ?? feed.feedKey} for ${request.sellerId}: ${error instanceof Error ? error.message : String(error)} (resumed by the schedule)`);
      });
      following.add(work);
      void work.finally(() => following.delete(work));
    }
    return reply.code(open.length > 0 ? 202 : 200).send(run);
  });

  app.get('/amazon/feeds', {
    schema: {
      tags: ['amazon'],
      summary: 'The latest confirmation feeds, newest first (those without finishedAt Amazon still processes) — vtrguard amazon feeds',
      response: { 200: { type: 'object', required: ['feeds'], properties: { feeds: { type: 'array', items: FEED } } }, ...errorResponses() },
    },
  }, async (request) => ({ feeds: (await latestFeeds(opts.store, request.sellerId, 50)).map(feedOf) }));

  app.get<{ Params: { feedId: string } }>('/amazon/feeds/:feedId', {
    schema: {
      tags: ['amazon'],
      summary: 'One confirmation feed and its packages\' outcomes: follow it after POST /v1/confirmations answered 202',
      params: { type: 'object', required: ['feedId'], properties: { feedId: { type: 'string' } } },
      response: { 200: { type: 'object', required: ['feed', 'outcomes'], properties: { feed: FEED, outcomes: { type: 'array', items: OUTCOME } } }, ...errorResponses('NOT_FOUND') },
    },
  }, async (request) => {
    const feed = await storedFeedByAmazonId(opts.store, request.sellerId, request.params.feedId);
    if (!feed) throw new VtrguardError('NOT_FOUND', `no feed ${request.params.feedId}`);
    const ids = [...new Set(feed.confirmationIds)];
    const rows = new Map((await getConfirmations(opts.store, request.sellerId, ids)).map((r) => [r.confirmationId, r]));
    return { feed: feedOf(feed), outcomes: ids.flatMap((id) => (rows.has(id) ? [outcomeOf(rows.get(id)!)] : [])) };
  });

  app.get<{ Querystring: { state?: ConfirmationState } }>('/confirmations', {
    schema: {
      tags: ['amazon'],
      summary: 'Confirmations in one state (held by default), oldest first',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { state: { type: 'string', enum: CONFIRMATION_STATES, default: 'held' } },
      },
      response: { 200: { type: 'object', properties: { confirmations: { type: 'array', items: OUTCOME } } }, ...errorResponses('VALIDATION_FAILED') },
    },
  }, async (request) => ({
    confirmations: (await listConfirmations(opts.store, request.sellerId, [request.query.state ?? 'held'])).map((row) => outcomeOf(row)),
  }));

  app.post<{ Params: { confirmationId: string } }>('/confirmations/:confirmationId/release', {
    schema: {
      tags: ['amazon'],
      summary: 'Send a held confirmation now — vtrguard amazon release',
      params: { type: 'object', required: ['confirmationId'], properties: { confirmationId: { type: 'string' } } },
      response: { 200: OUTCOME, ...errorResponses('NOT_FOUND', 'BAD_REQUEST') },
    },
  }, async (request) => releaseHeld(deps(), request.sellerId, request.params.confirmationId));
}
