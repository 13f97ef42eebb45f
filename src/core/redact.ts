/**
 * The one place that knows what a secret looks like on its way out (issue 18, item 8). A secret is removed from
 * text in every spelling a request or an error may carry it in: as is, base64 (HTTP Basic), URL and form
 * encoded (an OAuth form body), JSON-escaped (a JSON body echoed back). `secrets`, the process's registry, is
 * filled once from configuration (config.ts) and by whatever decrypts or reads a stored secret; every output —
 * log lines, API error bodies, CLI errors — passes through `secrets.redact`.
 */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for: they would redact ordinary words. */
const MIN_LENGTH = 6;

function spellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  // A JSON body quoted inside another JSON text (an API's error that echoes the request) is escaped twice.
  const jsonTwice = JSON.stringify(json).slice(1, -1);
  const uri = encodeURIComponent(secret);
  return [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url'), uri, uri.replace(/%20/g, '+'), json, jsonTwice];
}

export class SecretRedactor {
  private readonly known = new Set<string>();
  private pattern: RegExp | null = null;

  /** Adds secrets (undefined and short values are ignored). */
  add(...values: readonly (string | null | undefined)[]): this {
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_LENGTH) continue;
      for (const spelling of spellings(value)) this.known.add(spelling);
    }
    this.pattern = null;
    return this;
  }

  /** An id and secret sent together as HTTP Basic credentials (`base64(id:secret)`). */
  addBasic(id: string | undefined, secret: string | undefined): this {
    if (id !== undefined && secret !== undefined) this.add(`${id}:${secret}`);
    return this;
  }

  redact(text: string): string {
    if (this.known.size === 0) return text;
    // Longest first, so a secret that contains another is removed whole.
    this.pattern ??= new RegExp([...this.known].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
    return text.replace(this.pattern, REDACTED);
  }

  /** Every string inside a JSON-like value, redacted (a copy). */
  redactValue<T>(value: T): T {
    if (this.known.size === 0) return value;
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The process's secrets: configuration's, and any read from storage while running. */
export const secrets = new SecretRedactor();

const SECRET_PARAMETER = /pass|secret|token|key|sig|auth|credential/i;

/**
 * A URL as it may be shown: the password of its user part (`postgres://u:pw@h`, `postgresql://:pw@h`) and the
 * values of query parameters that hold credentials (`?password=`, `?sslpassword=`, `?token=`) replaced.
 */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not a URL: still cut `//user:password@` and `password=value` pairs where they appear.
    return text.replace(/(\/\/[^:/@]*:)[^@/]*@/, `$1${REDACTED}@`).replace(/((?:pass|secret|token|key)[a-z_]*=)[^&\s]+/gi, `$1${REDACTED}`);
  }
  if (url.password) url.password = REDACTED;
  for (const name of [...url.searchParams.keys()]) if (SECRET_PARAMETER.test(name)) url.searchParams.set(name, REDACTED);
  return url.toString().replace(encodeURIComponent(REDACTED), REDACTED).replaceAll(encodeURIComponent(REDACTED), REDACTED);
}

/**
 * A URL that is itself a credential (a Slack incoming webhook, a receiver with a token in its path or query):
 * only its scheme and host are shown.
 */
export function maskUrl(text: string): string {
  try {
    const url = new URL(text);
    return url.pathname === '/' && url.search === '' && !url.username ? url.origin + '/' : `${url.origin}/${REDACTED}`;
  } catch {
    return REDACTED;
  }
}
