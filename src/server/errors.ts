import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CATALOGUE, VtrguardError } from '../core/errors.js';
import { secrets } from '../core/redact.js';
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

/**
 * Framework errors carry an HTTP status; the catalogue has one code for each status they answer, and a message
 * for people where the catalogue's own would mislead (a 403 from the static files is a path that climbs out of
 * the served directory, not a key's seller).
 */
const FRAMEWORK_CODES: Readonly<Record<number, { code: ErrorCode; message?: string }>> = {
  400: { code: 'BAD_REQUEST' },
  401: { code: 'UNAUTHORIZED' },
  403: { code: 'FORBIDDEN', message: 'That path leads outside the files this server serves.' },
  404: { code: 'NOT_FOUND' },
  413: { code: 'PAYLOAD_TOO_LARGE' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  429: { code: 'RATE_LIMITED' },
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
      const { code, message } = FRAMEWORK_CODES[status] ?? { code: 'BAD_REQUEST' };
      // The framework's own text is useful ("Body is too large", "Unsupported Media Type"); keep it as detail.
      return reply(code, message ?? ERROR_CATALOGUE[code].message, { reason: error.message, ...(error.code ? { cause: error.code } : {}) });
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
    // An upstream's text (a carrier's refusal) may quote what was sent to it.
    result.body = secrets.redactValue(result.body);
    const retryAfter = result.body.error.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') void response.header('retry-after', String(retryAfter));
    return response.status(result.status).type('application/json').send(result.body);
  });
}

/** What a connection whose request cannot even be parsed as HTTP gets before it is closed: the same envelope. */
export function clientErrorResponse(error: Error & { code?: string }): string {
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({
    error: { code: 'BAD_REQUEST', message: 'The request is not valid HTTP.', details: { reason: error.message, ...(error.code ? { cause: error.code } : {}) } },
  });
  return `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

export function notFoundReply(method: string, url: string): ErrorReply {
  return reply('NOT_FOUND', `No route ${method} ${url.split('?')[0] ?? url}.`, {});
}
