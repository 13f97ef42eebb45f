import type { FastifyInstance } from 'fastify';
import { VtrguardError } from '../../core/errors.js';
import { PULL_CARRIERS } from '../../ingest/tracking/clients/index.js';
import type { PullCarrier } from '../../ingest/tracking/clients/index.js';
import { keptFigures } from '../../app/kept-figures.js';
import { pollOnce } from '../../ingest/tracking/poller.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';

interface TrackBody {
  carriers?: PullCarrier[];
  max?: number;
}

/** POST /v1/track: what `vtrguard track` does, for the calling seller's packages only. */
export default async function trackRoutes(app: FastifyInstance, opts: RouteOptions): Promise<void> {
  app.post<{ Body: TrackBody }>('/track', {
    schema: {
      tags: ['tracking'],
      summary: 'Poll the carrier APIs once for this seller\'s packages that still need a scan or a delivery',
      body: {
        type: 'object',
        additionalProperties: false,
        properties: {
          carriers: { type: 'array', items: { type: 'string', enum: [...PULL_CARRIERS] }, uniqueItems: true },
          max: { type: 'integer', minimum: 1, maximum: 100_000, description: 'stop after this many packages' },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['polled', 'events', 'inserted', 'notFound', 'failed', 'skipped'],
          properties: {
            polled: { type: 'integer' },
            events: { type: 'integer' },
            inserted: { type: 'integer' },
            notFound: { type: 'integer' },
            failed: { type: 'integer' },
            skipped: { type: 'array', items: { type: 'string' }, description: 'carriers without (accepted) credentials' },
          },
        },
        ...errorResponses('VALIDATION_FAILED', 'NOT_FOUND'),
      },
    },
  }, async (request) => {
    if (!opts.trackingClients) throw new VtrguardError('NOT_FOUND', 'this server has no carrier API credentials configured');
    const body = request.body ?? {};
    await opts.beforeTrack?.();
    return pollOnce({
      store: opts.store,
      figures: keptFigures(opts.metricsConfig ?? DEFAULT_METRICS_CONFIG),
      clients: opts.trackingClients,
      now: opts.now,
      sellerId: request.sellerId,
      // A refusal is logged whoever polled: the worker's next pass leaves these rows alone for an hour.
      ...(opts.log ? { log: opts.log } : {}),
      ...(body.carriers ? { carriers: body.carriers } : {}),
      ...(body.max ? { maxPolls: body.max } : {}),
    });
  });
}
