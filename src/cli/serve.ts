import type { Command } from 'commander';
import pc from 'picocolors';
import type { Config } from '../config.js';
import { publicUrlFor } from '../config.js';
import { startAlertScheduler } from '../alerts/scheduler.js';
import { recordCredentialCheck } from '../alerts/signals.js';
import { amazonDeps, formatCallLog } from '../app/amazon-context.js';
import { startAmazonScheduler } from '../app/amazon-schedule.js';
import { VtrguardError } from '../core/errors.js';
import { secrets } from '../core/redact.js';
import { clientsFromSettings } from '../ingest/tracking/poller.js';
import { keptFigures } from '../app/kept-figures.js';
import { rebuildFigures } from '../app/rebuild-figures.js';
import { withStoredCarrierCredentials } from '../app/seller-credentials.js';
import { startTrackingWorker } from '../ingest/tracking/worker.js';
import { configuredSecretResolver } from '../ingest/webhooks/secrets.js';
import { createApp } from '../server/app.js';
import { openStore, redact, SERVER_STORE_OPTIONS } from '../store/open.js';
import type { Store } from '../store/store.js';
import { action, cliContext, numberOption } from './context.js';
import { findWebRoot } from './web-root.js';

export interface ServeSettings {
  port: number;
  host: string;
  /** Minutes between alert evaluations of every seller. */
  alertEveryMinutes: number;
  /** Run the carrier poller in this process. */
  track: boolean;
  /** Run the Amazon sync, held queue and report fetch in this process (every connected seller; default on). */
  amazon?: boolean;
  anonymousLoopback: boolean;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The long-running server: HTTP app, carrier poller and alert schedule on one store. Returns once listening;
 * `stop` closes them in reverse order (the store last, after in-flight work).
 */
export async function runServer(store: Store, config: Config, sellerId: string, settings: ServeSettings): Promise<RunningServer> {
  const webRoot = findWebRoot();
  const metricsConfig = config.metrics;
  const dashboardUrl = publicUrlFor(config, settings.port);
  const log = (line: string) => process.stderr.write(secrets.redact(`${new Date().toISOString()} ${line}\n`));
  // Sellers' own carrier accounts (set through the API and the page) win over the environment's; each polling pass reads them again.
  const { settings: trackingSettings, refresh: refreshCredentials } = await withStoredCarrierCredentials(store, config.amazon.secretKey, config.tracking);
  const app = await createApp({
    store,
    defaultSellerId: sellerId,
    dashboardUrl,
    metricsConfig,
    watch: config.watch,
    anonymousLoopback: settings.anonymousLoopback,
    access: config.access,
    trackingClients: clientsFromSettings(trackingSettings),
    beforeTrack: refreshCredentials,
    amazon: config.amazon,
    amazonLog: (seller, entry) => log(formatCallLog(seller, entry)),
    log,
    webhookSecrets: configuredSecretResolver(config.webhookSecrets),
    webhookWriter: config.webhookWriter,
    // Every log line passes the one redactor on its way out (core/redact.ts).
    logger: { level: 'warn', stream: { write: (line: string) => process.stderr.write(secrets.redact(line)) } },
    ...(webRoot ? { webRoot } : {}),
  });
  const address = await app.listen({ port: settings.port, host: settings.host }).catch(async (error: unknown) => {
    await app.close();
    const code = (error as { code?: unknown }).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw error;
    const why = code === 'EADDRINUSE' ? 'is in use (another vtrguard serve?)' : code === 'EACCES' ? 'may not be opened by this user' : 'is not an address of this machine';
    throw new VtrguardError('CONFIG_INVALID', `cannot listen on ${settings.host} port ${settings.port}: it ${why}; choose another with --port or --host`);
  });
  const tracking = settings.track ? await startTrackingWorker({ store, settings: trackingSettings, figures: keptFigures(config.metrics), log, beforePass: refreshCredentials }) : null;
  const alerts = startAlertScheduler(store, {
    intervalMs: settings.alertEveryMinutes * 60_000,
    clock: Date.now,
    dashboardUrl,
    metricsConfig,
    watchHoursByCarrier: config.watch.hoursByCarrier,
    delivery: { targets: { allowPrivate: config.access.allowPrivateAlertTargets } },
    onError: (seller, error) => log(`alerts for ${seller} failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  void alerts.runOnce();
  // Figures an older build or another configuration kept are read from raw rows until counted again: count them now,
  // beside the serving, instead of at the first write (or never, for a seller nothing is written for).
  const catchUp = rebuildFigures(store, metricsConfig, {
    onlyStale: true,
    spanThreads: { threads: config.rebuildThreads },
    onRebuilt: ({ sellerId, ms }) => log(`kept figures of ${sellerId} counted again from raw rows in ${(ms / 1000).toFixed(1)} s`),
  }).catch((error: unknown) => log(`counting kept figures again failed: ${error instanceof Error ? error.message : String(error)}`));
  const amazon = settings.amazon !== false && config.amazon.secretKey
    ? startAmazonScheduler(
      amazonDeps(store, config, { onCredential: recordCredentialCheck, log: (seller, entry) => log(formatCallLog(seller, entry)) }),
      {
        syncEveryMs: 10 * 60_000, heldEveryMs: 5 * 60_000, reportEveryMs: 24 * 3_600_000,
        onError: (seller, task, error) => log(`amazon ${task} for ${seller} failed: ${error instanceof Error ? error.message : String(error)}`),
      },
    )
    : null;
  return {
    url: address.replace('127.0.0.1', 'localhost'),
    async stop() {
      await app.close();
      await alerts.stop();
      await amazon?.stop();
      await tracking?.stop();
      await catchUp;
      await store.close();
    },
  };
}

/** `--port`: 0 asks the system for a free one. */
export const PORT_OPTION = numberOption({ min: 0, max: 65_535, integer: true });

/** `vtrguard serve`: the REST API, the dashboard, the carrier poller and the alert schedule. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the REST API (/v1, docs at /docs) and the dashboard; poll carriers and evaluate alerts on a schedule')
    .option('--port <port>', 'port to listen on (default $VTRGUARD_PORT or 8080)', PORT_OPTION)
    .option('--host <host>', 'address to listen on (default $VTRGUARD_HOST or 127.0.0.1; 0.0.0.0 for every interface)')
    .option('--alert-every <minutes>', 'minutes between alert evaluations', numberOption({ min: 0, above: true }), 15)
    .option('--no-track', 'do not poll carrier APIs in this process')
    .option('--no-amazon', 'do not run the Amazon sync, held queue and report fetch in this process')
    .option('--require-key', 'ask for an API key even from this machine (the demo seller is otherwise open on loopback)')
    .addHelpText('after', `
API keys: vtrguard keys create --seller <id>. Without a key, clients on this machine act as the default seller.
OpenAPI: <url>/openapi.json`)
    .action(action(async (options: { port?: number; host?: string; alertEvery: number; track: boolean; amazon: boolean; requireKey?: boolean }, command: Command) => {
      const context = cliContext(command);
      const settings: ServeSettings = {
        port: options.port ?? context.config.port,
        host: options.host ?? context.config.host,
        alertEveryMinutes: options.alertEvery,
        track: options.track,
        amazon: options.amazon,
        anonymousLoopback: options.requireKey !== true,
      };
      const store = await openStore(context.config.db, SERVER_STORE_OPTIONS);
      const server = await runServer(store, context.config, context.sellerId, settings);
      process.stdout.write(
        `${pc.green('vtrguard')} serving ${pc.bold(`${server.url}/`)} — API ${server.url}/v1, docs ${server.url}/docs, `
          + `OpenAPI ${server.url}/openapi.json (database ${redact(context.config.db)})\n`,
      );
      const stop = () => {
        void server.stop().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }));
}
