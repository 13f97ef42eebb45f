import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import pc from 'picocolors';
import { addChannel, listChannels, parseChannelConfig, redactChannel, removeChannel } from '../alerts/channels.js';
import type { Channel } from '../alerts/channels.js';
import { listDeliveries } from '../alerts/deliveries.js';
import { evaluateAlerts } from '../alerts/evaluate.js';
import { ruleSettings, updateRuleSetting } from '../alerts/rule-settings.js';
import { absoluteLink, listAlerts } from '../alerts/state.js';
import type { TargetPolicy } from '../alerts/targets.js';
import type { AlertLevel } from '../alerts/types.js';
import { VtrguardError } from '../core/errors.js';
import { formatInstant } from '../core/time.js';
import { action, cliContext, printJson, withStore } from './context.js';
import type { CliContext } from './context.js';

const LEVEL_LABEL: Record<AlertLevel, string> = { critical: pc.red('ALERT  '), warning: pc.yellow('WARNING'), ok: pc.green('ok     ') };

function describeChannel(channel: Channel): string {
  const config = redactChannel(channel).config;
  switch (config.kind) {
    case 'webhook': return `webhook ${config.url} (signed)`;
    case 'slack': return `slack   ${config.url}`;
    case 'email': return `email   ${config.to.join(', ')} via ${config.smtpUrl} from ${config.from}`;
  }
}

/** `name=value` pairs of `--param`, collected into numbers. */
function collectParam(text: string, previous: Record<string, number>): Record<string, number> {
  const match = /^([a-zA-Z]+)=(.+)$/.exec(text);
  if (!match?.[1] || match[2] === undefined || !Number.isFinite(Number(match[2]))) {
    throw new InvalidArgumentError('wants name=number, e.g. hours=36.');
  }
  return { ...previous, [match[1]]: Number(match[2]) };
}

/** Which addresses alert channels may point at: VTRGUARD_ALERTS_ALLOW_PRIVATE. */
export function alertTargets(context: CliContext): TargetPolicy {
  return { allowPrivate: context.config.access.allowPrivateAlertTargets };
}

async function evaluateNow(context: CliContext) {
  return withStore(context, (store) => evaluateAlerts(store, context.sellerId, Date.now(), {
    dashboardUrl: context.config.publicUrl,
    metricsConfig: context.config.metrics,
    watchHoursByCarrier: context.config.watch.hoursByCarrier,
    delivery: { targets: alertTargets(context) },
  }));
}

/** `vtrguard alerts`: current alerts, evaluate now, rules and where notifications go. */
export function registerAlerts(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('alerts: VTR per category, LSR, CR, OTDR, packages without a first scan, failing credentials');

  alerts
    .command('list', { isDefault: true })
    .description('list current alerts, worst first (the default)')
    .option('--all', 'include subjects that are fine now')
    .action(action(async (options: { all?: boolean }, command: Command) => {
      const context = cliContext(command);
      const list = await withStore(context, (store) => listAlerts(store, context.sellerId, { includeOk: options.all === true }));
      const withUrl = list.map((a) => ({ ...a, url: absoluteLink(context.config.publicUrl, a.link) }));
      if (context.json) {
        printJson(withUrl.map((a) => ({ ...a, changedAt: formatInstant(a.changedAt), evaluatedAt: formatInstant(a.evaluatedAt) })));
        return;
      }
      if (withUrl.length === 0) {
        process.stdout.write(`No alerts for seller ${context.sellerId}. (Evaluated by "vtrguard serve" every 15 minutes, after imports, or now with "vtrguard alerts evaluate".)\n`);
        return;
      }
      for (const a of withUrl) {
        process.stdout.write(`${LEVEL_LABEL[a.level]} ${pc.bold(a.title)}  ${pc.dim(`since ${formatInstant(a.changedAt)}`)}\n  ${a.message}\n  ${pc.cyan(a.url)}\n`);
      }
    }));

  alerts
    .command('evaluate')
    .description('evaluate the rules now and send notifications for what changed')
    .action(action(async (_options: object, command: Command) => {
      const context = cliContext(command);
      const result = await evaluateNow(context);
      if (context.json) {
        printJson(result);
        return;
      }
      for (const c of result.changes) process.stdout.write(`${LEVEL_LABEL[c.level]} ${c.title}: ${c.previousLevel} → ${c.level}\n`);
      process.stdout.write(`${result.changes.length} change(s); ${result.delivery.sent} notification(s) sent, ${result.delivery.failed} failed.\n`);
      if (result.delivery.failed > 0) process.exitCode = 1;
    }));

  alerts
    .command('deliveries')
    .description('notifications sent, pending and failed, with the last error')
    .action(action(async (_options: object, command: Command) => {
      const context = cliContext(command);
      const list = await withStore(context, (store) => listDeliveries(store, context.sellerId));
      if (context.json) {
        printJson(list.map((d) => ({ ...d, sentAt: formatInstant(d.sentAt) })));
        return;
      }
      for (const d of list) {
        process.stdout.write(`${d.status.padEnd(8)} ${d.channelId}  ${d.alertKey} #${d.changeNo}  attempts ${d.attempts}${d.lastError ? `  ${pc.red(d.lastError)}` : ''}\n`);
      }
      if (list.length === 0) process.stdout.write('No notifications yet.\n');
    }));

  const rules = alerts.command('rules').description('alert rules and their parameters');
  rules
    .command('list', { isDefault: true })
    .description('list the rules, whether they are on and their parameters')
    .action(action(async (_options: object, command: Command) => {
      const context = cliContext(command);
      const list = await withStore(context, (store) => ruleSettings(store, context.sellerId));
      if (context.json) {
        printJson(list);
        return;
      }
      for (const r of list) {
        const params = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ');
        process.stdout.write(`${r.enabled ? pc.green('on ') : pc.dim('off')} ${r.ruleId.padEnd(14)} ${r.description}${params ? pc.dim(`  (${params})`) : ''}\n`);
      }
    }));
  rules
    .command('set')
    .description('turn a rule on or off or change a parameter, e.g. "alerts rules set no_first_scan --param hours=36"')
    .argument('<rule>', 'rule id (see "vtrguard alerts rules")')
    .option('--on', 'turn the rule on')
    .option('--off', 'turn the rule off')
    .option('--param <name=value>', 'set a parameter (repeatable)', collectParam, {})
    .action(action(async (ruleId: string, options: { on?: boolean; off?: boolean; param: Record<string, number> }, command: Command) => {
      const context = cliContext(command);
      if (options.on && options.off) throw new VtrguardError('BAD_REQUEST', 'Give --on or --off, not both.');
      const enabled = options.on ? true : options.off ? false : undefined;
      const setting = await withStore(context, (store) =>
        updateRuleSetting(store, context.sellerId, ruleId, { ...(enabled === undefined ? {} : { enabled }), params: options.param }, Date.now()));
      if (context.json) printJson(setting);
      else process.stdout.write(`${setting.ruleId}: ${setting.enabled ? 'on' : 'off'} ${JSON.stringify(setting.params)}\n`);
    }));

  const channels = alerts.command('channels').description('where notifications go: signed webhook, Slack-compatible webhook, e-mail');
  channels
    .command('list', { isDefault: true })
    .description('list the channels (secrets masked)')
    .action(action(async (_options: object, command: Command) => {
      const context = cliContext(command);
      const list = await withStore(context, (store) => listChannels(store, context.sellerId));
      if (context.json) {
        printJson(list.map(redactChannel));
        return;
      }
      for (const c of list) process.stdout.write(`${c.channelId}  ${describeChannel(c)}\n`);
      if (list.length === 0) process.stdout.write('No channels. Add one with "vtrguard alerts channels add webhook <url> --secret <secret>".\n');
    }));
  channels
    .command('add')
    .description('add a channel: "webhook <url> --secret <s>", "slack <url>" or "email --smtp <url> --from <addr> --to <addr,...>"')
    .argument('<kind>', 'webhook, slack or email')
    .argument('[url]', 'the receiving URL (webhook and slack)')
    .option('--secret <secret>', 'webhook: HMAC-SHA256 key for the x-vtrguard-signature header (16+ characters)')
    .option('--smtp <url>', 'email: SMTP server, e.g. smtps://user:password@smtp.example.com:465')
    .option('--from <address>', 'email: sender address')
    .option('--to <addresses>', 'email: recipients, comma-separated')
    .action(action(async (kind: string, url: string | undefined, options: { secret?: string; smtp?: string; from?: string; to?: string }, command: Command) => {
      const context = cliContext(command);
      const config = parseChannelConfig(
        { kind, url, secret: options.secret, smtpUrl: options.smtp, from: options.from, to: options.to },
        alertTargets(context),
      );
      const channel = await withStore(context, (store) => addChannel(store, context.sellerId, config, Date.now()));
      if (context.json) printJson(redactChannel(channel));
      else process.stdout.write(`Added ${channel.channelId}: ${describeChannel(channel)}\n`);
    }));
  channels
    .command('remove')
    .description('remove a channel and its unsent notifications')
    .argument('<channelId>')
    .action(action(async (channelId: string, _options: object, command: Command) => {
      const context = cliContext(command);
      const removed = await withStore(context, (store) => removeChannel(store, context.sellerId, channelId));
      if (!removed) throw new VtrguardError('NOT_FOUND', `No channel ${channelId} for seller ${context.sellerId}.`, { field: 'channelId', value: channelId });
      if (context.json) printJson({ channelId, removed: true });
      else process.stdout.write(`Removed ${channelId}.\n`);
    }));
}
