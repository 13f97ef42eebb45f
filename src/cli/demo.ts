import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { createDemo } from '../demo/create-demo.js';
import type { Config } from '../config.js';
import { computeReports } from '../app/metrics.js';
import { paint, percent } from '../metrics/format.js';
import type { Store } from '../store/store.js';
import { isPostgresTarget, openStore } from '../store/open.js';
import { DEMO_DB, action, cliContext, printJson } from './context.js';
import { PORT_OPTION, runServer } from './serve.js';

interface DemoCommandOptions {
  serve: boolean;
  port?: number;
}


export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('create a realistic demo seller (3 marketplaces, 60 days) in a fresh database and serve the dashboard')
    .option('--no-serve', 'only create the database')
    .option('--port <port>', 'port for the dashboard and API (default $VTRGUARD_PORT or 8080)', PORT_OPTION)
    .addHelpText('after', `
The demo database is ${DEMO_DB} unless --db names another; it is recreated on every run.
Afterwards, for example:
  vtrguard metrics --db ${DEMO_DB}
  vtrguard defects --metric vtr --db ${DEMO_DB}`)
    .action(
      action(async (options: DemoCommandOptions, command: Command) => {
        const context = cliContext(command);
        const target = command.optsWithGlobals<{ db?: string }>().db ?? DEMO_DB;
        if (!isPostgresTarget(target)) {
          for (const suffix of ['', '-wal', '-shm']) if (existsSync(target + suffix)) rmSync(target + suffix);
        }
        const store = await openStore(target);
        const now = Date.now();
        const created = await createDemo(store, context.sellerId, context.config.metrics, { now });
        const counts = await store.counts(context.sellerId);
        if (context.json) printJson({ db: target, ...created, stored: counts });
        else {
          process.stdout.write(
            `${pc.bold('vtrguard demo')}: ${counts.orders} orders, ${counts.packages} packages and ${counts.events} carrier events ` +
              `for 3 marketplaces (US, UK, DE) in ${target} (${created.seconds.toFixed(1)} s)\n`,
          );
          process.stdout.write(await healthSummary(store, context.config, context.sellerId, now));
        }
        if (!options.serve) {
          await store.close();
          return;
        }
        const server = await runServer(store, context.config, context.sellerId, {
          port: options.port ?? context.config.port,
          host: context.config.host,
          alertEveryMinutes: 15,
          track: false,
          anonymousLoopback: true,
        });
        process.stdout.write(
          `${pc.green('vtrguard')} dashboard: ${pc.bold(`${server.url}/`)}  API: ${server.url}/v1  docs: ${server.url}/docs  (Ctrl-C to stop)\n`,
        );
        const stop = () => void server.stop().then(() => process.exit(0), () => process.exit(1));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
}

/** Per marketplace: overall VTR and the categories that need attention, as the dashboard will show them. */
async function healthSummary(store: Store, config: Config, sellerId: string, now: number): Promise<string> {
  const metricsConfig = config.metrics;
  const lines: string[] = [];
  for (const marketplace of await store.marketplaces(sellerId)) {
    const { metrics } = await computeReports(store, sellerId, marketplace, { config: metricsConfig, now });
    const { overall, byCategory } = metrics.vtr;
    const attention = byCategory
      .filter((c) => c.status === 'bad' || c.status === 'at_risk')
      .map((c) => paint(c.status, `${c.category} ${percent(c.rate)} ${c.status}`));
    lines.push(
      `  ${marketplace}  VTR ${paint(overall.status, `${percent(overall.rate)} ${overall.status}`)}` +
        (attention.length > 0 ? `  — ${attention.join(', ')}` : ''),
    );
  }
  return `${lines.join('\n')}\n`;
}
