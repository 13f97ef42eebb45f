import { DEFAULT_ZONES } from './core/time.js';
import { isMarketplace } from './core/domain.js';
import type { Marketplace } from './core/domain.js';
import { VtrguardError } from './core/errors.js';

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
  /** Raw environment entries for modules that own their own settings (carrier credentials, notifiers). */
  env: Readonly<Record<string, string | undefined>>;
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
  return Object.freeze({
    db: overrides.db ?? env.VTRGUARD_DB ?? './vtrguard.db',
    port,
    host,
    defaultSellerId: env.VTRGUARD_SELLER ?? 'default',
    publicUrl: env.VTRGUARD_PUBLIC_URL ?? `http://localhost:${port}`,
    zones: Object.freeze(zones),
    env: Object.freeze({ ...env }),
  });
}
