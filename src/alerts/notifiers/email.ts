import nodemailer from 'nodemailer';
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

export async function sendEmail(
  event: AlertEvent,
  config: { smtpUrl: string; from: string; to: string[] },
  options: { timeoutMs: number },
): Promise<void> {
  const transport = nodemailer.createTransport(config.smtpUrl, {});
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
