import { ERROR_CATALOGUE } from '../core/errors.js';
import type { ErrorCode } from '../core/errors.js';

/** The body of every error response, registered once as a shared schema so OpenAPI shows one component. */
export const errorResponseSchema = {
  $id: 'ErrorResponse',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_CATALOGUE) },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

const errorRef = { $ref: 'ErrorResponse#' } as const;

/**
 * Response schemas for the errors a route can answer with, keyed by HTTP status, for a route's
 * `schema.response`. Every /v1 route can fail authentication (its key is looked up in the store), rate limiting,
 * internally and with the store unreachable or busy (503, with Retry-After when a retry soon helps), so those are
 * always included.
 */
export function errorResponses(...codes: ErrorCode[]): Record<number, typeof errorRef> {
  const all: ErrorCode[] = ['UNAUTHORIZED', 'RATE_LIMITED', 'INTERNAL', 'DB_UNREACHABLE', ...codes];
  const out: Record<number, typeof errorRef> = {};
  for (const code of all) out[ERROR_CATALOGUE[code].status] = errorRef;
  return out;
}
