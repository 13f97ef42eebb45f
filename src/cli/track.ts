import type { Command } from 'commander';
import { VtrguardError } from '../core/errors.js';
import { isPullCarrier, PULL_CARRIERS, type PullCarrier } from '../ingest/tracking/clients/index.js';
import { keptFigures } from '../app/kept-figures.js';
import { withStoredCarrierCredentials } from '../app/seller-credentials.js';
import { clientsFromSettings, pollOnce } from '../ingest/tracking/poller.js';
import { action, cliContext, printJson, withStore } from './context.js';

/** `vtrguard track`: one polling pass over every package that still needs it (the worker in `serve` repeats it). */
export function registerTrack(program: Command): void {
  program
    .command('track')
    .description('poll the carrier APIs once for packages with no first scan or not yet delivered (credentials: docs/tracking.md)')
    .option('--carrier <key...>', `only these carriers (${PULL_CARRIERS.join(', ')})`)
    .option('--max <n>', 'stop after this many packages (default: all that are due)')
    .action(action(async (options: { carrier?: string[]; max?: string }, command: Command) => {
      const context = cliContext(command);
      const explicitSeller = command.optsWithGlobals<{ seller?: string }>().seller;
      const carriers: PullCarrier[] = [];
      for (const key of options.carrier ?? PULL_CARRIERS) {
        const lower = key.toLowerCase();
        if (!isPullCarrier(lower)) throw new VtrguardError('BAD_REQUEST', `--carrier: no pull client for "${key}" (use ${PULL_CARRIERS.join(', ')})`);
        carriers.push(lower);
      }
      const summary = await withStore(context, async (store) => {
        // A seller's own account, set through the API or the page, wins over the environment's, as in `serve`.
        const { settings } = await withStoredCarrierCredentials(store, context.config.amazon.secretKey, context.config.tracking);
        return pollOnce({
          store,
          figures: keptFigures(context.config.metrics),
          clients: clientsFromSettings(settings),
          now: Date.now,
          carriers,
          ...(explicitSeller ? { sellerId: explicitSeller } : {}),
          ...(options.max ? { maxPolls: Number(options.max) } : {}),
          log: (line) => process.stderr.write(`${line}\n`),
        });
      });
      if (context.json) {
        printJson(summary);
        return;
      }
      process.stdout.write(
        `Polled ${summary.polled} package(s): ${summary.inserted} new event(s), ${summary.notFound} unknown to the carrier, ${summary.failed} failed.\n`,
      );
      if (summary.skipped.length > 0) process.stdout.write(`Skipped (no or refused credentials): ${summary.skipped.join(', ')}\n`);
    }));
}
