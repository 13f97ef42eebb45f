import type { FastifyInstance } from 'fastify';
import { formatInstant } from '../../core/time.js';
import { DEFAULT_WATCH, listWatch } from '../../ingest/tracking/watch.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';

/** Thresholds come from `RouteOptions.watch` (24 hours for every carrier when absent). */
export type WatchRouteOptions = RouteOptions;

const itemSchema = {
  type: 'object',
  required: ['orderId', 'packageRef', 'trackingNumber', 'confirmedAt', 'hoursWaiting', 'thresholdHours', 'nextStep'],
  properties: {
    orderId: { type: 'string' },
    packageRef: { type: 'string' },
    carrierKey: { type: ['string', 'null'] },
    carrierCode: { type: ['string', 'null'] },
    trackingNumber: { type: 'string' },
    confirmedAt: { type: 'string', format: 'date-time' },
    hoursWaiting: { type: 'number' },
    thresholdHours: { type: 'number' },
    lastStatus: { type: ['string', 'null'] },
    nextStep: { type: 'object', required: ['code', 'text'], properties: { code: { type: 'string', enum: ['check_handover', 'contact_carrier', 'replace_tracking'] }, text: { type: 'string' } } },
  },
} as const;

/** `GET /v1/watch`: packages confirmed long enough ago with no carrier scan, oldest first, with what to do next. */
export default async function watchRoutes(app: FastifyInstance, opts: WatchRouteOptions): Promise<void> {
  app.get<{ Querystring: { hours?: number; limit?: number } }>('/watch', {
    schema: {
      tags: ['tracking'],
      summary: 'Packages still waiting for their first carrier scan',
      description: '`hours` overrides the threshold for every carrier (default 24, configurable per carrier).',
      querystring: {
        type: 'object',
        properties: { hours: { type: 'number', exclusiveMinimum: 0 }, limit: { type: 'integer', minimum: 1, maximum: 5000, default: 500 } },
      },
      response: {
        200: { type: 'object', required: ['asOf', 'items'], properties: { asOf: { type: 'string', format: 'date-time' }, items: { type: 'array', items: itemSchema } } },
        ...errorResponses('UNAUTHORIZED', 'VALIDATION_FAILED'),
      },
    },
  }, async (request) => {
    const now = opts.now();
    const base = opts.watch ?? DEFAULT_WATCH;
    const settings = request.query.hours !== undefined ? { defaultHours: request.query.hours, hoursByCarrier: {} } : base;
    const items = await listWatch(opts.store, request.sellerId, now, settings, request.query.limit ?? 500);
    return {
      asOf: formatInstant(now),
      items: items.map(({ packageId: _id, confirmedAt, ...rest }) => ({ ...rest, confirmedAt: formatInstant(confirmedAt) })),
    };
  });
}
