import type { Command } from 'commander';
import { readMetrics } from '../app/metrics.js';
import { metricsText } from '../metrics/format.js';
import { parseAsOfOption, parseMarketplaceOption, parseViewOption } from '../metrics/options.js';
import { action, cliContext, printJson, withStore } from './context.js';

interface MetricsOptions {
  asOf?: string;
  marketplace?: string;
  recompute?: boolean;
  view?: string;
  json?: boolean;
}

export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('VTR (overall, per category, per carrier), LSR, CR and OTDR per marketplace')
    .option('--as-of <date>', 'local day YYYY-MM-DD (default: today in the marketplace time zone)')
    .option('--marketplace <mp>', 'one marketplace (default: every marketplace with orders)')
    .option('--recompute', 'compute from raw rows instead of daily rollups')
    .option('--view <view>', 'live (windows end on as-of: what Amazon will show) or amazon (VTR lagged 14 days: what Seller Central shows today)', 'live')
    .option('--json', 'print the metrics JSON (docs/metrics.md)')
    .action(
      action(async (options: MetricsOptions, command: Command) => {
        const context = cliContext(command);
        const marketplace = parseMarketplaceOption(options.marketplace);
        const asOf = parseAsOfOption(options.asOf);
        const view = parseViewOption(options.view);
        const config = context.config.metrics;
        await withStore(context, async (store) => {
          const reports = await readMetrics(store, context.sellerId, marketplace, {
            config, now: Date.now(), asOf, recompute: options.recompute === true, view,
          });
          if (context.json || options.json) printJson(marketplace ? (reports[0] ?? null) : reports);
          else process.stdout.write(`${reports.map(metricsText).join('\n\n') || 'no orders imported yet'}\n`);
        }, 'read');
      }),
    );
}
