import type { FastifyInstance } from 'fastify';
import { isMarketplace } from '../../core/domain.js';
import { VtrguardError } from '../../core/errors.js';
import { endOfLocalDay, formatInstant, isIsoDate } from '../../core/time.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { DEFAULT_WATCH, listWatch } from '../../ingest/tracking/watch.js';
import type { WatchFilter } from '../../ingest/tracking/watch.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';

/** Thresholds come from `RouteOptions.watch` (24 hours for every carrier when absent). */
export type WatchRouteOptions = RouteOptions;

export const watchItemSchema = {
  type: 'object',
  required: ['orderId', 'marketplace', 'packageRef', 'trackingNumber', 'confirmedAt', 'hoursWaiting', 'thresholdHours', 'promisedDay', 'nextStep'],
  properties: {
    orderId: { type: 'string' },
    marketplace: { type: 'string' },
    packageRef: { type: 'string' },
    carrierKey: { type: ['string', 'null'] },
    carrierCode: { type: ['string', 'null'] },
    trackingNumber: { type: 'string' },
    confirmedAt: { type: 'string', format: 'date-time' },
    hoursWaiting: { type: 'number' },
    thresholdHours: { type: 'number' },
    lastStatus: { type: ['string', 'null'] },
    promisedDay: { type: ['string', 'null'], description: 'Local day the buyer was promised delivery by' },
    nextStep: { type: 'object', required: ['code', 'text'], properties: { code: { type: 'string', enum: ['check_handover', 'contact_carrier', 'replace_tracking', 'reship'] }, text: { type: 'string' } } },
  },
} as const;

/** `GET /v1/watch`: packages confirmed long enough ago with no carrier scan, oldest first, with what to do next. */
export default async function watchRoutes(app: FastifyInstance, opts: WatchRouteOptions): Promise<void> {
  const zones = opts.metricsConfig ?? DEFAULT_METRICS_CONFIG;
  app.get<{ Querystring: { hours?: number; limit?: number; marketplace?: string; asOf?: string } }>('/watch', {
    schema: {
      tags: ['tracking'],
      summary: 'Packages still waiting for their first carrier scan',
      description: '`hours` overrides the threshold for every carrier (default 24, configurable per carrier). `marketplace` narrows the list to one '
        + 'marketplace; with it, `asOf` (a past local day there) lists the packages that were waiting at the end of that day.',
      querystring: {
        type: 'object',
        properties: {
          hours: { type: 'number', minimum: 0.1 },
          limit: { type: 'integer', minimum: 1, maximum: 5000, default: 500 },
          marketplace: { type: 'string', description: 'Marketplace code, e.g. US' },
          asOf: { type: 'string', format: 'date', description: 'Local date in the marketplace; default: now' },
        },
      },
      response: {
        200: { type: 'object', required: ['asOf', 'items'], properties: { asOf: { type: 'string', format: 'date-time' }, items: { type: 'array', items: watchItemSchema } } },
        ...errorResponses('UNAUTHORIZED', 'BAD_REQUEST', 'VALIDATION_FAILED'),
      },
    },
  }, async (request) => {
    let now = opts.now();
    const base = opts.watch ?? DEFAULT_WATCH;
    const settings = request.query.hours !== undefined ? { defaultHours: request.query.hours, hoursByCarrier: {} } : base;
    const filter: WatchFilter = {};
    const { marketplace, asOf } = request.query;
    if (marketplace !== undefined) {
      const code = marketplace.toUpperCase();
      if (!isMarketplace(code)) throw new VtrguardError('BAD_REQUEST', `Unknown marketplace "${marketplace}".`, { field: 'marketplace', value: marketplace });
      filter.marketplace = code;
      if (asOf !== undefined) {
        if (!isIsoDate(asOf)) throw new VtrguardError('BAD_REQUEST', 'asOf must be a date, YYYY-MM-DD.', { field: 'asOf', value: asOf });
        const end = endOfLocalDay(asOf, zones[code].zone);
        if (end < now) {
          now = end;
          filter.past = true;
        }
      }
    } else if (asOf !== undefined) {
      throw new VtrguardError('BAD_REQUEST', 'asOf needs a marketplace: a day begins and ends in its time zone.', { field: 'asOf', value: asOf });
    }
    const items = await listWatch(opts.store, request.sellerId, now, settings, request.query.limit ?? 500, filter);
    return {
      asOf: formatInstant(now),
      items: items.map(({ packageId: _id, confirmedAt, ...rest }) => ({ ...rest, confirmedAt: formatInstant(confirmedAt) })),
    };
  });
}
