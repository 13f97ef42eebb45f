/**
 * The OpenAPI shape of a metrics report (src/metrics/report.ts, `MetricsReport`), for `GET /v1/metrics`. Every
 * object keeps properties it does not list (`additionalProperties: true`), so the schema documents the answer and
 * never strips a field from it.
 */
const open = (properties: Record<string, unknown>, required: readonly string[] = Object.keys(properties)) =>
  ({ type: 'object', additionalProperties: true, required, properties }) as const;

const window = open({ from: { type: 'string' }, to: { type: 'string' } });
const rate = { type: ['number', 'null'], description: 'unrounded fraction; null for an empty window' } as const;
const status = { type: 'string', enum: ['good', 'bad', 'at_risk', 'none'] } as const;
const vtrLine = { valid: { type: 'integer' }, total: { type: 'integer' }, rate, status } as const;
const counted = (hit: string, description: string) =>
  open({ window, target: { type: 'number' }, [hit]: { type: 'number', description }, total: { type: 'number' }, rate, status });

const lsrLine = open({ window, late: { type: 'integer', description: 'late orders' }, total: { type: 'integer' }, rate, status });

export const metricsReportSchema = open({
  asOf: { type: 'string' },
  marketplace: { type: 'string' },
  source: { type: 'string', enum: ['rollups', 'raw'] },
  view: { type: 'string', enum: ['live', 'amazon'], description: 'live: windows end on as-of; amazon: VTR lagged as Seller Central shows it' },
  vtr: open({
    window,
    target: { type: 'number' },
    attribution: { type: 'string', enum: ['promised_delivery', 'ship_confirm'] },
    lagDays: { type: 'integer' },
    overall: open(vtrLine),
    d7: { ...open({ window, ...vtrLine }), description: 'the 7 days ending where the 30-day window ends, overall' },
    byCategory: { type: 'array', items: open({ category: { type: 'string' }, ...vtrLine, neededToRecover: { type: 'integer' } }) },
    byCarrier: { type: 'array', items: open({ carrier: { type: 'string' }, ...vtrLine }) },
  }),
  lsr: open({ target: { type: 'number' }, d10: lsrLine, d30: lsrLine }),
  cr: counted('cancelled', 'orders the seller cancelled (or an item of) before it was confirmed'),
  otdr: {
    ...counted('onTime', 'on time, in packages or units (`unit`)'),
    required: ['window', 'target', 'unit', 'onTime', 'total', 'rate', 'status'],
    properties: { ...counted('onTime', 'on time').properties, unit: { type: 'string', enum: ['package', 'unit'] } },
  },
  sfp: {
    description: 'Seller Fulfilled Prime; null when no Prime order falls in any of its windows',
    anyOf: [
      { type: 'null' },
      open({
        onTimeShipment: counted('onTime', 'Prime orders whose packages were all first scanned by the latest ship date'),
        cancelRate: counted('cancelled', 'Prime orders the seller cancelled; good at or below the target'),
        otdr: counted('onTime', 'Prime packages (or units) delivered on time'),
      }),
    ],
  },
});
