import type { FastifyInstance } from 'fastify';
import { MARKETPLACES } from '../../core/domain.js';
import { PROBLEM_SEVERITY } from '../../validate/problems.js';
import { withReuseCheck } from '../../app/reuse-verdict.js';
import { validate } from '../../validate/validate.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';

export const MAX_VALIDATE_ITEMS = 10_000;

interface ValidateBody {
  items: { trackingNumber: string; carrier?: string | null; orderId?: string }[];
  mode?: 'lenient' | 'strict';
  marketplace?: string;
}

const candidateSchema = {
  type: 'object',
  required: ['carrier', 'carrierName', 'amazonCode', 'family', 'familyName', 'role', 'checkDigit', 'confidence'],
  properties: {
    carrier: { type: 'string' },
    carrierName: { type: 'string' },
    amazonCode: { type: 'string' },
    issuer: { type: 'string' },
    family: { type: 'string' },
    familyName: { type: 'string' },
    role: { type: 'string', enum: ['owner', 'partner'] },
    checkDigit: { type: 'string', enum: ['pass', 'fail', 'none'] },
    expectedCheckDigit: { type: 'string' },
    confidence: { type: 'number' },
  },
} as const;

const verdictSchema = {
  type: 'object',
  required: ['input', 'normalized', 'valid', 'carrier', 'carrierName', 'carrierKey', 'candidates', 'problems'],
  properties: {
    input: { type: 'string' },
    normalized: { type: 'string' },
    valid: { type: 'boolean' },
    carrier: { type: ['string', 'null'], description: 'Amazon carrier code to send' },
    carrierName: { type: ['string', 'null'], description: 'The CarrierName to send with it when it is Other; else null' },
    carrierKey: { type: ['string', 'null'], description: 'vtrguard carrier id' },
    candidates: { type: 'array', items: candidateSchema },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'severity', 'message'],
        properties: {
          code: { type: 'string', enum: Object.keys(PROBLEM_SEVERITY) },
          severity: { type: 'string', enum: ['error', 'warning'] },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;

/**
 * POST /v1/validate: up to 10,000 tracking numbers (each with an optional carrier) → one verdict each, with
 * `REUSED_TRACKING_NUMBER` where the seller confirmed the number on another order within 90 days.
 */
export default async function validateRoutes(app: FastifyInstance, opts: RouteOptions): Promise<void> {
  app.post<{ Body: ValidateBody }>('/validate', {
    schema: {
      tags: ['validation'],
      summary: 'Validate tracking numbers against carrier formats and check digits',
      body: {
        type: 'object',
        required: ['items'],
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            maxItems: MAX_VALIDATE_ITEMS,
            items: {
              type: 'object',
              required: ['trackingNumber'],
              additionalProperties: false,
              properties: {
                trackingNumber: { type: 'string', maxLength: 100 },
                carrier: { type: ['string', 'null'], maxLength: 100 },
                orderId: { type: 'string', maxLength: 100, description: 'the order being confirmed: its own earlier confirmations are not reuse' },
              },
            },
          },
          mode: { type: 'string', enum: ['lenient', 'strict'] },
          marketplace: { type: 'string', enum: [...MARKETPLACES] },
        },
      },
      response: {
        200: { type: 'object', required: ['results'], properties: { results: { type: 'array', items: verdictSchema } } },
        ...errorResponses('VALIDATION_FAILED'),
      },
    },
  }, async (request) => {
    const { items, mode, marketplace } = request.body;
    const options = { mode: mode ?? 'lenient', ...(marketplace ? { marketplace } : {}) } as const;
    const now = opts.now();
    const results = [];
    for (const item of items) {
      const verdict = validate(item.trackingNumber, item.carrier, options);
      results.push(await withReuseCheck(verdict, opts.store, request.sellerId, item.orderId ?? null, now));
    }
    return { results };
  });
}
