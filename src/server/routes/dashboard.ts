import type { FastifyInstance } from 'fastify';
import { dashboardMarketplaces, readScorecard, readTrend } from '../../app/dashboard.js';
import type { DashboardReader } from '../../app/dashboard.js';
import type { Marketplace } from '../../core/domain.js';
import { isMarketplace } from '../../core/domain.js';
import { VtrguardError } from '../../core/errors.js';
import { isIsoDate, localDay } from '../../core/time.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import type { MetricsConfig } from '../../metrics/config.js';
import { TREND_DEFAULT_DAYS, TREND_MAX_DAYS } from '../../metrics/dashboard.js';
import { sourceSchema } from '../report-schemas.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';

/** The dashboard's API: parse the query, call src/app/dashboard.ts, reply. */

interface MarketplaceQuery {
  marketplace: string;
  asOf?: string;
}

const marketplaceQuerySchema = {
  type: 'object',
  required: ['marketplace'],
  properties: {
    marketplace: { type: 'string', description: 'Marketplace code, e.g. US' },
    asOf: { type: 'string', format: 'date', description: "Local date in the marketplace; default: today there" },
  },
} as const;

const ratePointSchema = {
  type: 'object',
  required: ['date', 'valid', 'total', 'rate'],
  properties: {
    date: { type: 'string' },
    valid: { type: 'integer' },
    total: { type: 'integer' },
    rate: { type: ['number', 'null'] },
  },
} as const;

const windowSchema = {
  type: 'object',
  required: ['from', 'to'],
  properties: { from: { type: 'string' }, to: { type: 'string' } },
} as const;

export interface DashboardOptions extends RouteOptions {
  /** Per-marketplace metric settings; the defaults of definitions.md when the server passes none. */
  metricsConfig?: MetricsConfig;
}

export default async function dashboardRoutes(app: FastifyInstance, opts: DashboardOptions): Promise<void> {
  const config = opts.metricsConfig ?? DEFAULT_METRICS_CONFIG;

  const reader = (sellerId: string): DashboardReader => ({ store: opts.store, sellerId, config, now: opts.now() });
  const resolve = (query: MarketplaceQuery): { marketplace: Marketplace; asOf: string } => {
    const marketplace = query.marketplace.toUpperCase();
    if (!isMarketplace(marketplace)) {
      throw new VtrguardError('BAD_REQUEST', `Unknown marketplace "${query.marketplace}".`, { field: 'marketplace', value: query.marketplace });
    }
    const cfg = config[marketplace];
    const asOf = query.asOf ?? localDay(opts.now(), cfg.zone);
    if (!isIsoDate(asOf)) throw new VtrguardError('BAD_REQUEST', 'asOf must be a date, YYYY-MM-DD.', { field: 'asOf', value: asOf });
    return { marketplace, asOf };
  };

  app.get('/marketplaces', {
    schema: {
      tags: ['dashboard'],
      summary: "The seller's marketplaces, with each one's time zone and today's local date",
      response: {
        200: {
          type: 'object',
          required: ['marketplaces'],
          properties: {
            marketplaces: {
              type: 'array',
              items: {
                type: 'object',
                required: ['code', 'timeZone', 'today'],
                properties: { code: { type: 'string' }, timeZone: { type: 'string' }, today: { type: 'string' } },
              },
            },
          },
        },
        ...errorResponses(),
      },
    },
  }, async (request) => ({ marketplaces: await dashboardMarketplaces(reader(request.sellerId)) }));

  app.get<{ Querystring: MarketplaceQuery & { days?: number } }>('/trend', {
    schema: {
      tags: ['dashboard'],
      summary: 'VTR per day of the last N days (each day: its 30-day window), overall and per category',
      querystring: {
        ...marketplaceQuerySchema,
        properties: {
          ...marketplaceQuerySchema.properties,
          days: { type: 'integer', minimum: 1, maximum: TREND_MAX_DAYS, default: TREND_DEFAULT_DAYS },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['marketplace', 'asOf', 'source', 'days', 'target', 'overall', 'byCategory'],
          properties: {
            marketplace: { type: 'string' },
            asOf: { type: 'string' },
            source: sourceSchema('rollups: the kept figures (as of a past day with what arrived after it taken back); raw: raw rows, where the kept figures lag a write or were counted with another configuration'),
            days: { type: 'integer' },
            target: { type: 'number' },
            overall: { type: 'array', items: ratePointSchema },
            byCategory: {
              type: 'array',
              items: {
                type: 'object',
                required: ['category', 'points'],
                properties: { category: { type: 'string' }, points: { type: 'array', items: ratePointSchema } },
              },
            },
          },
        },
        ...errorResponses('BAD_REQUEST', 'VALIDATION_FAILED'),
      },
    },
  }, async (request) => {
    const { marketplace, asOf } = resolve(request.query);
    return readTrend(reader(request.sellerId), marketplace, asOf, request.query.days ?? TREND_DEFAULT_DAYS);
  });

  app.get<{ Querystring: MarketplaceQuery }>('/scorecard', {
    schema: {
      tags: ['dashboard'],
      summary: 'Per carrier: VTR, median hours from confirmation to first scan, on-time delivery',
      querystring: marketplaceQuerySchema,
      response: {
        200: {
          type: 'object',
          required: ['marketplace', 'asOf', 'source', 'target', 'window', 'otdrWindow', 'carriers'],
          properties: {
            marketplace: { type: 'string' },
            asOf: { type: 'string' },
            source: sourceSchema('Where the VTR and on-time figures and the medians came from, as for the trend'),
            target: { type: 'number', description: 'The VTR target the statuses are judged against' },
            window: windowSchema,
            otdrWindow: windowSchema,
            carriers: {
              type: 'array',
              items: {
                type: 'object',
                required: ['carrier', 'packages', 'vtr', 'medianHoursToFirstScan', 'onTime'],
                properties: {
                  carrier: { type: 'string' },
                  packages: { type: 'integer' },
                  vtr: {
                    type: 'object',
                    required: ['valid', 'total', 'rate', 'status'],
                    properties: {
                      valid: { type: 'integer' },
                      total: { type: 'integer' },
                      rate: { type: ['number', 'null'] },
                      status: { type: 'string', enum: ['good', 'bad', 'at_risk', 'none'] },
                    },
                  },
                  medianHoursToFirstScan: { type: ['number', 'null'] },
                  onTime: {
                    type: 'object',
                    required: ['onTime', 'total', 'rate'],
                    properties: { onTime: { type: 'integer' }, total: { type: 'integer' }, rate: { type: ['number', 'null'] } },
                  },
                },
              },
            },
          },
        },
        ...errorResponses('BAD_REQUEST', 'VALIDATION_FAILED'),
      },
    },
  }, async (request) => {
    const { marketplace, asOf } = resolve(request.query);
    return readScorecard(reader(request.sellerId), marketplace, asOf);
  });
}
