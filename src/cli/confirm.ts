import type { Command } from 'commander';
import pc from 'picocolors';
import type { ConfirmationOutcome, ConfirmationRequest } from '../app/amazon-confirm.js';
import { confirmMany, FEED_THRESHOLD, type FeedSubmission } from '../app/amazon-feed.js';
import { VtrguardError } from '../core/errors.js';
import { readConfirmationLines } from '../ingest/confirmation-requests.js';
import { cliAmazonDeps } from './amazon.js';
import { action, cliContext, printJson, withStore } from './context.js';

interface ConfirmOptions {
  order?: string;
  carrier?: string;
  carrierName?: string;
  method?: string;
  shipDate?: string;
  packageRef?: string;
  file?: string;
  feed?: boolean;
  hold?: boolean;
  verbose?: boolean;
}

export function describeFeed(f: FeedSubmission): string {
  const counts = f.processed === null ? '' : `, Amazon accepted ${f.successful ?? '?'} of ${f.processed} rows`;
  const open = f.finishedAt === null ? ' — still with Amazon: vtrguard amazon feeds --wait follows it (vtrguard serve does too)' : '';
  return `feed ${f.feedId ?? '(not submitted)'} (${f.marketplace}, ${f.packages} packages in ${f.rows} rows): ${f.state}${counts}`
    + `${f.reason && f.state !== 'DONE' ? `: ${f.reason}` : ''}${open}`;
}

function describe(o: ConfirmationOutcome): string {
  const head = `${o.orderId}${o.packageRef ? ` #${o.packageRef}` : ''}`;
  switch (o.state) {
    case 'sent':
      return `${pc.green('sent')}     ${head}`;
    case 'held':
      return `${pc.cyan('held')}     ${head} until its first carrier scan, ${new Date(o.holdUntil!).toISOString()} at the latest`;
    case 'skipped':
      return `${pc.dim('skipped')}  ${head}: ${o.reason}`;
    case 'refused':
      return `${pc.red('refused')}  ${head}\n${o.problems.map((p) => `           ${p.message}\n           fix: ${p.fix}`).join('\n')}`;
    case 'partial':
      return `${pc.yellow('partial')}  ${head}: ${o.reason}\n${o.problems.map((p) => `           ${p.message}\n           fix: ${p.fix}`).join('\n')}`;
    default:
      return `${pc.yellow(o.state)}   ${head}: ${o.reason}`;
  }
}

/** `vtrguard confirm`: the gateway from the command line (one package, or a CSV of many). */
export function registerConfirm(program: Command): void {
  program
    .command('confirm')
    .description('confirm shipments to Amazon through the gateway: anything that would be a VTR defect is refused with the fix')
    .argument('[tracking-number-or-file]', 'a tracking number (with --order, --carrier), or a CSV of packages')
    .option('--order <id>', 'Amazon order id')
    .option('--carrier <code>', 'Amazon carrier code, exactly as Amazon lists it (UPS, USPS, FedEx, Royal Mail, …)')
    .option('--carrier-name <name>', 'the carrier\'s name, with carrier code Other')
    .option('--method <shipping-method>', 'shipping method (e.g. Ground)')
    .option('--ship-date <date>', 'when the package was handed over (default now)')
    .option('--package-ref <n>', 'Amazon package reference (1, 2, …): the same one again edits that package')
    .option('--file <csv>', 'a CSV of packages to confirm (as the argument)')
    .option('--feed', `send a file's packages as one POST_FLAT_FILE_FULFILLMENT_DATA feed (the default from ${FEED_THRESHOLD} packages)`)
    .option('--no-feed', 'send one confirmShipment call per package, however many')
    .option('--no-hold', 'send now even when the seller\'s policy holds confirmations until the first scan')
    .option('--verbose', 'log each SP-API call to standard error')
    .addHelpText('after', `
CSV columns (header names; - or _ alike): order_id, carrier_code, tracking_number, ship_date, and optionally
package_ref, carrier_name, shipping_method, order_item_id, quantity, buy_shipping (rows of one package are its items).
A feed takes minutes while Amazon processes it: the command waits, printing each poll to standard error, then reads
the processing report back and shows each package as sent, partial (Amazon refused some of its items: named, with
the fix) or failed with Amazon's message. Stopped meanwhile, the feed is kept: vtrguard amazon feeds resumes it.
Exit status 1 when anything was refused, partial or failed.`)
    .action(action(async (target: string | undefined, options: ConfirmOptions, command: Command) => {
      const context = cliContext(command);
      let requests: (ConfirmationRequest & { line?: number })[];
      const file = options.file ?? (options.order === undefined ? target : undefined);
      if (file !== undefined) {
        requests = await readConfirmationLines(file);
      } else {
        if (!target || !options.order || !options.carrier) {
          throw new VtrguardError('BAD_REQUEST', 'give a tracking number with --order and --carrier, or a CSV file');
        }
        const shipDate = options.shipDate === undefined ? Date.now() : Date.parse(options.shipDate);
        if (Number.isNaN(shipDate)) throw new VtrguardError('BAD_REQUEST', `--ship-date: "${options.shipDate}" is not a date`, { field: 'ship-date' });
        requests = [{
          orderId: options.order, carrierCode: options.carrier, carrierName: options.carrierName ?? null, shippingMethod: options.method ?? null,
          trackingNumber: target, shipDate, packageRef: options.packageRef ?? null,
        }];
      }
      await withStore(context, async (store) => {
        const { feeds, outcomes } = await confirmMany(cliAmazonDeps(context, store, options.verbose === true), context.sellerId, requests, {
          ...(options.hold === false ? { hold: null } : {}), ...(options.feed !== undefined ? { feed: options.feed } : {}),
          onProgress: (feed, polls) => process.stderr.write(`${pc.dim(`feed ${feed.feedId} (${feed.marketplace}): ${feed.state}, poll ${polls}`)}\n`),
        });
        if (context.json) printJson({ feeds, outcomes });
        else for (const line of [...feeds.map(describeFeed), ...outcomes.map(describe)]) process.stdout.write(`${line}\n`);
        if (outcomes.some((o) => o.state === 'refused' || o.state === 'failed' || o.state === 'partial')) process.exitCode = 1;
      });
    }));
}
