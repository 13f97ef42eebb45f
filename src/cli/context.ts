import type { Command } from 'commander';
import pc from 'picocolors';
import { loadConfig } from '../config.js';
import type { Config } from '../config.js';
import { VtrguardError, describeLocation } from '../core/errors.js';
import { fromDriverError } from '../store/driver-errors.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';

/** What every command needs: the configuration (with `--db` applied) and the seller it acts for. */
export interface CliContext {
  config: Config;
  sellerId: string;
  json: boolean;
}

interface GlobalOptions {
  db?: string;
  seller?: string;
  json?: boolean;
}

export function cliContext(command: Command): CliContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const config = loadConfig(process.env, options.db ? { db: options.db } : {});
  return { config, sellerId: options.seller ?? config.defaultSellerId, json: options.json === true };
}

/** Opens the configured store for the length of `fn`, and always closes it. */
export async function withStore<T>(context: CliContext, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(context.config.db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Wraps a command's action: expected failures print one clear line and exit 1; bugs print their stack. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (thrown) {
      const error = thrown instanceof VtrguardError ? thrown : (fromDriverError(thrown) ?? thrown);
      if (error instanceof VtrguardError) {
        const where = describeLocation(error.context);
        const message = where && !error.message.startsWith(where) ? `${where}: ${error.message}` : error.message;
        process.stderr.write(`${pc.red('error')} ${error.code}: ${message}\n`);
      } else {
        process.stderr.write(`${pc.red('error')} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
      process.exitCode = 1;
    }
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
