/**
 * The one catalogue of vtrguard's error codes. The HTTP API, the CLI and docs/errors.md all read it;
 * a test keeps docs/errors.md in step.
 */
export const ERROR_CATALOGUE = {
  BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  VALIDATION_FAILED: { status: 400, message: 'The request does not match its schema.' },
  UNAUTHORIZED: { status: 401, message: 'A valid API key is required.' },
  FORBIDDEN: { status: 403, message: 'This key may not access that seller.' },
  LOCAL_ACCESS_REFUSED: { status: 403, message: 'Without a key, only pages and tools on this machine may use the API.' },
  NOT_FOUND: { status: 404, message: 'No such resource.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is larger than this route accepts.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body is of a content type this route does not read.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests for this key; retry later.' },
  IMPORT_BAD_ROW: { status: 422, message: 'A row of the file is invalid; nothing was imported.' },
  IMPORT_BAD_HEADER: { status: 422, message: 'The file header lacks a required column.' },
  IMPORT_UNKNOWN_FORMAT: { status: 422, message: 'The file format could not be recognised.' },
  IMPORT_UNREADABLE: { status: 422, message: 'The file cannot be read: its gzip content is broken, truncated, or inflates beyond any real file.' },
  FILE_NOT_FOUND: { status: 404, message: 'The file does not exist or cannot be read.' },
  DB_UNREACHABLE: { status: 503, message: 'The database cannot be reached.' },
  DB_BUSY: { status: 503, message: 'The database is busy with another write; retry shortly.' },
  CONFIG_INVALID: { status: 500, message: 'The configuration is invalid.' },
  CARRIER_AUTH_FAILED: { status: 502, message: 'The carrier rejected the configured credentials.' },
  CARRIER_UNAVAILABLE: { status: 503, message: 'The carrier API did not answer usefully after retries.' },
  CARRIER_BAD_RESPONSE: { status: 502, message: 'The carrier API answered with a shape vtrguard does not understand.' },
  CARRIER_NOT_CONFIGURED: { status: 500, message: 'No API credentials are configured for this carrier and seller.' },
  AMAZON_NOT_CONNECTED: { status: 404, message: 'This seller has no Amazon connection.' },
  AMAZON_AUTH_FAILED: { status: 502, message: 'Amazon (LWA or SP-API) rejected the stored credentials.' },
  AMAZON_UNAVAILABLE: { status: 503, message: 'The Amazon SP-API did not answer usefully after retries.' },
  AMAZON_REJECTED: { status: 502, message: 'The Amazon SP-API refused the request.' },
  AMAZON_BAD_RESPONSE: { status: 502, message: 'The Amazon SP-API answered with a shape vtrguard does not understand.' },
  CONFIRMATION_REFUSED: { status: 422, message: 'The confirmation would become a VTR defect; it was not sent to Amazon.' },
  WEBHOOK_UNKNOWN_PROVIDER: { status: 404, message: 'No webhook receiver exists for that provider.' },
  WEBHOOK_BAD_SIGNATURE: { status: 401, message: 'The webhook signature does not match its body; nothing was stored.' },
  WEBHOOK_UNKNOWN_SELLER: { status: 404, message: 'The webhook names a seller that does not exist; nothing was stored.' },
  WEBHOOK_BAD_PAYLOAD: { status: 400, message: 'The webhook body is not the payload this provider sends.' },
  WEBHOOK_WRITER_RESTARTING: { status: 503, message: 'The thread that stores webhook deliveries stopped before confirming this one; a new one starts with the next delivery, so retry shortly.' },
  ALERT_TARGET_INTERNAL: { status: 422, message: 'Alert channels may not point at loopback, private or link-local addresses.' },
  INTERNAL: { status: 500, message: 'Something went wrong inside vtrguard.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ErrorContext {
  file?: string;
  line?: number;
  field?: string;
  value?: string;
  [key: string]: unknown;
}

/** An expected failure with a stable code, a message a person understands and where it happened. */
export class VtrguardError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message?: string, context: ErrorContext = {}) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'VtrguardError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.context = context;
  }
}

/** "file.csv, line 12, column tracking_number: message" — where first, so a person can jump to it. */
export function describeLocation(context: ErrorContext): string {
  const parts: string[] = [];
  if (context.file) parts.push(context.file);
  if (context.line !== undefined) parts.push(`line ${context.line}`);
  if (context.field) parts.push(`column ${context.field}`);
  return parts.join(', ');
}
