import type { Command } from 'commander';
import pc from 'picocolors';
import { VtrguardError } from '../core/errors.js';
import { formatInstant } from '../core/time.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../server/api-keys.js';
import { addOperatorSellers } from '../store/operators.js';
import { action, cliContext, printJson, withStore } from './context.js';

/** `vtrguard keys create|list|revoke`: API keys per seller; a key acts only for its own seller. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys for the REST API, one seller per key');

  keys
    .command('create')
    .description('create an API key for the seller (--seller, default "default"), or with --operator one for a 3PL over its sellers; the key is shown once')
    .option('--name <name>', 'what the key is for, e.g. "zapier" or "ops dashboard"', 'api')
    .option('--operator <operatorId>', 'an operator (3PL) key: it sees the overview of the operator\'s sellers and acts for each')
    .option('--sellers <ids>', 'with --operator: sellers to add to the operator\'s (comma-separated; kept for its other keys too)')
    .action(action(async (options: { name: string; operator?: string; sellers?: string }, command: Command) => {
      const context = cliContext(command);
      if (options.sellers !== undefined && options.operator === undefined) {
        throw new VtrguardError('BAD_REQUEST', '--sellers goes with --operator', { field: 'sellers' });
      }
      const sellers = (options.sellers ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
      const created = await withStore(context, async (store) => {
        const now = Date.now();
        if (options.operator === undefined) return createApiKey(store, context.sellerId, options.name, now);
        for (const seller of sellers) await store.ensureSeller(seller);
        await addOperatorSellers(store, options.operator, sellers, now);
        return createApiKey(store, options.operator, options.name, now, { operator: true });
      });
      if (context.json) {
        printJson({ keyId: created.keyId, sellerId: created.sellerId, operator: created.operator, name: created.name, key: created.key, ...(created.operator ? { sellers } : {}) });
        return;
      }
      const whose = created.operator
        ? `operator ${created.sellerId}${sellers.length > 0 ? ` (sellers added: ${sellers.join(', ')})` : ''}; name the seller of each request in the x-vtrguard-seller header`
        : `seller ${created.sellerId}`;
      process.stdout.write(
        `${pc.bold(created.key)}\n`
          + `API key ${created.keyId} ("${created.name}") for ${whose}. Keep it now: only its hash is stored.\n`
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
