import type { Command } from 'commander';
import pc from 'picocolors';
import { VtrguardError } from '../core/errors.js';
import { formatInstant } from '../core/time.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../server/api-keys.js';
import { action, cliContext, printJson, withStore } from './context.js';

/** `vtrguard keys create|list|revoke`: API keys per seller; a key acts only for its own seller. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys for the REST API, one seller per key');

  keys
    .command('create')
    .description('create an API key for the seller (--seller, default "default"); the key is shown once')
    .option('--name <name>', 'what the key is for, e.g. "zapier" or "ops dashboard"', 'api')
    .action(action(async (options: { name: string }, command: Command) => {
      const context = cliContext(command);
      const created = await withStore(context, (store) => createApiKey(store, context.sellerId, options.name, Date.now()));
      if (context.json) {
        printJson({ keyId: created.keyId, sellerId: created.sellerId, name: created.name, key: created.key });
        return;
      }
      process.stdout.write(
        `${pc.bold(created.key)}\n`
          + `API key ${created.keyId} ("${created.name}") for seller ${created.sellerId}. Keep it now: only its hash is stored.\n`
          + `Use it as "Authorization: Bearer <key>" or "x-api-key: <key>".\n`,
      );
    }));

  keys
    .command('list')
    .description("list the seller's keys (never the keys themselves)")
    .option('--all-sellers', 'list the keys of every seller')
    .action(action(async (options: { allSellers?: boolean }, command: Command) => {
      const context = cliContext(command);
      const list = await withStore(context, (store) => listApiKeys(store, options.allSellers ? undefined : context.sellerId));
      if (context.json) {
        printJson(list.map((k) => ({ ...k, createdAt: formatInstant(k.createdAt), revokedAt: formatInstant(k.revokedAt) })));
        return;
      }
      if (list.length === 0) {
        process.stdout.write('No API keys. Create one with: vtrguard keys create --name <what-for>\n');
        return;
      }
      for (const k of list) {
        const state = k.revokedAt === null ? pc.green('active') : pc.dim(`revoked ${formatInstant(k.revokedAt)}`);
        process.stdout.write(`${k.keyId}  ${k.sellerId.padEnd(16)} ${k.name.padEnd(20)} created ${formatInstant(k.createdAt)}  ${state}\n`);
      }
    }));

  keys
    .command('revoke')
    .description('revoke a key by its id (the part after "vtg_"); it stops working at once')
    .argument('<keyId>', 'the key id shown by "vtrguard keys list"')
    .action(action(async (keyId: string, _options: object, command: Command) => {
      const context = cliContext(command);
      const revoked = await withStore(context, (store) => revokeApiKey(store, keyId, Date.now()));
      if (!revoked) throw new VtrguardError('NOT_FOUND', `No active API key ${keyId}.`, { field: 'keyId', value: keyId });
      if (context.json) printJson({ keyId, revoked: true });
      else process.stdout.write(`API key ${keyId} revoked.\n`);
    }));
}
