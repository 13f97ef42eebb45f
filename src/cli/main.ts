#!/usr/bin/env node
import { Command } from 'commander';
import pc from 'picocolors';
import { oneLine } from './context.js';
import { registerAlerts } from './alerts.js';
import { registerAmazon } from './amazon.js';
import { registerCheck } from './check.js';
import { registerConfirm } from './confirm.js';
import { registerDefects } from './defects.js';
import { registerDemo } from './demo.js';
import { registerForecast } from './forecast.js';
import { registerImport } from './import.js';
import { registerKeys } from './keys.js';
import { registerMetrics } from './metrics.js';
import { registerRebuild } from './rebuild.js';
import { registerReconcile } from './reconcile.js';
import { registerServe } from './serve.js';
import { registerTrack } from './track.js';
import { registerWatch } from './watch.js';

const program = new Command('vtrguard')
  .description('Keep Amazon seller-fulfilled shipping metrics (VTR, LSR, CR, OTDR) healthy before Amazon measures them.')
  .option('--db <target>', 'SQLite file or postgres:// URL (default $VTRGUARD_DB or ./vtrguard.db)')
  .option('--seller <id>', 'seller to act for (default $VTRGUARD_SELLER or "default")')
  .option('--json', 'print data as JSON')
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText('after', `
Start here:
  vtrguard demo                     create a demo seller in ./vtrguard.db and serve the dashboard
  vtrguard import shipments.csv     import your confirmations (see docs/formats.md)
  vtrguard metrics                  VTR, LSR, CR and OTDR per marketplace, category and carrier`);

const commands = [
  registerDemo, registerServe, registerImport, registerCheck, registerMetrics, registerDefects, registerForecast,
  registerReconcile, registerRebuild, registerWatch, registerTrack, registerAlerts, registerKeys, registerAmazon, registerConfirm,
];
for (const register of commands) register(program);

// `vtrguard watch | head`: the reader left, which is no failure of the command; stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  failed(error);
});

/** Whatever escapes a command's own handling still ends as one line and a non-zero exit, never a stack. */
function failed(error: unknown): void {
  process.stderr.write(`${pc.red('error')} ${oneLine(error)}\n`);
  process.exit(1);
}
process.on('uncaughtException', failed);
process.on('unhandledRejection', failed);

await program.parseAsync(process.argv).catch(failed);
