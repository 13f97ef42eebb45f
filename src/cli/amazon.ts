import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import pc from 'picocolors';
import { recordCredentialCheck } from '../alerts/signals.js';
import { connectAmazon, type ConnectInput } from '../app/amazon-connect.js';
import { amazonDeps, formatCallLog, type AmazonDeps } from '../app/amazon-context.js';
import { importSkuCategories } from '../app/amazon-categories.js';
import { releaseHeld } from '../app/amazon-confirm.js';
import { feedOf, resumeFeeds } from '../app/amazon-feed.js';
import { latestFeeds } from '../store/amazon.js';
import { describeFeed } from './confirm.js';
import { fetchPerformanceReport } from '../app/amazon-reports.js';
import { amazonStatus, type AmazonStatus } from '../app/amazon-status.js';
import { syncOrders } from '../app/amazon-sync.js';
import { setHoldPolicy } from '../store/amazon.js';
import { VtrguardError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { action, cliContext, printJson, withStore, type CliContext } from './context.js';

export function cliAmazonDeps(context: CliContext, store: Store, verbose: boolean): AmazonDeps {
  return amazonDeps(store, context.config, {
    onCredential: recordCredentialCheck,
    ...(verbose ? { log: (seller, entry) => process.stderr.write(`${pc.dim(formatCallLog(seller, entry))}\n`) } : {}),
  });
}

/** Credentials from a JSON file (or `-`, standard input), else from the LWA_* environment: never from argv. */
async function readCredentials(file: string | undefined, defaults: Config['amazonConnect'], region: string | undefined): Promise<ConnectInput> {
  let fromFile: Partial<Record<'clientId' | 'clientSecret' | 'refreshToken' | 'region', string>> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
    } catch {
      throw new VtrguardError('FILE_NOT_FOUND', undefined, { file });
    }
    try {
      fromFile = JSON.parse(text) as typeof fromFile;
    } catch {
      throw new VtrguardError('BAD_REQUEST', 'the credentials file is not JSON ({"clientId", "clientSecret", "refreshToken", "region"})', { file });
    }
  }
  const pick = (key: keyof typeof fromFile, envName: string) => {
    const value = fromFile[key] ?? defaults[key];
    if (typeof value !== 'string' || value === '') {
      throw new VtrguardError('BAD_REQUEST', `${key} is missing: put it in the --credentials file or ${envName}`, { field: key });
    }
    return value;
  };
  return {
    clientId: pick('clientId', 'LWA_CLIENT_ID'),
    clientSecret: pick('clientSecret', 'LWA_CLIENT_SECRET'),
    refreshToken: pick('refreshToken', 'LWA_REFRESH_TOKEN'),
    region: region ?? fromFile.region ?? defaults.region ?? 'na',
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function dateOption(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Date.parse(text);
  if (Number.isNaN(value)) throw new VtrguardError('BAD_REQUEST', `--${name} must be a date (YYYY-MM-DD), got "${text}"`, { field: name, value: text });
  return value;
}

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16));

function statusText(s: AmazonStatus): string {
  if (!s.connected) return `${s.sellerId}: not connected to Amazon (vtrguard amazon connect)\n`;
  const lines = [`${pc.bold(s.sellerId)} connected${s.region ? ` (${s.region})` : ''}: ${s.marketplaces.map((m) => m.marketplace ?? m.id).join(', ')}`];
  if (s.rotation) {
    const line = `client secret rotation due ${when(s.rotation.dueAt).slice(0, 10)} (${s.rotation.daysLeft} days)`;
    lines.push(s.rotation.warn ? pc.yellow(`warning: ${line}`) : line);
  }
  lines.push(`sync: last ${when(s.sync.lastSuccessAt)}${s.sync.lagMinutes !== null ? ` (${s.sync.lagMinutes} min ago)` : ''}, ${s.sync.ordersSynced} orders synced`
    + `${s.sync.resumable ? ', a run to resume' : ''}`);
  if (s.sync.lastError) lines.push(pc.red(`last sync error ${when(s.sync.lastErrorAt)}: ${s.sync.lastError}`));
  const c = s.confirmations.counts;
  lines.push(`confirmations: ${c.sent} sent, ${c.held} held, ${c.sending ? `${c.sending} sending (in a feed Amazon is processing), ` : ''}`
    + `${c.partial ? `${c.partial} partial (Amazon refused some items), ` : ''}${c.refused} refused, ${c.failed} failed, ${c.skipped} skipped`
    + (s.holdPolicy?.untilFirstScan ? ` (held until the first scan, ${s.holdPolicy.marginMinutes} min before ship-by at the latest)` : ''));
  for (const h of s.confirmations.held) lines.push(`  held ${h.confirmationId} ${h.orderId} #${h.packageRef} until ${when(h.holdUntil)}`);
  for (const r of s.confirmations.refused) {
    const problems = r.problems.map((p) => `${p.message} (fix: ${p.fix})`).join('; ');
    lines.push(`  ${r.state} ${r.orderId}: ${[r.reason, problems].filter(Boolean).join(': ')}`);
  }
  for (const f of s.feeds.filter((feed) => feed.finishedAt === null)) lines.push(`  ${describeFeed(f)}`);
  if (s.differences.length) lines.push(pc.yellow(`${s.differences.length} packages differ from what was sent:`));
  for (const d of s.differences.slice(0, 20)) lines.push(`  ${d.orderId} #${d.packageRef}: ${d.message}`);
  if (s.report) lines.push(`Amazon performance report ${s.report.reportId}: ${s.report.state}, requested ${when(s.report.requestedAt)}`);
  return `${lines.join('\n')}\n`;
}

export function registerAmazon(program: Command): void {
  const amazon = program.command('amazon').description('connect sellers to the Amazon SP-API: orders in, confirmations out, Amazon\'s own figures');

  amazon
    .command('connect')
    .description('store a seller\'s SP-API app credentials (encrypted with VTRGUARD_SECRET_KEY) and find its marketplaces')
    .option('--credentials <file>', 'JSON file {clientId, clientSecret, refreshToken, region}, or - for standard input')
    .option('--region <region>', 'na, eu or fe (default: the file\'s, $SP_API_REGION or na)')
    .option('--secret-created <date>', 'when the LWA client secret was created (for the 180-day rotation warning; default now)')
    .option('--verbose', 'log each SP-API call to standard error')
    .addHelpText('after', `
Without --credentials the values come from LWA_CLIENT_ID, LWA_CLIENT_SECRET and LWA_REFRESH_TOKEN. They are never
printed; connecting again replaces them (a rotated client secret needs no new authorisation).`)
    .action(action(async (options: { credentials?: string; region?: string; secretCreated?: string; verbose?: boolean }, command: Command) => {
      const context = cliContext(command);
      const input = await readCredentials(options.credentials, context.config.amazonConnect, options.region);
      const secretSetAt = dateOption(options.secretCreated, 'secret-created');
      await withStore(context, async (store) => {
        const result = await connectAmazon(cliAmazonDeps(context, store, options.verbose === true), context.sellerId, {
          ...input, ...(secretSetAt !== undefined ? { secretSetAt } : {}),
        });
        if (context.json) return printJson(result);
        process.stdout.write(`${pc.green('connected')} ${result.sellerId} (${result.region}${result.updated ? ', credentials replaced' : ''})\n`);
        for (const m of result.marketplaces) {
          process.stdout.write(`  ${m.marketplace ?? pc.dim('—')}  ${m.id}  ${m.name}${m.marketplace ? '' : pc.dim(' (not measured by vtrguard)')}\n`);
        }
        const due = new Date(result.rotation.dueAt).toISOString().slice(0, 10);
        const line = `client secret rotation due ${due} (${result.rotation.daysLeft} days)`;
        process.stdout.write(`${result.rotation.warn ? pc.yellow(`warning: ${line}`) : line}\n`);
        process.stdout.write(`next: vtrguard amazon sync --seller ${result.sellerId}   (the first run backfills 60 days)\n`);
      });
    }));

  amazon
    .command('sync')
    .description('read the seller\'s merchant-fulfilled orders from Amazon since the last run (the first run: 60 days)')
    .option('--max-pages <n>', 'stop after this many pages; the next run resumes there')
    .option('--verbose', 'log each SP-API call to standard error')
    .action(action(async (options: { maxPages?: string; verbose?: boolean }, command: Command) => {
      const context = cliContext(command);
      const maxPages = options.maxPages === undefined ? undefined : Number(options.maxPages);
      if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) {
        throw new VtrguardError('BAD_REQUEST', `--max-pages must be a positive whole number, got "${options.maxPages}"`, { field: 'max-pages' });
      }
      await withStore(context, async (store) => {
        const result = await syncOrders(cliAmazonDeps(context, store, options.verbose === true), context.sellerId, {
          ...(maxPages !== undefined ? { maxPages } : {}),
          onPage: (p) => {
            if (!context.json && process.stderr.isTTY) process.stderr.write(`\rpage ${p.pages}: ${p.ordersWritten} orders written`);
          },
        });
        if (!context.json && process.stderr.isTTY) process.stderr.write('\n');
        if (context.json) return printJson(result);
        process.stdout.write(
          `${result.complete ? pc.green('synced') : pc.yellow('paused')} ${result.ordersWritten} orders written, ${result.duplicates} already current, `
            + `${result.pages} pages${result.skipped ? `, ${result.skipped} in marketplaces vtrguard does not measure` : ''}\n`,
        );
      });
    }));

  amazon
    .command('status')
    .description('connected marketplaces, last sync and its lag, held and refused confirmations, Amazon\'s latest report')
    .action(action(async (_options: unknown, command: Command) => {
      const context = cliContext(command);
      await withStore(context, async (store) => {
        const status = await amazonStatus(cliAmazonDeps(context, store, false), context.sellerId);
        if (context.json) printJson(status);
        else process.stdout.write(statusText(status));
      });
    }));

  amazon
    .command('hold')
    .description('hold confirmations until the package\'s first carrier scan, never past the latest ship date minus a margin')
    .option('--off', 'send confirmations at once (the default policy)')
    .option('--margin <minutes>', 'send this long before the latest ship date at the latest', '120')
    .action(action(async (options: { off?: boolean; margin: string }, command: Command) => {
      const context = cliContext(command);
      const margin = Number(options.margin);
      if (!Number.isInteger(margin) || margin < 0) throw new VtrguardError('BAD_REQUEST', `--margin must be whole minutes, got "${options.margin}"`, { field: 'margin' });
      await withStore(context, async (store) => {
        const policy = options.off ? null : { untilFirstScan: true, marginMinutes: margin };
        if ((await setHoldPolicy(store, context.sellerId, policy, Date.now())) === 0) {
          throw new VtrguardError('AMAZON_NOT_CONNECTED', `seller ${context.sellerId} has no Amazon connection; run vtrguard amazon connect`);
        }
        if (context.json) printJson({ holdPolicy: policy });
        else process.stdout.write(policy ? `confirmations are held until the first carrier scan, ${margin} min before the latest ship date at the latest\n` : 'confirmations are sent at once\n');
      });
    }));

  amazon
    .command('release')
    .description('send a held confirmation now')
    .argument('<confirmation-id>', 'from vtrguard amazon status')
    .option('--verbose', 'log each SP-API call to standard error')
    .action(action(async (id: string, options: { verbose?: boolean }, command: Command) => {
      const context = cliContext(command);
      await withStore(context, async (store) => {
        const outcome = await releaseHeld(cliAmazonDeps(context, store, options.verbose === true), context.sellerId, id);
        if (context.json) printJson(outcome);
        else process.stdout.write(`${outcome.state} ${outcome.orderId} #${outcome.packageRef}${outcome.reason ? `: ${outcome.reason}` : ''}\n`);
        if (outcome.state !== 'sent') process.exitCode = 1;
      });
    }));

  amazon
    .command('report')
    .description('fetch Amazon\'s seller performance report now (create, poll, read) and set it beside vtrguard\'s figures')
    .option('--tolerance <points>', 'percentage points of difference that raise the amazon_figures alert', '0.5')
    .option('--verbose', 'log each SP-API call to standard error')
    .action(action(async (options: { tolerance: string; verbose?: boolean }, command: Command) => {
      const context = cliContext(command);
      const tolerancePoints = Number(options.tolerance);
      if (!(tolerancePoints >= 0)) throw new VtrguardError('BAD_REQUEST', `--tolerance must be a number of points, got "${options.tolerance}"`, { field: 'tolerance' });
      await withStore(context, async (store) => {
        const result = await fetchPerformanceReport(cliAmazonDeps(context, store, options.verbose === true), context.sellerId, { tolerancePoints });
        if (context.json) return printJson(result);
        process.stdout.write(`report ${result.reportId}: ${result.state}\n`);
        for (const g of result.gaps) {
          const pct = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(2)}%`);
          const line = `  ${g.marketplace} ${g.metric.toUpperCase()}: Amazon ${pct(g.amazon.rate)}, vtrguard ${pct(g.ours?.rate)}`;
          process.stdout.write(`${g.beyondTolerance ? pc.yellow(`${line} — ${g.gapPoints} points apart; likely: ${g.likelyReason}`) : line}\n`);
        }
        for (const w of result.warnings) process.stderr.write(`${pc.yellow('warning')} ${w}\n`);
      });
    }));

  amazon
    .command('feeds')
    .description('the latest confirmation feeds; polls those Amazon still processes (also those a stopped process left) and applies their outcome')
    .option('--wait', 'follow each open feed until Amazon has processed it')
    .option('--verbose', 'log each SP-API call to standard error')
    .action(action(async (options: { wait?: boolean; verbose?: boolean }, command: Command) => {
      const context = cliContext(command);
      await withStore(context, async (store) => {
        const deps = cliAmazonDeps(context, store, options.verbose === true);
        await resumeFeeds(deps, context.sellerId, {
          wait: options.wait === true,
          onProgress: (feed, polls) => process.stderr.write(`${pc.dim(`feed ${feed.feedId} (${feed.marketplace}): ${feed.state}, poll ${polls}`)}\n`),
        });
        const feeds = (await latestFeeds(store, context.sellerId, 20)).map(feedOf);
        if (context.json) return printJson({ feeds });
        if (feeds.length === 0) process.stdout.write('no confirmation feeds\n');
        for (const f of feeds) process.stdout.write(`${describeFeed(f)}\n`);
      });
    }));

  amazon
    .command('categories')
    .description('replace the seller\'s SKU -> product category list (CSV with sku,category): it wins over the catalog')
    .argument('<file>', 'CSV file with a header sku,category')
    .action(action(async (file: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      await withStore(context, async (store) => {
        const count = await importSkuCategories(store, context.sellerId, file);
        if (context.json) return printJson({ skus: count });
        process.stdout.write(`${count} SKUs mapped to categories; the next sync applies them\n`);
      });
    }));
}
