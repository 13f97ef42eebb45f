import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CATALOGUE, VtrguardError } from '../core/errors.js';
import type { ErrorCode } from '../core/errors.js';
import { fromDriverError } from '../store/driver-errors.js';

/** What every failed request answers: `{ error: { code, message, details } }` with the catalogue's status. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export interface ErrorReply {
  status: number;
  body: ErrorBody;
  /** True when the failure is ours (a bug or a lost dependency) and belongs in the log. */
  unexpected: boolean;
}

function reply(code: ErrorCode, message: string, details: Record<string, unknown>, unexpected = false): ErrorReply {
  return { status: ERROR_CATALOGUE[code].status, body: { error: { code, message, details } }, unexpected };
}

/** Framework errors carry an HTTP status; the catalogue has one code for each status class it answers. */
const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  429: 'RATE_LIMITED',
};

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && ('statusCode' in error || 'validation' in error);
}

/** Turns anything thrown while handling a request into the catalogue's response. Pure, so it is tested alone. */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof VtrguardError) {
    return reply(error.code, error.message, { ...error.context }, error.status >= 500);
  }
  if (isFastifyError(error)) {
    if (error.validation) {
      const issues = error.validation.map((issue) => ({
        // `instancePath` is "/field/0"; prefix with where it was (body, querystring, params, headers).
        where: `${error.validationContext ?? 'request'}${issue.instancePath}`,
        message: issue.message ?? 'is invalid',
      }));
      const first = issues[0];
      const message = first ? `${first.where} ${first.message}` : ERROR_CATALOGUE.VALIDATION_FAILED.message;
      return reply('VALIDATION_FAILED', message, { issues });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
      // The framework's own text is useful ("Body is too large", "Unsupported Media Type"); keep it as detail.
      return reply(code, ERROR_CATALOGUE[code].message, { reason: error.message, ...(error.code ? { cause: error.code } : {}) });
    }
  }
  const database = fromDriverError(error);
  if (database) {
    // A busy database is expected (another writer) and is retried; a lost one is ours to look into.
    return reply(database.code, database.message, { ...database.context }, database.code === 'DB_UNREACHABLE');
  }
  // A bug: say nothing about its insides to the client; the log has the stack.
  return reply('INTERNAL', ERROR_CATALOGUE.INTERNAL.message, {}, true);
}

/** The one error handler and the API's not-found answer. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, response) => {
    const result = toErrorReply(error);
    if (result.unexpected) request.log.error({ err: error }, 'request failed');
    const retryAfter = result.body.error.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') void response.header('retry-after', String(retryAfter));
    return response.status(result.status).type('application/json').send(result.body);
  });
}

export function notFoundReply(method: string, url: string): ErrorReply {
  return reply('NOT_FOUND', `No route ${method} ${url.split('?')[0] ?? url}.`, {});
}
