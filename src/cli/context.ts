import { existsSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { assertKnownSeller } from '../app/known-names.js';
import pc from 'picocolors';
import { loadConfig } from '../config.js';
import type { Config } from '../config.js';
import { secrets } from '../core/redact.js';
import { VtrguardError, describeLocation } from '../core/errors.js';
import { fromDriverError } from '../store/driver-errors.js';
import { isPostgresTarget, openStore } from '../store/open.js';
import type { Store } from '../store/store.js';

/** Where `vtrguard demo` puts its database unless --db names another. */
export const DEMO_DB = './vtrguard-demo.db';

/** What every command needs: the configuration (with `--db` applied) and the seller it acts for. */
export interface CliContext {
  config: Config;
  sellerId: string;
  /** `--seller` was given: a name the database does not know is then a typo to report. */
  sellerGiven: boolean;
  json: boolean;
}

interface GlobalOptions {
  db?: string;
  seller?: string;
  json?: boolean;
}

export function cliContext(command: Command): CliContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const config = loadConfig(undefined, options.db ? { db: options.db } : {});
  return { config, sellerId: options.seller ?? config.defaultSellerId, sellerGiven: options.seller !== undefined, json: options.json === true };
}

/** `read`: the command only reads, so a missing SQLite file and an unknown `--seller` are errors, never created. */
export type StoreAccess = 'read' | 'write';

/**
 * Opens the configured store for the length of `fn`, and always closes it. A read never creates a database:
 * `vtrguard metrics` after `npm run demo` used to make an empty ./vtrguard.db and report nothing.
 */
export async function withStore<T>(context: CliContext, fn: (store: Store) => Promise<T>, access: StoreAccess = 'write'): Promise<T> {
  const target = context.config.db;
  if (access === 'read' && !isPostgresTarget(target) && !existsSync(target)) {
    const demo = existsSync(DEMO_DB) ? ` The demo's database is ${DEMO_DB}: add --db ${DEMO_DB}.` : '';
    throw new VtrguardError('FILE_NOT_FOUND', `No database at ${target} (--db, $VTRGUARD_DB).${demo} Import data with vtrguard import, or create the demo with vtrguard demo.`, { file: target });
  }
  const store = await openStore(target, { busyWaitMs: context.config.dbWaitSeconds * 1000 });
  try {
    if (access === 'read' && context.sellerGiven) await assertKnownSeller(store, context.sellerId);
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * A numeric option's parser: commander reports what it throws as one line naming the option (`watch --limit 0`,
 * `--hours abc`) and exits 1.
 */
export function numberOption(range: { min: number; max?: number; integer?: boolean; above?: boolean }): (text: string) => number {
  const { min, max = Number.MAX_SAFE_INTEGER, integer = false, above = false } = range;
  const wanted = `${integer ? 'a whole number' : 'a number'} ${above ? `above ${min}` : `from ${min}`}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`;
  return (text: string) => {
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || (above ? value <= min : value < min) || value > max) {
      throw new InvalidArgumentError(`wants ${wanted}.`);
    }
    return value;
  };
}

/** What an error that is not one of vtrguard's says in one line: its message (and code), never a stack. */
export function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: unknown }).code;
  return `${typeof code === 'string' ? `${code}: ` : ''}${error.message.split('\n', 1)[0]}`;
}

/** Wraps a command's action: every failure prints one clear line and exits 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (thrown) {
      const error = thrown instanceof VtrguardError ? thrown : (fromDriverError(thrown) ?? thrown);
      if (error instanceof VtrguardError) {
        const where = describeLocation(error.context);
        const message = where && !error.message.startsWith(where) ? `${where}: ${error.message}` : error.message;
        process.stderr.write(secrets.redact(`${pc.red('error')} ${error.code}: ${message}\n`));
      } else {
        process.stderr.write(secrets.redact(`${pc.red('error')} ${oneLine(error)}\n`));
      }
      process.exitCode = 1;
    }
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
