/**
 * JSON schemas of the metrics API's answers (docs/formats.md): they document /openapi.json, from which the
 * dashboard's types are generated, and Fastify serializes by them — so every field a report has is listed here,
 * and routes.test checks an answer against the use case's own object.
 */
import { DEFECT_METRICS } from '../metrics/defects.js';

const nullable = (type: 'number' | 'string' | 'integer') => ({ type: [type, 'null'] }) as const;
const status = { type: 'string', enum: ['good', 'bad', 'at_risk', 'none'] } as const;
const day = { type: 'string', description: 'local day YYYY-MM-DD' } as const;

export const windowSchema = { type: 'object', required: ['from', 'to'], properties: { from: day, to: day } } as const;

const vtrLine = {
  valid: { type: 'integer' },
  total: { type: 'integer' },
  rate: nullable('number'),
  status,
} as const;

/** An object schema whose every property is required (nullable ones say so in their type). */
export const object = <P extends Record<string, unknown>>(properties: P, description?: string) => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
  ...(description ? { description } : {}),
}) as const;

const lsrLine = object({ window: windowSchema, late: { type: 'integer' }, total: { type: 'integer' }, rate: nullable('number'), status });
const sfpLine = { window: windowSchema, target: { type: 'number' }, total: { type: 'integer' }, rate: nullable('number'), status } as const;

/** Where a read's figures came from: the kept figures (`rollups`) or raw rows; `description` says what it covers. */
export const sourceSchema = (description?: string) => ({ type: 'string', enum: ['rollups', 'raw'], ...(description ? { description } : {}) }) as const;

export const metricsReportSchema = object({
  asOf: day,
  marketplace: { type: 'string' },
  source: sourceSchema(),
  view: { type: 'string', enum: ['live', 'amazon'] },
  vtr: object({
    window: windowSchema,
    target: { type: 'number' },
    attribution: { type: 'string', enum: ['promised_delivery', 'ship_confirm'] },
    lagDays: { type: 'integer' },
    overall: object(vtrLine),
    d7: object({ ...vtrLine, window: windowSchema }, 'The 7 days ending where the 30-day window ends, overall'),
    byCategory: { type: 'array', items: object({ category: { type: 'string' }, ...vtrLine, neededToRecover: { type: 'integer' } }) },
    byCarrier: { type: 'array', items: object({ carrier: { type: 'string' }, ...vtrLine }) },
  }),
  lsr: object({ target: { type: 'number' }, d10: lsrLine, d30: lsrLine }),
  cr: object({ window: windowSchema, target: { type: 'number' }, cancelled: { type: 'integer' }, total: { type: 'integer' }, rate: nullable('number'), status }),
  otdr: object({
    window: windowSchema, target: { type: 'number' }, unit: { type: 'string', enum: ['package', 'unit'] },
    onTime: { type: 'integer' }, total: { type: 'integer' }, rate: nullable('number'), status,
  }),
  sfp: {
    ...object({
      onTimeShipment: object({ ...sfpLine, onTime: { type: 'integer' } }),
      cancelRate: object({ ...sfpLine, cancelled: { type: 'integer' } }),
      otdr: object({ ...sfpLine, onTime: { type: 'integer' } }),
      vtr: object({ ...sfpLine, valid: { type: 'integer' } }, "Prime packages' VTR: VTR's rules, 30-day window, attribution and lag, overall"),
    }, 'Seller Fulfilled Prime; null when no Prime order falls in any of its windows'),
    type: ['object', 'null'],
  },
});

const ratePoint = object({ date: day, valid: { type: 'integer' }, total: { type: 'integer' }, rate: nullable('number') });

const groupForecast = {
  ...vtrLine,
  neededToRecover: { type: 'integer' },
  days: { type: 'array', items: ratePoint },
  defectExits: { type: 'array', items: object({ date: day, count: { type: 'integer' } }) },
} as const;

export const forecastReportSchema = object({
  asOf: day,
  marketplace: { type: 'string' },
  target: { type: 'number' },
  window: windowSchema,
  overall: object(groupForecast),
  categories: { type: 'array', items: object({ category: { type: 'string' }, ...groupForecast }) },
});

const instant = { type: ['string', 'null'], description: 'ISO 8601 instant' } as const;

export const defectRowSchema = object({
  orderId: { type: 'string' },
  packageRef: nullable('string'),
  carrierCode: nullable('string'),
  carrierName: nullable('string'),
  trackingNumber: nullable('string'),
  shippingMethod: nullable('string'),
  categories: { type: 'array', items: { type: 'string' } },
  promisedDeliveryDate: nullable('string'),
  shipDate: instant,
  confirmedAt: instant,
  firstScanAt: instant,
  deliveredAt: instant,
  reasons: { type: 'array', items: { type: 'string' } },
  trackingUrl: { type: ['string', 'null'], description: "The carrier's tracking page for the number, when the carrier is known" },
});

export const defectPageSchema = object({
  marketplace: { type: 'string' },
  metric: { type: 'string', enum: [...DEFECT_METRICS] },
  asOf: day,
  total: { type: 'integer', description: 'Defects of the filter; items holds offset … offset + limit' },
  source: sourceSchema('rollups: the kept defect rows (as of a past day, their later steps taken back); raw: classified from raw rows (the kept figures are not current)'),
  offset: { type: 'integer' },
  limit: { type: 'integer' },
  items: { type: 'array', items: defectRowSchema },
});

const counts = (nullableCounts: boolean) => ({
  total: nullableCounts ? nullable('integer') : { type: 'integer' },
  hits: nullableCounts ? nullable('integer') : { type: 'integer' },
  rate: nullable('number'),
}) as const;

export const reconcileSchema = object({
  rows: {
    type: 'array',
    items: object({
      marketplace: { type: 'string' },
      metric: { type: 'string' },
      window: { ...windowSchema, type: ['object', 'null'] },
      amazon: object({ ...counts(true), status: nullable('string') }),
      ours: { ...object({ ...counts(false), status: { type: 'string' }, window: windowSchema, asOf: day }), type: ['object', 'null'] },
      diff: object(counts(true)),
    }),
  },
  warnings: { type: 'array', items: { type: 'string' } },
  accountStatuses: { type: 'array', items: object({ marketplaceId: { type: 'string' }, marketplace: nullable('string'), status: { type: 'string' } }) },
});

/** A report for ?marketplace=…, else one per marketplace (null when the seller has none there). */
export const oneOrMany = <S extends object>(schema: S) => ({
  anyOf: [{ ...schema, type: ['object', 'null'] }, { type: 'array', items: schema }],
}) as const;
