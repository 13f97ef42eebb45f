import { connect } from 'node:net';
import type { Socket } from 'node:net';
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { pinTarget } from '../targets.js';
import type { TargetPolicy } from '../targets.js';
import type { AlertEvent } from '../types.js';
import { headline } from './text.js';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function emailMessage(event: AlertEvent): { subject: string; text: string; html: string } {
  const subject = `[vtrguard] ${headline(event)}`;
  const text = `${event.message}\n\nOpen in the dashboard: ${event.url}\n\nSeller: ${event.sellerId}\nChanged: ${event.changedAt}\n`;
  const html = `<p>${escapeHtml(event.message)}</p><p><a href="${escapeHtml(event.url)}">Open in the dashboard</a></p>`
    + `<p style="color:#666">Seller ${escapeHtml(event.sellerId)} · ${escapeHtml(event.changedAt)}</p>`;
  return { subject, text, html };
}

/** The socket nodemailer talks SMTP over: connected to the checked address (see postJson in http.ts for why). */
async function pinnedSocket(smtpUrl: URL, targets: TargetPolicy): Promise<Socket> {
  const pinned = await pinTarget(smtpUrl.hostname, 'smtpUrl', targets);
  // nodemailer's own defaults: 465 for implicit TLS, 587 otherwise.
  const port = Number(smtpUrl.port) || (smtpUrl.protocol === 'smtps:' ? 465 : 587);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: pinned.address, family: pinned.family, port });
    socket.once('connect', () => { socket.off('error', reject); resolve(socket); });
    socket.once('error', reject);
  });
}

export async function sendEmail(
  event: AlertEvent,
  config: { smtpUrl: string; from: string; to: string[] },
  options: { timeoutMs: number; targets: TargetPolicy },
): Promise<void> {
  const smtpUrl = new URL(config.smtpUrl);
  // nodemailer upgrades this socket to TLS itself for smtps (and STARTTLS), verifying the URL's host name.
  // The transport is built here: nodemailer.createTransport({ url, ... }) would keep only what the URL says.
  const transport = nodemailer.createTransport(new SMTPTransport({
    url: config.smtpUrl,
    getSocket: (_options, callback) => {
      pinnedSocket(smtpUrl, options.targets).then((connection) => callback(null, { connection }), (error: Error) => callback(error, null));
    },
  }));
  try {
    await Promise.race([
      transport.sendMail({ from: config.from, to: config.to, ...emailMessage(event) }),
      new Promise<never>((_, reject) => {
        setTimeout(() => reject(new Error(`SMTP timed out after ${options.timeoutMs} ms`)), options.timeoutMs).unref();
      }),
    ]);
  } finally {
    transport.close();
  }
}
