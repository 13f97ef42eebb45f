import type { Command } from 'commander';
import { readForecasts } from '../app/metrics.js';
import { forecastText } from '../metrics/format.js';
import { parseAsOfOption, parseMarketplaceOption } from '../metrics/options.js';
import { action, cliContext, printJson, withStore } from './context.js';

interface ForecastOptions {
  category?: string;
  marketplace?: string;
  asOf?: string;
}

export function registerForecast(program: Command): void {
  program
    .command('forecast')
    .description('VTR per category on each of the next 14 days, when defects leave the window, packages needed to recover')
    .option('--category <category>', 'one product category')
    .option('--marketplace <mp>', 'one marketplace (default: all)')
    .option('--as-of <date>', 'local day YYYY-MM-DD (default: today)')
    .action(
      action(async (options: ForecastOptions, command: Command) => {
        const context = cliContext(command);
        const marketplace = parseMarketplaceOption(options.marketplace);
        const asOf = parseAsOfOption(options.asOf);
        const config = context.config.metrics;
        await withStore(context, async (store) => {
          const forecasts = await readForecasts(store, context.sellerId, marketplace, options.category, { config, now: Date.now(), asOf });
          if (context.json) printJson(marketplace ? (forecasts[0] ?? null) : forecasts);
          else process.stdout.write(`${forecasts.map((f) => forecastText(f)).join('\n\n') || 'no orders imported yet'}\n`);
        }, 'read');
      }),
    );
}
