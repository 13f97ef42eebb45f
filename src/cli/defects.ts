import { Option } from 'commander';
import type { Command } from 'commander';
import { assertKnownFilter } from '../app/known-names.js';
import { VtrguardError } from '../core/errors.js';
import { localDay } from '../core/time.js';
import { listDefects } from '../app/defect-list.js';
import { defectsCsv, defectsText } from '../metrics/format.js';
import { configForView } from '../metrics/config.js';
import { parseAsOfOption, parseDefectMetric, parseMarketplaceOption, parseViewOption } from '../metrics/options.js';
import { action, cliContext, printJson, withStore } from './context.js';

interface DefectsOptions {
  metric: string;
  carrier?: string;
  category?: string;
  marketplace?: string;
  asOf?: string;
  view?: string;
  format: 'csv' | 'json' | 'table';
}

export function registerDefects(program: Command): void {
  program
    .command('defects')
    .description('one row per defect package (VTR, OTDR, their Prime lines) or order (LSR, CR, Prime on-time shipment and cancels), with its reasons')
    .requiredOption('--metric <metric>', 'vtr, lsr, cr, otdr; for Prime orders sfp_vtr, sfp_ship (not scanned by the ship-by), sfp_cancel, sfp_otdr')
    .option('--carrier <carrier>', 'carrier code, or the name typed for Other')
    .option('--category <category>', 'product category')
    .option('--marketplace <mp>', 'marketplace', 'US')
    .option('--as-of <date>', 'local day YYYY-MM-DD (default: today)')
    .option('--view <view>', 'live, or amazon (the VTR window lagged as Seller Central shows it)', 'live')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'table']).default('table'))
    .action(
      action(async (options: DefectsOptions, command: Command) => {
        const context = cliContext(command);
        const metric = parseDefectMetric(options.metric);
        const marketplace = parseMarketplaceOption(options.marketplace);
        if (!marketplace) throw new VtrguardError('BAD_REQUEST', '--marketplace is required');
        const config = configForView(context.config.metrics, parseViewOption(options.view));
        const cfg = config[marketplace];
        const now = Date.now();
        const asOf = parseAsOfOption(options.asOf) ?? localDay(now, cfg.zone);
        await withStore(context, async (store) => {
          await assertKnownFilter(store, context.sellerId, marketplace, { carrier: options.carrier, category: options.category }, config);
          const { rows } = await listDefects(store, context.sellerId, marketplace, {
            metric, asOf, ...(options.carrier ? { carrier: options.carrier } : {}), ...(options.category ? { category: options.category } : {}),
          }, { config, now });
          if (context.json || options.format === 'json') printJson(rows);
          else if (options.format === 'csv') process.stdout.write(defectsCsv(rows));
          else process.stdout.write(`${defectsText(rows)}\n`);
        }, 'read');
      }),
    );
}
