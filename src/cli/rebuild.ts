import type { Command } from 'commander';
import pc from 'picocolors';
import { rebuildFigures } from '../app/rebuild-figures.js';
import { action, cliContext, printJson, withStore } from './context.js';

/** `vtrguard rebuild`: the kept figures counted again from raw rows (after an upgrade, a changed exemption, or as a check). */
export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description('count the kept figures (metrics, defect lists, past as-of steps) again from raw rows')
    .option('--all', 'every seller of the database, not only --seller')
    .option('--stale', 'only sellers whose figures an older build or another configuration kept')
    .action(action(async (options: { all?: boolean; stale?: boolean }, command: Command) => {
      const context = cliContext(command);
      // A database or seller that does not exist has nothing to count: 'read' refuses both instead of creating them.
      await withStore(context, async (store) => {
        const rebuilt = await rebuildFigures(store, context.config.metrics, {
          ...(options.all === true ? {} : { sellerIds: [context.sellerId] }),
          onlyStale: options.stale === true,
          spanThreads: { threads: context.config.rebuildThreads },
          onRebuilt: ({ sellerId, ms }) => {
            if (!context.json) process.stdout.write(`${pc.green('rebuilt')} ${sellerId} in ${(ms / 1000).toFixed(1)} s\n`);
          },
        });
        if (context.json) printJson({ rebuilt });
        else if (rebuilt.length === 0) process.stdout.write('every figure is current; nothing rebuilt\n');
      }, 'read');
    }));
}
