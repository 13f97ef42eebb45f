import type { Command } from 'commander';
import { Option } from 'commander';
import cliProgress from 'cli-progress';
import { isMarketplace } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import type { ImportSummary } from '../ingest/import.js';
import { IMPORT_FORMATS } from '../ingest/map-context.js';
import type { ImportFormat } from '../ingest/map-context.js';
import { evaluateAlerts } from '../alerts/evaluate.js';
import { alertTargets } from './alerts.js';
import { importFiles } from '../app/import.js';
import type { ImportRequest } from '../app/import.js';
import { action, cliContext, printJson, withStore } from './context.js';

interface ImportCommandOptions {
  format?: ImportFormat;
  skipInvalid?: boolean;
  rejects?: string;
  marketplace: string;
  encoding: string;
  progress: boolean;
}

function describe(summary: ImportSummary): string {
  if (summary.alreadyImported) return `${summary.file}: already imported (same content) — nothing changed`;
  const rate = summary.seconds > 0 ? Math.round(summary.rowsRead / summary.seconds) : summary.rowsRead;
  let text = `${summary.file}: imported ${summary.rowsImported} of ${summary.rowsRead} rows as ${summary.format} in ${summary.seconds.toFixed(2)} s (${rate} rows/s)`;
  for (const [reason, rows] of Object.entries(summary.skipped)) text += `\n  ${rows} ${rows === 1 ? 'row' : 'rows'} skipped: ${reason}`;
  if (summary.rejectsFile) text += `\n  ${summary.rowsRejected} rejected rows written with reasons to ${summary.rejectsFile}`;
  return text;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import files: vtrguard shipments CSV, tracking events JSONL, Amazon All Orders report, Amazon shipping confirmations')
    .argument('<files...>', 'files to import, in order (- reads standard input)')
    .addOption(new Option('--format <format>', 'file format (sniffed from the first line when omitted)').choices(IMPORT_FORMATS))
    .option('--skip-invalid', 'import the good rows and write rejected rows with reasons to a report file')
    .option('--rejects <file>', 'where --skip-invalid writes rejected rows (default FILE.rejected.csv)')
    .option('--marketplace <mp>', 'marketplace for files that carry none (Amazon confirmations)', 'US')
    .option('--encoding <name>', 'text encoding: auto (a byte-order mark, else UTF-8), windows-1252, shift_jis, utf-16le, …', 'auto')
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', `
Each file is imported all or nothing: a bad row stops the import with its file, line and column,
and nothing of that file is kept. Importing the same file again changes nothing.
Gzip files (.gz) are read as they are. Amazon's flat files are windows-1252 outside Japan and shift_jis
on Amazon.co.jp: a row with bytes that are not UTF-8 is named, and --encoding reads it right.
A shipments CSV may be separated by commas, semicolons or tabs: its header tells which.

Examples:
  vtrguard import shipments.csv
  vtrguard import events.jsonl --format events
  vtrguard import all-orders.txt confirmations.txt --marketplace UK
  vtrguard import big.csv --skip-invalid --rejects rejected.csv
  vtrguard import all-orders-de.txt.gz --encoding windows-1252
  gunzip -c shipments.csv.gz | vtrguard import -`)
    .action(
      action(async (files: string[], options: ImportCommandOptions, command: Command) => {
        const context = cliContext(command);
        const marketplace = options.marketplace.toUpperCase();
        if (!isMarketplace(marketplace)) throw new VtrguardError('BAD_REQUEST', `--marketplace: unknown marketplace ${options.marketplace}`);
        await withStore(context, async (store) => {
          // One bar per file (none without a terminal), in the order the files are imported.
          const bars: (cliProgress.SingleBar | null)[] = [];
          const requests = files.map((file): ImportRequest => {
            const name = file === '-' ? 'stdin' : file;
            const bar = options.progress && process.stderr.isTTY && !context.json
              ? new cliProgress.SingleBar({ format: `${name} [{bar}] {percentage}% | {rows} rows | {phase}`, stream: process.stderr }, cliProgress.Presets.shades_classic)
              : null;
            bars.push(bar);
            let started = 0;
            return {
              source: file === '-' ? { stream: process.stdin, name } : { path: file },
              ...(options.format ? { format: options.format } : {}),
              marketplace,
              encoding: options.encoding,
              skipInvalid: options.skipInvalid === true,
              // Beside the input file, or here for standard input (its copy is temporary).
              ...(options.rejects || file === '-' ? { rejectsFile: options.rejects ?? 'stdin.rejected.csv' } : {}),
              onStart: () => {
                started = Date.now();
                bar?.start(100, 0, { rows: 0, phase: 'reading' });
              },
              onProgress: (p) => {
                const share = p.totalBytes > 0 ? Math.min(p.bytes / p.totalBytes, 1) : 1;
                const left = share > 0 ? ((Date.now() - started) / 1000) * (1 / share - 1) : 0;
                bar?.update(Math.floor(share * 100), { rows: p.rows, phase: `${Math.ceil(left)} s left to read` });
              },
              onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
              onUpdatingMetrics: () => {
                // Drawn now: the refresh holds the event loop, so the bar's timer would not draw it before the end.
                bar?.update(100, { phase: 'updating metrics' });
                bar?.render();
              },
            };
          });
          let imported = 0;
          try {
            await importFiles({
              store,
              sellerId: context.sellerId,
              metricsConfig: context.config.metrics,
              now: Date.now,
              // New rows can change an alert's state; notify now rather than at the server's next schedule.
              evaluateAlerts: (now) => evaluateAlerts(store, context.sellerId, now, {
                dashboardUrl: context.config.publicUrl,
                metricsConfig: context.config.metrics,
                delivery: { targets: alertTargets(context) },
              }),
              onAlertError: (error) => process.stderr.write(`warning: alert evaluation after import failed: ${error instanceof Error ? error.message : String(error)}\n`),
            }, requests, (summary) => {
              const bar = bars[imported++];
              bar?.update(100, { phase: 'done' });
              bar?.stop();
              if (context.json) printJson(summary);
              else process.stdout.write(`${describe(summary)}\n`);
            });
          } finally {
            // A failed file leaves its bar running; stopping a stopped bar does nothing.
            for (const bar of bars) bar?.stop();
          }
        });
      }),
    );
}
