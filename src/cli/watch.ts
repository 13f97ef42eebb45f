import type { Command } from 'commander';
import { formatInstant } from '../core/time.js';
import { listWatch } from '../ingest/tracking/watch.js';
import { action, cliContext, numberOption, printJson, withStore } from './context.js';

/** `vtrguard watch`: packages with no carrier scan past their carrier's threshold, oldest first. */
export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('list confirmed packages with no carrier scan yet (oldest first) and what to do about each')
    .option('--hours <n>', 'threshold for every carrier (default $VTRGUARD_WATCH_HOURS or 24, per carrier $VTRGUARD_WATCH_HOURS_<CARRIER>)',
      numberOption({ min: 0, above: true }))
    .option('--limit <n>', 'at most this many packages', numberOption({ min: 1, max: 100_000, integer: true }), 500)
    .action(action(async (options: { hours?: number; limit: number }, command: Command) => {
      const context = cliContext(command);
      const configured = context.config.watch;
      const settings = options.hours === undefined ? configured : { defaultHours: options.hours, hoursByCarrier: {} };
      const now = Date.now();
      const items = await withStore(context, (store) => listWatch(store, context.sellerId, now, settings, options.limit), 'read');
      if (context.json) {
        printJson({ asOf: formatInstant(now), items: items.map((i) => ({ ...i, confirmedAt: formatInstant(i.confirmedAt) })) });
        return;
      }
      if (items.length === 0) {
        process.stdout.write('No package is waiting for its first carrier scan.\n');
        return;
      }
      for (const i of items) {
        process.stdout.write(
          `${formatInstant(i.confirmedAt)}  ${String(i.hoursWaiting).padStart(6)} h  ${(i.carrierCode ?? '?').padEnd(8)} ${i.trackingNumber.padEnd(24)} ${i.orderId}\n`
          + `    → ${i.nextStep.text}\n`,
        );
      }
      process.stdout.write(`${items.length} package(s) without a carrier scan.\n`);
    }));
}
