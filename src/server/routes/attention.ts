import type { FastifyInstance } from 'fastify';
import { ATTENTION_LIST_LIMIT, SHIP_BY_HORIZON_HOURS, readAttention } from '../../app/attention.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { DEFECT_METRICS } from '../../metrics/defects.js';
import { defectRowSchema, metricsReportSchema } from '../report-schemas.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';
import { watchItemSchema } from './watch.js';

/** `GET /v1/attention`: what needs attention now in every marketplace (src/app/attention.ts). */

const status = { type: 'string', enum: ['good', 'bad', 'at_risk', 'none'] } as const;
const figure = { type: 'object', required: ['rate', 'status'], properties: { rate: { type: ['number', 'null'] }, status } } as const;
const day = { type: 'string', description: 'local day YYYY-MM-DD' } as const;

const metricSchema = {
  type: 'object',
  required: ['marketplace', 'key', 'metric', 'category', 'defects', 'target', 'direction', 'live', 'amazon', 'defectCount', 'total', 'neededToRecover'],
  properties: {
    marketplace: { type: 'string' },
    key: { type: 'string', description: 'Unique within the marketplace: vtr-<category>, vtr7, lsr10, lsr30, cr, otdr, sfp_ship, sfp_cancel, sfp_otdr, sfp_vtr' },
    metric: { type: 'string', enum: ['vtr_category', 'vtr7', 'lsr10', 'lsr30', 'cr', 'otdr', 'sfp_ship', 'sfp_cancel', 'sfp_otdr', 'sfp_vtr'] },
    category: { type: ['string', 'null'] },
    defects: {
      type: ['string', 'null'], enum: [...DEFECT_METRICS, null],
      description: 'The ?metric= of GET /v1/defects behind the figure; null where there is none',
    },
    target: { type: 'number' },
    direction: { type: 'string', enum: ['at_least', 'below', 'at_most'] },
    live: figure,
    amazon: { ...figure, type: ['object', 'null'], description: "Amazon's lagged view (definitions v2); null when it has no such line" },
    defectCount: { type: 'integer' },
    total: { type: 'integer' },
    neededToRecover: { type: ['integer', 'null'] },
  },
} as const;

const attentionSchema = {
  type: 'object',
  required: ['generatedAt', 'marketplaces', 'metrics', 'upcomingDefects', 'noFirstScan', 'dueToShip'],
  properties: {
    generatedAt: { type: 'string', format: 'date-time', description: 'The instant the figures are of' },
    marketplaces: {
      type: 'array',
      items: {
        type: 'object',
        required: ['marketplace', 'today', 'live', 'amazon'],
        properties: { marketplace: { type: 'string' }, today: day, live: metricsReportSchema, amazon: metricsReportSchema },
      },
    },
    metrics: { type: 'array', items: metricSchema, description: 'Below target first, then at risk' },
    upcomingDefects: {
      type: 'object',
      required: ['total', 'items'],
      properties: {
        total: { type: 'integer' },
        items: {
          type: 'array',
          description: `The first ${ATTENTION_LIST_LIMIT} defects not yet in Amazon's figures, by the day they enter them`,
          items: {
            type: 'object',
            required: ['marketplace', 'metric', 'entersOn', 'row'],
            properties: { marketplace: { type: 'string' }, metric: { type: 'string', enum: ['vtr', 'otdr'] }, entersOn: day, row: defectRowSchema },
          },
        },
      },
    },
    noFirstScan: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: watchItemSchema } } },
    dueToShip: {
      type: 'object',
      required: ['items'],
      properties: {
        items: {
          type: 'array',
          description: `Orders with nothing confirmed whose latest ship date is within ${SHIP_BY_HORIZON_HOURS} hours`,
          items: {
            type: 'object',
            required: ['marketplace', 'orderId', 'latestShipDate', 'hoursLeft', 'isPrime', 'categories'],
            properties: {
              marketplace: { type: 'string' },
              orderId: { type: 'string' },
              latestShipDate: { type: 'string', format: 'date-time' },
              hoursLeft: { type: 'number' },
              isPrime: { type: 'boolean' },
              categories: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;

export default async function attentionRoutes(app: FastifyInstance, opts: RouteOptions): Promise<void> {
  const config = opts.metricsConfig ?? DEFAULT_METRICS_CONFIG;
  app.get('/attention', {
    schema: {
      tags: ['dashboard'],
      summary: 'What needs attention now in every marketplace: flagged metrics (live and amazon view), defects by the day they enter Amazon\'s figures, packages and orders about to become defects',
      response: { 200: attentionSchema, ...errorResponses() },
    },
  }, async (request) => readAttention({ store: opts.store, sellerId: request.sellerId, config, now: opts.now(), ...(opts.watch ? { watch: opts.watch } : {}) }));
}
