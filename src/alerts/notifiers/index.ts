import type { ChannelConfig } from '../channels.js';
import type { TargetPolicy } from '../targets.js';
import type { AlertEvent } from '../types.js';
import { sendEmail } from './email.js';
import { sendSlack } from './slack.js';
import { sendWebhook } from './webhook.js';

export interface SendOptions {
  timeoutMs: number;
  /** Stamped into webhook bodies. */
  now: number;
  /** Which addresses a receiver may have (targets.ts). */
  targets: TargetPolicy;
}

/** Sends one alert change over one channel; throws when the receiver did not accept it. */
export async function sendToChannel(event: AlertEvent, config: ChannelConfig, options: SendOptions): Promise<void> {
  switch (config.kind) {
    case 'webhook':
      return sendWebhook(event, config, options.now, options);
    case 'slack':
      return sendSlack(event, config, options);
    case 'email':
      return sendEmail(event, config, options);
  }
}
