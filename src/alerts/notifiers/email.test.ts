import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMailServer } from '../testing.js';
import type { MailServer } from '../testing.js';
import { sendEmail } from './email.js';
import { SAMPLE_EVENT } from './notifiers.fixture.js';

describe('e-mail notifier', () => {
  let mail: MailServer;
  beforeEach(async () => { mail = await startMailServer(); });
  afterEach(async () => { await mail.close(); });

  it('sends a message over SMTP with the alert and its dashboard link', async () => {
    await sendEmail(SAMPLE_EVENT, { smtpUrl: mail.smtpUrl, from: 'alerts@shop.test', to: ['ops@shop.test', 'boss@shop.test'] }, { timeoutMs: 5000 });
    expect(mail.mails).toHaveLength(1);
    const [message] = mail.mails;
    expect(message?.from).toBe('alerts@shop.test');
    expect(message?.to).toEqual(['ops@shop.test', 'boss@shop.test']);
    // Undo quoted-printable soft breaks and escapes, and header folding, to read the text as sent.
    const unfolded = (message?.data ?? '')
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/\r?\n\s/g, ' ');
    expect(unfolded).toContain('Subject: [vtrguard] ALERT: VTR Toys & Games (US)');
    expect(unfolded).toContain('below the 95.0% target');
    expect(unfolded).toContain('http://dash.test/?marketplace=US&category=Toys+%26+Games#vtr');
  });

  it('fails when no SMTP server answers', async () => {
    await mail.close();
    await expect(sendEmail(SAMPLE_EVENT, { smtpUrl: mail.smtpUrl, from: 'a@b.test', to: ['c@d.test'] }, { timeoutMs: 3000 })).rejects.toThrow();
    mail = await startMailServer();
  });
});
