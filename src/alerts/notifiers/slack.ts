import type { AlertEvent, AlertLevel } from '../types.js';
import { postJson } from './http.js';
import type { HttpSendOptions } from './http.js';
import { headline } from './text.js';

const EMOJI: Record<AlertLevel, string> = { critical: ':red_circle:', warning: ':large_yellow_circle:', ok: ':white_check_mark:' };

/** Slack's mrkdwn treats these three as control characters. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack-compatible incoming-webhook message: `text` for notifications and clients without blocks. */
export function slackMessage(event: AlertEvent): { text: string; blocks: object[] } {
  const title = escapeMrkdwn(headline(event));
  return {
    text: `${headline(event)} — ${event.message} ${event.url}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${EMOJI[event.level]} *${title}*\n${escapeMrkdwn(event.message)}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${event.url}|Open in the vtrguard dashboard> · ${event.changedAt}` }] },
    ],
  };
}

export async function sendSlack(event: AlertEvent, config: { url: string }, options: HttpSendOptions): Promise<void> {
  await postJson(config.url, JSON.stringify(slackMessage(event)), {}, options);
}
