import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import pc from 'picocolors';
import { VtrguardError } from '../core/errors.js';
import { parsePerformanceReport } from '../ingest/amazon-performance-report.js';
import { percent, table } from '../metrics/format.js';
import { reconcile } from '../app/reconcile.js';
import type { ReconcileRow } from '../app/reconcile.js';
import { action, cliContext, printJson, withStore } from './context.js';

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new VtrguardError('FILE_NOT_FOUND', undefined, { file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new VtrguardError('IMPORT_UNKNOWN_FORMAT', `not JSON: ${(error as Error).message}`, { file });
  }
}

const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
const signed = (v: number | null, pct = false) => (v === null ? '—' : `${v > 0 ? '+' : ''}${pct ? `${(v * 100).toFixed(2)} pts` : v}`);

function text(rows: readonly ReconcileRow[]): string {
  return table(
    ['mp', 'metric', 'Amazon window', 'Amazon', 'ours', 'Δ count', 'Δ total', 'Δ rate'],
    rows.map((r) => [
      r.marketplace,
      r.metric.toUpperCase(),
      r.window ? `${r.window.from} … ${r.window.to}` : '—',
      `${n(r.amazon.hits)}/${n(r.amazon.total)} ${percent(r.amazon.rate)}`,
      r.ours ? `${r.ours.hits}/${r.ours.total} ${percent(r.ours.rate)}` : '—',
      signed(r.diff.hits),
      signed(r.diff.total),
      r.diff.rate !== null && Math.abs(r.diff.rate) > 0.005 ? pc.yellow(signed(r.diff.rate, true)) : signed(r.diff.rate, true),
    ]),
  );
}

export function registerReconcile(program: Command): void {
  program
    .command('reconcile')
    .description("show Amazon's figures (GET_V2_SELLER_PERFORMANCE_REPORT JSON) beside vtrguard's for the same windows")
    .argument('<file>', 'the report JSON')
    .action(
      action(async (file: string, _options: unknown, command: Command) => {
        const context = cliContext(command);
        const report = parsePerformanceReport(await readJson(file));
        const config = context.config.metrics;
        await withStore(context, async (store) => {
          const rows = await reconcile(store, context.sellerId, report, config, Date.now());
          if (context.json) printJson({ rows, warnings: report.warnings, accountStatuses: report.accountStatuses });
          else {
            process.stdout.write(`${text(rows)}\n`);
            for (const w of report.warnings) process.stderr.write(`${pc.yellow('warning')} ${w}\n`);
          }
        }, 'read');
      }),
    );
}
