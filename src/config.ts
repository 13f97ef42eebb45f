import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { parseSecretKey } from './amazon/sealed.js';
import { DEFAULT_ZONES } from './core/time.js';
import { isMarketplace } from './core/domain.js';
import type { Marketplace } from './core/domain.js';
import { VtrguardError } from './core/errors.js';
import { secrets } from './core/redact.js';
import { trackingSettingsFromEnv } from './ingest/tracking/credentials.js';
import type { TrackingSettings } from './ingest/tracking/credentials.js';
import { watchSettingsFromEnv } from './ingest/tracking/watch.js';
import type { WatchSettings } from './ingest/tracking/watch.js';
import { webhookSecretsFromEnv } from './ingest/webhooks/secrets.js';
import type { ConfiguredWebhookSecret } from './ingest/webhooks/secrets.js';
import { buildMetricsConfig } from './metrics/config.js';
import { BUSY_WAIT_MS } from './store/open.js';
import type { MarketplaceMetricsOverride, MetricsConfig } from './metrics/config.js';

/** The only reader of process.env: validated once, frozen, passed down. */
export interface Config {
  /** SQLite path or postgres:// URL. */
  db: string;
  /**
   * VTRGUARD_DB_WAIT_SECONDS: how long a command's SQLite write waits for another process's write lock (an import
   * running elsewhere) before it gives up with DB_BUSY. `serve` never waits: it answers 503 at once.
   */
  dbWaitSeconds: number;
  port: number;
  host: string;
  /** The seller a key-less local user (and the demo) acts as. */
  defaultSellerId: string;
  /** Where people open the dashboard; alert links point here. */
  publicUrl: string;
  /** Time zone per marketplace (definitions.md defaults, overridable with VTRGUARD_TZ_<MP>). */
  zones: Readonly<Record<Marketplace, string>>;
  /** Per marketplace: zone, VTR attribution and lag, targets, exemption rules (definitions.md defaults). */
  metrics: MetricsConfig;
  /** Amazon SP-API: the key that seals sellers' credentials, and endpoints a local SP-API may replace. */
  amazon: AmazonConfig;
  /** Who may reach the API how: proxies whose headers are believed, names the key-less local access answers to. */
  access: AccessConfig;
  /** `amazon connect`'s defaults when no credentials file gives them: LWA_CLIENT_ID, … and SP_API_REGION. */
  amazonConnect: Readonly<Record<'clientId' | 'clientSecret' | 'refreshToken' | 'region', string | null>>;
  /** VTRGUARD_PUBLIC_URL as set; null when alert links should follow the port really served (`publicUrlFor`). */
  configuredPublicUrl: string | null;
  /** Carrier polling: credentials and paces per carrier (and seller), the pause between passes. */
  tracking: TrackingSettings;
  /** When an unscanned package is watched (VTRGUARD_WATCH_HOURS, VTRGUARD_WATCH_HOURS_<CARRIER>). */
  watch: WatchSettings;
  /** Webhook signing secrets (VTRGUARD_WEBHOOK_SECRET_<PROVIDER>, VTRGUARD_SELLER_<SELLER>_WEBHOOK_SECRET_<PROVIDER>). */
  webhookSecrets: readonly ConfiguredWebhookSecret[];
  /**
   * VTRGUARD_WEBHOOK_WRITER: `thread` (default) — `serve` stores webhook deliveries from a writer thread with its own
   * database connection, beside the thread that answers requests (docs/scaling.md) — or `inline`, on that thread.
   */
  webhookWriter: 'thread' | 'inline';
  /**
   * VTRGUARD_REBUILD_THREADS: worker threads that count a full rebuild's spans of orders beside the thread that
   * writes the kept figures (`vtrguard rebuild`, `serve`'s start-up rebuild; docs/scaling.md); 0 counts them on that
   * thread. Default DEFAULT_REBUILD_THREADS.
   */
  rebuildThreads: number;
}

/**
 * Counter threads of a rebuild by default: one a core, at most four (beyond, the single writer is the floor on a
 * seller with many defects); none on one core. Measured on an idle 2-core machine, two counting threads beside the
 * writer took a 1M-package SQLite rebuild from 23–25 s to 15 s and a 10M one from 249 s to 155 s; one thread gained
 * little (it only moves the counting off the writer), and on a machine whose cores were busy with other work the
 * threads cost 15–40% more CPU and gained nothing (docs/scaling.md, "spans in parallel").
 */
export const DEFAULT_REBUILD_THREADS = availableParallelism() < 2 ? 0 : Math.min(4, availableParallelism());
/** More threads than any machine here has cores is a typo. */
const MAX_REBUILD_THREADS = 64;

export interface AccessConfig {
  /**
   * VTRGUARD_TRUSTED_PROXIES: addresses or CIDR ranges (`10.0.0.5, 10.1.0.0/16`) whose X-Forwarded-For, Forwarded
   * and X-Real-IP headers name the client; from any other peer those headers are ignored. None by default.
   */
  trustedProxies: readonly string[];
  /**
   * Host names the key-less local seller answers to (`localhost`, `127.0.0.1`, `::1` always, plus
   * VTRGUARD_ALLOWED_HOSTS and VTRGUARD_PUBLIC_URL's host); any other Host header is a DNS-rebinding page.
   */
  allowedHosts: readonly string[];
  /**
   * VTRGUARD_ALERTS_ALLOW_PRIVATE=1: alert channels may point at loopback, private, link-local and other
   * internal addresses (a Slack relay on the LAN). Off by default: a channel is a request vtrguard sends for whoever
   * can create one.
   */
  allowPrivateAlertTargets: boolean;
}

function listOf(text: string | undefined): string[] {
  return (text ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function loadAccessConfig(env: NodeJS.ProcessEnv, publicUrl: string): AccessConfig {
  const trustedProxies = listOf(env.VTRGUARD_TRUSTED_PROXIES);
  for (const entry of trustedProxies) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
  }
  let publicHost: string | null = null;
  try {
    publicHost = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  } catch {
    throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_PUBLIC_URL must be a URL, got "${publicUrl}"`);
  }
  const allowedHosts = [...new Set(['localhost', '127.0.0.1', '::1', publicHost, ...listOf(env.VTRGUARD_ALLOWED_HOSTS)].map((h) => h.toLowerCase()))];
  const allowPrivate = env.VTRGUARD_ALERTS_ALLOW_PRIVATE ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(allowPrivate)) {
    throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_ALERTS_ALLOW_PRIVATE must be 1 or 0, got "${allowPrivate}"`);
  }
  return Object.freeze({
    trustedProxies: Object.freeze(trustedProxies),
    allowedHosts: Object.freeze(allowedHosts),
    allowPrivateAlertTargets: allowPrivate === '1' || allowPrivate === 'true',
  });
}

export interface AmazonConfig {
  /** VTRGUARD_SECRET_KEY (32 bytes); null when unset: connecting a seller then refuses. */
  secretKey: Buffer | null;
  /** VTRGUARD_SP_API_ENDPOINT: one base URL for every region (a local SP-API); null for Amazon's regional hosts. */
  endpoint: string | null;
  /** VTRGUARD_LWA_TOKEN_URL; null for Amazon's. */
  tokenUrl: string | null;
  /** VTRGUARD_FEED_POLL_SECONDS: between getFeed polls of a confirmation feed (default 30 s). */
  feedPollMs?: number;
}

function loadAmazonConfig(env: NodeJS.ProcessEnv): AmazonConfig {
  return Object.freeze({
    secretKey: env.VTRGUARD_SECRET_KEY ? parseSecretKey(env.VTRGUARD_SECRET_KEY) : null,
    endpoint: env.VTRGUARD_SP_API_ENDPOINT || null,
    tokenUrl: env.VTRGUARD_LWA_TOKEN_URL || null,
    ...(env.VTRGUARD_FEED_POLL_SECONDS ? { feedPollMs: feedPollMsOf(env.VTRGUARD_FEED_POLL_SECONDS) } : {}),
  });
}

function feedPollMsOf(text: string): number {
  const seconds = Number(text);
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_FEED_POLL_SECONDS must be a number of seconds above 0, got "${text}"`, { field: 'VTRGUARD_FEED_POLL_SECONDS' });
  }
  return seconds * 1000;
}

/** Names of variables that hold credentials: their values are never printed (core/redact.ts). */
const SECRET_VARIABLE = /(SECRET|PASSWORD|TOKEN|API_KEY|CLIENT_ID|_KEY)$|_SECRET_|^PGPASSWORD$/;

/** Every credential the configuration holds, in the spellings it may travel in, goes into the process's redactor. */
function registerSecrets(env: NodeJS.ProcessEnv, db: string): void {
  for (const [name, value] of Object.entries(env)) {
    if (!value || !SECRET_VARIABLE.test(name)) continue;
    secrets.add(value);
    // HTTP Basic carries id and secret together (UPS's token request).
    const id = /^(.*)_CLIENT_SECRET$/.exec(name)?.[1];
    if (id) secrets.addBasic(env[`${id}_CLIENT_ID`], value);
  }
  try {
    const url = new URL(db);
    secrets.add(decodeURIComponent(url.password), url.searchParams.get('password'), url.searchParams.get('sslpassword'));
  } catch {
    // A SQLite path: no credential in it.
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: { db?: string } = {}): Config {
  const port = Number(env.VTRGUARD_PORT ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_PORT must be a port number, got "${env.VTRGUARD_PORT ?? env.PORT}"`);
  }
  const zones = { ...DEFAULT_ZONES };
  for (const [key, value] of Object.entries(env)) {
    const mp = /^VTRGUARD_TZ_([A-Z]{2})$/.exec(key)?.[1];
    if (mp && value) {
      if (!isMarketplace(mp)) throw new VtrguardError('CONFIG_INVALID', `${key}: unknown marketplace ${mp}`);
      zones[mp] = value;
    }
  }
  const host = env.VTRGUARD_HOST ?? '127.0.0.1';
  const metrics = loadMetricsConfig(env, zones);
  const publicUrl = env.VTRGUARD_PUBLIC_URL ?? `http://localhost:${port}`;
  const db = overrides.db ?? env.VTRGUARD_DB ?? './vtrguard.db';
  registerSecrets(env, db);
  const dbWaitSeconds = Number(env.VTRGUARD_DB_WAIT_SECONDS || BUSY_WAIT_MS.command / 1000);
  if (!Number.isFinite(dbWaitSeconds) || dbWaitSeconds < 0 || dbWaitSeconds > 86_400) {
    throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_DB_WAIT_SECONDS must be a number of seconds from 0 to 86400, got "${env.VTRGUARD_DB_WAIT_SECONDS}"`);
  }
  const webhookWriter = env.VTRGUARD_WEBHOOK_WRITER || 'thread';
  if (webhookWriter !== 'thread' && webhookWriter !== 'inline') {
    throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_WEBHOOK_WRITER must be thread or inline, got "${webhookWriter}"`, { field: 'VTRGUARD_WEBHOOK_WRITER' });
  }
  const rebuildThreads = Number(env.VTRGUARD_REBUILD_THREADS || DEFAULT_REBUILD_THREADS);
  if (!Number.isInteger(rebuildThreads) || rebuildThreads < 0 || rebuildThreads > MAX_REBUILD_THREADS) {
    throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_REBUILD_THREADS must be a whole number of threads from 0 to ${MAX_REBUILD_THREADS}, got "${env.VTRGUARD_REBUILD_THREADS}"`, { field: 'VTRGUARD_REBUILD_THREADS' });
  }
  return Object.freeze({
    db,
    dbWaitSeconds,
    port,
    host,
    defaultSellerId: env.VTRGUARD_SELLER ?? 'default',
    publicUrl,
    zones: Object.freeze(zones),
    metrics,
    amazon: loadAmazonConfig(env),
    access: loadAccessConfig(env, publicUrl),
    amazonConnect: Object.freeze({
      clientId: env.LWA_CLIENT_ID || null,
      clientSecret: env.LWA_CLIENT_SECRET || null,
      refreshToken: env.LWA_REFRESH_TOKEN || null,
      region: env.SP_API_REGION || null,
    }),
    configuredPublicUrl: env.VTRGUARD_PUBLIC_URL ?? null,
    tracking: trackingSettingsFromEnv(env),
    watch: Object.freeze(watchSettingsFromEnv(env)),
    webhookSecrets: Object.freeze(webhookSecretsFromEnv(env)),
    webhookWriter,
    rebuildThreads,
  });
}

/**
 * Where alert links point for a server on `port`: VTRGUARD_PUBLIC_URL when set, else this machine at the port
 * really served (`serve --port 9000` and `npm run demo -- --port 9000` must not link to 8080).
 */
export function publicUrlFor(config: Pick<Config, 'configuredPublicUrl'>, port: number): string {
  return config.configuredPublicUrl ?? `http://localhost:${port}`;
}

interface ConfigFile {
  marketplaces?: Partial<Record<string, MarketplaceMetricsOverride>>;
}

function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_CONFIG: cannot read ${path}`, { file: path });
  }
  try {
    return JSON.parse(text) as ConfigFile;
  } catch (error) {
    throw new VtrguardError('CONFIG_INVALID', `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, { file: path });
  }
}

/**
 * Metric settings: `VTRGUARD_CONFIG` names a JSON file with per-marketplace overrides
 * (`{"marketplaces": {"US": {"attribution": "ship_confirm", "lagDays": 3, "targets": {"otdr": 0.92}}}}`);
 * `VTRGUARD_ATTRIBUTION` and `VTRGUARD_VTR_LAG_DAYS` set every marketplace at once.
 */
function loadMetricsConfig(env: NodeJS.ProcessEnv, zones: Readonly<Record<Marketplace, string>>): MetricsConfig {
  const file = env.VTRGUARD_CONFIG ? readConfigFile(env.VTRGUARD_CONFIG) : {};
  const attribution = env.VTRGUARD_ATTRIBUTION;
  if (attribution !== undefined && attribution !== 'promised_delivery' && attribution !== 'ship_confirm') {
    throw new VtrguardError('CONFIG_INVALID', `VTRGUARD_ATTRIBUTION must be promised_delivery or ship_confirm, got "${attribution}"`);
  }
  const lag = env.VTRGUARD_VTR_LAG_DAYS === undefined ? undefined : Number(env.VTRGUARD_VTR_LAG_DAYS);
  const overrides: Partial<Record<Marketplace, MarketplaceMetricsOverride>> = {};
  for (const [mp, zone] of Object.entries(zones) as [Marketplace, string][]) {
    overrides[mp] = {
      zone,
      ...(attribution ? { attribution } : {}),
      ...(lag !== undefined ? { lagDays: lag } : {}),
      ...file.marketplaces?.[mp],
    };
  }
  for (const key of Object.keys(file.marketplaces ?? {})) {
    if (!isMarketplace(key)) throw new VtrguardError('CONFIG_INVALID', `${env.VTRGUARD_CONFIG}: unknown marketplace ${key}`);
  }
  try {
    return buildMetricsConfig(overrides);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new VtrguardError('CONFIG_INVALID', env.VTRGUARD_CONFIG ? `${env.VTRGUARD_CONFIG}: ${message}` : message, env.VTRGUARD_CONFIG ? { file: env.VTRGUARD_CONFIG } : undefined);
  }
}
