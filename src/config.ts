import { readFileSync } from 'node:fs';
import { parseSecretKey } from './amazon/sealed.js';
import { DEFAULT_ZONES } from './core/time.js';
import { isMarketplace } from './core/domain.js';
import type { Marketplace } from './core/domain.js';
import { VtrguardError } from './core/errors.js';
import { buildMetricsConfig } from './metrics/config.js';
import type { MarketplaceMetricsOverride, MetricsConfig } from './metrics/config.js';

/** The only reader of process.env: validated once, frozen, passed down. */
export interface Config {
  /** SQLite path or postgres:// URL. */
  db: string;
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
  /** Raw environment entries for modules that own their own settings (carrier credentials, notifiers). */
  env: Readonly<Record<string, string | undefined>>;
}

export interface AmazonConfig {
  /** VTRGUARD_SECRET_KEY (32 bytes); null when unset: connecting a seller then refuses. */
  secretKey: Buffer | null;
  /** VTRGUARD_SP_API_ENDPOINT: one base URL for every region (a local SP-API); null for Amazon's regional hosts. */
  endpoint: string | null;
  /** VTRGUARD_LWA_TOKEN_URL; null for Amazon's. */
  tokenUrl: string | null;
}

function loadAmazonConfig(env: NodeJS.ProcessEnv): AmazonConfig {
  return Object.freeze({
    secretKey: env.VTRGUARD_SECRET_KEY ? parseSecretKey(env.VTRGUARD_SECRET_KEY) : null,
    endpoint: env.VTRGUARD_SP_API_ENDPOINT || null,
    tokenUrl: env.VTRGUARD_LWA_TOKEN_URL || null,
  });
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
  return Object.freeze({
    db: overrides.db ?? env.VTRGUARD_DB ?? './vtrguard.db',
    port,
    host,
    defaultSellerId: env.VTRGUARD_SELLER ?? 'default',
    publicUrl: env.VTRGUARD_PUBLIC_URL ?? `http://localhost:${port}`,
    zones: Object.freeze(zones),
    metrics,
    amazon: loadAmazonConfig(env),
    env: Object.freeze({ ...env }),
  });
}

/**
 * Where alert links point for a server on `port`: VTRGUARD_PUBLIC_URL when set, else this machine at the port
 * really served (`serve --port 9000` and `npm run demo -- --port 9000` must not link to 8080).
 */
export function publicUrlFor(config: Pick<Config, 'env'>, port: number): string {
  return config.env.VTRGUARD_PUBLIC_URL ?? `http://localhost:${port}`;
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
    throw new VtrguardError('CONFIG_INVALID', error instanceof Error ? error.message : String(error));
  }
}
