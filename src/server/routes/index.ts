import type { TargetPolicy } from '../../alerts/targets.js';
import type { FastifyInstance } from 'fastify';
import type { SpApiCallLog } from '../../amazon/client.js';
import type { AmazonConfig } from '../../config.js';
import type { ClientSource } from '../../ingest/tracking/poller.js';
import type { WatchSettings } from '../../ingest/tracking/watch.js';
import type { WebhookSecretResolver } from '../../ingest/webhooks/secrets.js';
import type { MetricsConfig } from '../../metrics/config.js';
import type { Store } from '../../store/store.js';
import alertRoutes from './alerts.js';
import amazonRoutes from './amazon.js';
import attentionRoutes from './attention.js';
import dashboardRoutes from './dashboard.js';
import healthRoutes from './health.js';
import importRoutes from './imports.js';
import metricsRoutes from './metrics.js';
import sellerRoutes from './sellers.js';
import trackRoutes from './track.js';
import validateRoutes from './validate.js';
import watchRoutes from './watch.js';
import webhookRoutes from './webhooks.js';

/**
 * What every route plugin receives. A route plugin is `src/server/routes/<name>.ts` with a default export
 * `async function (app: FastifyInstance, opts: RouteOptions)`; it reads the authenticated seller from
 * `request.sellerId` (set by the auth hook in ../auth.ts) and never from the URL or the body, so a key can
 * only ever see its own seller's data. A route that must be reachable without an API key (e.g. an
 * aggregator's signed webhook) sets `config: { auth: 'none' }` and authenticates the request itself.
 * Errors are thrown as `VtrguardError`; the one error handler (../errors.ts) turns them into responses, and
 * `errorResponses(...)` from ../schemas.js documents them in the route's schema.
 */
export interface RouteOptions {
  store: Store;
  /** The demo seller, served without a key to loopback clients. */
  defaultSellerId: string;
  /** The clock; routes never call Date.now() so that tests can pin time. */
  now: () => number;
  /** Base URL of the dashboard, for links in responses (e.g. alerts). */
  dashboardUrl: string;
  /** Per-marketplace metric settings (zones, targets, attribution, exemptions); definitions.md defaults when absent. */
  metricsConfig?: MetricsConfig;
  /** First-scan thresholds (default and per carrier) for the watch list and the first-scan alert. */
  watch?: WatchSettings;
  /** Carrier API clients for `POST /v1/track`. */
  trackingClients?: ClientSource;
  /** Runs before each `POST /v1/track` (reads the sellers' stored carrier accounts again). */
  beforeTrack?: () => Promise<void>;
  /** Webhook signing secrets from configuration; none when absent, and a delivery without one is refused. */
  webhookSecrets?: WebhookSecretResolver;
  /** Amazon SP-API settings (the key that seals credentials, endpoints); the Amazon routes refuse without them. */
  amazon?: AmazonConfig;
  /** One line per SP-API call (never a secret). */
  amazonLog?: (sellerId: string, entry: SpApiCallLog) => void;
  /** Operational lines (a carrier refusing its credentials, …), already redacted by the caller. */
  log?: (line: string) => void;
  /** Which addresses alert channels may point at (VTRGUARD_ALERTS_ALLOW_PRIVATE); internal ones refused when absent. */
  alertTargets?: TargetPolicy;
  /**
   * The webhook writer thread's script: webhook deliveries are stored by a thread of their own when the store can
   * be opened from one (src/app/webhook-writer-thread.ts); on this thread when absent.
   */
  webhookWriterThread?: URL;
}

export type RoutePlugin = (app: FastifyInstance, opts: RouteOptions) => Promise<void>;

/** The explicit list of route plugins, all mounted under /v1. Add a plugin here once its file exists. */
export const ROUTES: readonly RoutePlugin[] = [
  healthRoutes,
  metricsRoutes,
  dashboardRoutes,
  watchRoutes,
  validateRoutes,
  trackRoutes,
  importRoutes,
  alertRoutes,
  webhookRoutes,
  amazonRoutes,
  attentionRoutes,
  sellerRoutes,
];
