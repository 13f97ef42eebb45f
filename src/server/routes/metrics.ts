import type { FastifyInstance } from 'fastify';
import { VtrguardError } from '../../core/errors.js';
import { localDay } from '../../core/time.js';
import { parsePerformanceReport } from '../../ingest/amazon-performance-report.js';
import { readForecasts, readMetrics } from '../../app/metrics.js';
import { DEFAULT_METRICS_CONFIG, METRICS_VIEWS, configForView } from '../../metrics/config.js';
import type { MetricsConfig } from '../../metrics/config.js';
import { listDefects } from '../../app/defect-list.js';
import { DEFECT_METRICS } from '../../metrics/defects.js';
import { defectsCsv } from '../../metrics/format.js';
import { parseAsOfOption, parseDefectMetric, parseMarketplaceOption, parseViewOption } from '../../metrics/options.js';
import { reconcile } from '../../app/reconcile.js';
import { defectPageSchema, forecastReportSchema, metricsReportSchema, oneOrMany, reconcileSchema } from '../report-schemas.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';

/** The metrics API: the same services as `vtrguard metrics|defects|forecast|reconcile`. */
export interface MetricsRouteOptions extends RouteOptions {
  /** Targets, zones, attribution, lag and exemptions per marketplace (default: definitions.md). */
  metricsConfig?: MetricsConfig;
}

interface CommonQuery {
  marketplace?: string;
  asOf?: string;
  view?: string;
}

const commonQuery = {
  marketplace: { type: 'string', description: 'marketplace code, e.g. US (default: every marketplace)' },
  asOf: { type: 'string', description: 'local day YYYY-MM-DD (default: today in the marketplace zone)' },
  view: {
    type: 'string', enum: METRICS_VIEWS, default: 'live',
    description: "live: windows end on as-of (what Amazon will show); amazon: VTR lagged as Seller Central shows it today (default 14 days)",
  },
} as const;

export const DEFECT_PAGE_MAX = 1000;

export default async function metricsRoutes(app: FastifyInstance, opts: MetricsRouteOptions): Promise<void> {
  const config = opts.metricsConfig ?? DEFAULT_METRICS_CONFIG;

  app.get<{ Querystring: CommonQuery & { recompute?: boolean } }>('/metrics', {
    schema: {
      tags: ['metrics'],
      summary: 'VTR (overall, per category, per carrier), LSR, CR and OTDR; one object with ?marketplace, else an array',
      querystring: { type: 'object', properties: { ...commonQuery, recompute: { type: 'boolean' } } },
      response: { 200: oneOrMany(metricsReportSchema), ...errorResponses('BAD_REQUEST') },
    },
  }, async (request) => {
    const marketplace = parseMarketplaceOption(request.query.marketplace);
    const asOf = parseAsOfOption(request.query.asOf);
    const view = parseViewOption(request.query.view);
    const reports = await readMetrics(opts.store, request.sellerId, marketplace, {
      config, now: opts.now(), asOf, recompute: request.query.recompute === true, view,
    });
    return marketplace ? (reports[0] ?? null) : reports;
  });

  app.get<{ Querystring: CommonQuery & { metric?: string; carrier?: string; category?: string; format?: string; offset?: number; limit?: number } }>('/defects', {
    schema: {
      tags: ['metrics'],
      summary: 'Defect packages (VTR, OTDR, SFP VTR and OTDR) or orders (LSR, CR, SFP on-time shipment and cancels) with their reasons; paged JSON, or the whole list with ?format=csv',
      querystring: {
        type: 'object',
        required: ['metric'],
        properties: {
          ...commonQuery,
          metric: { type: 'string', enum: [...DEFECT_METRICS], description: 'sfp_vtr, sfp_otdr: the VTR and OTDR defects of Prime packages; sfp_ship: Prime orders not scanned by their ship-by date; sfp_cancel: Prime orders the seller cancelled' },
          carrier: { type: 'string' },
          category: { type: 'string' },
          format: { type: 'string', enum: ['json', 'csv'] },
          offset: { type: 'integer', minimum: 0, default: 0 },
          limit: { type: 'integer', minimum: 1, maximum: DEFECT_PAGE_MAX, default: 100 },
        },
      },
      response: {
        200: {
          description: 'A page of defects as JSON; with ?format=csv every defect of the filter as text/csv (the same columns)',
          content: { 'application/json': { schema: defectPageSchema }, 'text/csv': { schema: { type: 'string' } } },
        },
        ...errorResponses('BAD_REQUEST', 'VALIDATION_FAILED'),
      },
    },
  }, async (request, reply) => {
    const q = request.query;
    const metric = parseDefectMetric(q.metric);
    const marketplace = parseMarketplaceOption(q.marketplace ?? 'US')!;
    const viewed = configForView(config, parseViewOption(q.view));
    const cfg = viewed[marketplace];
    const asOf = parseAsOfOption(q.asOf) ?? localDay(opts.now(), cfg.zone);
    const defectQuery = {
      metric, asOf, ...(q.carrier ? { carrier: q.carrier } : {}), ...(q.category ? { category: q.category } : {}),
    };
    if (q.format === 'csv') {
      const { rows } = await listDefects(opts.store, request.sellerId, marketplace, defectQuery, { config: viewed, now: opts.now() });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="defects-${metric}-${marketplace}-${asOf}.csv"`)
        .send(defectsCsv(rows));
    }
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 100;
    const page = await listDefects(opts.store, request.sellerId, marketplace, defectQuery, { config: viewed, now: opts.now(), offset, limit });
    return { marketplace, metric, asOf, total: page.total, source: page.source, offset, limit, items: page.rows };
  });

  app.get<{ Querystring: CommonQuery & { category?: string } }>('/forecast', {
    schema: {
      tags: ['metrics'],
      summary: 'VTR per category on each of the next 14 days, when defects leave the window, packages needed to recover',
      querystring: { type: 'object', properties: { ...commonQuery, category: { type: 'string' } } },
      response: { 200: oneOrMany(forecastReportSchema), ...errorResponses('BAD_REQUEST') },
    },
  }, async (request) => {
    const marketplace = parseMarketplaceOption(request.query.marketplace);
    const asOf = parseAsOfOption(request.query.asOf);
    const view = parseViewOption(request.query.view);
    const forecasts = await readForecasts(opts.store, request.sellerId, marketplace, request.query.category, { config, now: opts.now(), asOf, view });
    return marketplace ? (forecasts[0] ?? null) : forecasts;
  });

  app.post('/reconcile', {
    schema: {
      tags: ['metrics'],
      summary: "Amazon's GET_V2_SELLER_PERFORMANCE_REPORT JSON in the body; its figures beside ours with the difference",
      response: { 200: reconcileSchema, ...errorResponses('BAD_REQUEST', 'IMPORT_UNKNOWN_FORMAT') },
    },
  }, async (request) => {
    if (request.body === undefined) throw new VtrguardError('BAD_REQUEST', 'the body must be the report JSON');
    const report = parsePerformanceReport(request.body);
    const rows = await reconcile(opts.store, request.sellerId, report, config, opts.now());
    return { rows, warnings: report.warnings, accountStatuses: report.accountStatuses };
  });
}
