import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { SpApiCallLog } from '../amazon/client.js';
import type { AmazonConfig } from '../config.js';
import { VtrguardError } from '../core/errors.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import type { MetricsConfig } from '../metrics/config.js';
import type { AccessConfig } from '../config.js';
import type { WatchSettings } from '../ingest/tracking/watch.js';
import type { ClientSource } from '../ingest/tracking/poller.js';
import type { WebhookSecretResolver } from '../ingest/webhooks/secrets.js';
import type { Store } from '../store/store.js';
import { registerAuth } from './auth.js';
import { ClientResolver } from './client.js';
import { FailureCounter } from './rate-limit.js';
import { clientErrorResponse, notFoundReply, registerErrorHandler, toErrorReply } from './errors.js';
import { ROUTES } from './routes/index.js';
import type { RouteOptions } from './routes/index.js';
import { errorResponseSchema } from './schemas.js';

export interface RateLimitSettings {
  /** Requests per key (or per client address, without a key) and route in each window. */
  max: number;
  windowMs: number;
  /** Failed authentications per client address in each window before its requests answer 429 (default 30). */
  authFailures?: number;
}

export interface AppDeps {
  store: Store;
  /** The demo seller: loopback clients without a key act as this seller. */
  defaultSellerId: string;
  /** The built dashboard (`web/dist`), served at `/` when the directory exists. */
  webRoot?: string;
  /** Base URL of the dashboard for links; defaults to the server itself on localhost:8080. */
  dashboardUrl?: string;
  /** The clock; defaults to the system clock. */
  now?: () => number;
  /** Per-marketplace metric settings (zones, targets, attribution); definitions.md defaults when absent. */
  metricsConfig?: MetricsConfig;
  /** First-scan thresholds for the watch list; 24 hours for every carrier when absent. */
  watch?: WatchSettings;
  /** Carrier API clients per seller and carrier, for `POST /v1/track`; none configured when absent. */
  trackingClients?: ClientSource;
  /** Runs before each `POST /v1/track` (reads the sellers' stored carrier accounts again). */
  beforeTrack?: () => Promise<void>;
  /** Webhook signing secrets (`configuredSecretResolver(webhookSecretsFromEnv(env))`); none when absent. */
  webhookSecrets?: WebhookSecretResolver;
  /** Amazon SP-API settings (config.amazon); the Amazon routes refuse without them. */
  amazon?: AmazonConfig;
  amazonLog?: (sellerId: string, entry: SpApiCallLog) => void;
  /** Operational lines (a carrier refusing its credentials, …), already redacted by the caller. */
  log?: (line: string) => void;
  /** Whether loopback clients may omit the key (default true). Turn off when a local proxy faces the internet. */
  anonymousLoopback?: boolean;
  rateLimit?: RateLimitSettings;
  /**
   * Trusted proxies, the host names key-less access answers to and whether alert channels may point at internal
   * addresses (Config.access); none, localhost and no when absent.
   */
  access?: Pick<AccessConfig, 'trustedProxies' | 'allowedHosts'> & Partial<Pick<AccessConfig, 'allowPrivateAlertTargets'>>;
  logger?: FastifyServerOptions['logger'];
  version?: string;
  /**
   * Where webhook deliveries' transactions run (Config.webhookWriter): `thread` — a writer thread with its own
   * connection, when the store can be opened from another thread (a SQLite file, PostgreSQL; not `:memory:`) —
   * or `inline`, this thread (the default).
   */
  webhookWriter?: 'thread' | 'inline';
  /** The writer thread's script; the built src/workers/webhook-writer.js when absent (tests name the built one). */
  webhookWriterScript?: URL;
}

/** The webhook writer thread's script, built beside this module (absent when the sources run untranspiled). */
const WEBHOOK_WRITER_SCRIPT = new URL('../workers/webhook-writer.js', import.meta.url);

const DEFAULT_RATE_LIMIT: RateLimitSettings = { max: 600, windowMs: 60_000, authFailures: 30 };
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1'];

/**
 * Builds the HTTP app; it never listens (the `serve` command and tests decide that). Order matters:
 * swagger first so that it sees every route, then the error handler, auth and rate limit hooks, which
 * apply to the routes registered after them.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now;
  const app = Fastify({
    logger: deps.logger ?? false,
    // Ids for log correlation only; never trusted for anything else.
    genReqId: () => Math.random().toString(36).slice(2, 10),
    ajv: { customOptions: { removeAdditional: false } },
    // A URL that does not decode is answered before any hook: with the envelope too.
    frameworkErrors: (error, _request, reply) => {
      const result = toErrorReply(error);
      void (reply as FastifyReply).status(result.status).type('application/json').send(result.body);
    },
    clientErrorHandler: (error, socket) => {
      if (socket.writable) socket.end(clientErrorResponse(error));
      else socket.destroy(error);
    },
  });

  // A parameter a route does not know is refused, not ignored: a typo (`?marketplce=UK`) must not answer
  // with the whole seller's figures as if it were understood. Every API route's querystring schema is closed
  // (the dashboard's pages keep their own parameters: they are the client's).
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/')) return;
    const schema = (route.schema ??= {});
    const query = (schema.querystring ?? { type: 'object', properties: {} }) as Record<string, unknown>;
    schema.querystring = { ...query, additionalProperties: false };
  });

  app.addSchema(errorResponseSchema);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'vtrguard API',
        version: deps.version ?? '0.1.0',
        description: 'Valid Tracking Rate, Late Shipment Rate, Cancel Rate and On-Time Delivery Rate of an Amazon '
          + 'seller-fulfilled business, with alerts. A key sees only its own seller. Errors: docs/errors.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key from `vtrguard keys create`.' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    // Every operation has an id (generated clients and the dashboard's types name calls by it); a route may set its own.
    transform: ({ schema, url, route }) => ({
      schema: { ...schema, operationId: (schema as { operationId?: string } | undefined)?.operationId ?? operationIdOf(String([route.method].flat()[0]), url) },
      url,
    }),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerErrorHandler(app);
  const limits = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
  const clients = new ClientResolver(deps.access?.trustedProxies ?? []);
  registerAuth(app, {
    store: deps.store,
    defaultSellerId: deps.defaultSellerId,
    anonymousLoopback: deps.anonymousLoopback ?? true,
    clients,
    allowedHosts: deps.access?.allowedHosts ?? LOCAL_HOSTS,
    failures: new FailureCounter(limits.authFailures ?? DEFAULT_RATE_LIMIT.authFailures!, limits.windowMs, now),
  });

  await app.register(fastifyRateLimit, {
    max: limits.max,
    timeWindow: limits.windowMs,
    // One bucket per API key and route, so a seller's busy script cannot starve another's dashboard, nor one
    // route the others; key-less traffic has a bucket per client address and route. The route is the one
    // matched (`/v1/metrics`), never the raw URL, which percent-encoding can spell in many ways.
    keyGenerator: (request) => `${request.apiKeyId !== null ? `key:${request.apiKeyId}` : `ip:${clients.address(request)}`} ${request.method} ${request.routeOptions.url ?? ''}`,
    errorResponseBuilder: (_request, context) =>
      new VtrguardError('RATE_LIMITED', undefined, { limit: context.max, retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
    // Only the API is limited; the docs and the dashboard's files are not, nor a URL no route matched.
    allowList: (request) => !(request.routeOptions.url ?? '').startsWith('/v1/'),
  });

  const routeOptions: RouteOptions = {
    store: deps.store,
    defaultSellerId: deps.defaultSellerId,
    now,
    metricsConfig: deps.metricsConfig ?? DEFAULT_METRICS_CONFIG,
    ...(deps.watch ? { watch: deps.watch } : {}),
    ...(deps.trackingClients ? { trackingClients: deps.trackingClients } : {}),
    ...(deps.beforeTrack ? { beforeTrack: deps.beforeTrack } : {}),
    ...(deps.webhookSecrets ? { webhookSecrets: deps.webhookSecrets } : {}),
    ...(deps.amazon ? { amazon: deps.amazon } : {}),
    ...(deps.amazonLog ? { amazonLog: deps.amazonLog } : {}),
    ...(deps.log ? { log: deps.log } : {}),
    dashboardUrl: (deps.dashboardUrl ?? 'http://localhost:8080').replace(/\/+$/, ''),
    alertTargets: { allowPrivate: deps.access?.allowPrivateAlertTargets ?? false },
    ...(deps.webhookWriter === 'thread' ? { webhookWriterThread: deps.webhookWriterScript ?? WEBHOOK_WRITER_SCRIPT } : {}),
  };
  await app.register(async (v1) => {
    for (const plugin of ROUTES) await v1.register(plugin, routeOptions);
  }, { prefix: '/v1' });

  const webRoot = deps.webRoot === undefined ? null : resolve(deps.webRoot);
  const serveWeb = webRoot !== null && existsSync(resolve(webRoot, 'index.html'));
  if (serveWeb) {
    const assets = resolve(webRoot, 'assets') + sep;
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      // The build's .br/.gz siblings (web/vite.config.ts), by the request's Accept-Encoding.
      preCompressed: true,
      // A source map would publish the sources; the build makes none, and none is served if one is put there.
      allowedPath: (path) => !path.endsWith('.map'),
      cacheControl: false,
      setHeaders: (response, path) => {
        // Files under assets/ carry a content hash in their name: they never change, so browsers keep them a year.
        // The page itself is checked on every visit, so a new build is seen at once.
        response.setHeader('cache-control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    // The dashboard routes on the client: any other GET page outside the API gets its index.html.
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/v1/')
      && (request.headers.accept ?? '').includes('text/html');
    if (serveWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    const result = notFoundReply(request.method, request.url);
    return reply.status(result.status).send(result.body);
  });

  return app;
}

/** `GET /v1/alerts/rules` → `getAlertsRules`, `PATCH /v1/alerts/rules/:ruleId` → `patchAlertsRulesByRuleId`. */
export function operationIdOf(method: string, url: string): string {
  const words = url.replace(/^\/v1\//, '').split('/').filter(Boolean)
    .flatMap((part) => (part.startsWith(':') || part.startsWith('{') ? ['by', part.replace(/[:{}]/g, '')] : part.split(/[^A-Za-z0-9]+/)));
  const camel = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return method.toLowerCase() + camel;
}
