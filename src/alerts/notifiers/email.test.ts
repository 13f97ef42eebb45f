import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_RECEIVERS, startMailServer } from '../testing.js';
import type { MailServer } from '../testing.js';
import { sendEmail } from './email.js';
import { SAMPLE_EVENT } from './notifiers.fixture.js';

describe('e-mail notifier', () => {
  let mail: MailServer;
  beforeEach(async () => { mail = await startMailServer(); });
  afterEach(async () => { await mail.close(); });

  it('sends a message over SMTP with the alert and its dashboard link', async () => {
    await sendEmail(SAMPLE_EVENT, { smtpUrl: mail.smtpUrl, from: 'alerts@shop.test', to: ['ops@shop.test', 'boss@shop.test'] }, { timeoutMs: 5000, targets: LOCAL_RECEIVERS });
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
    await expect(sendEmail(SAMPLE_EVENT, { smtpUrl: mail.smtpUrl, from: 'a@b.test', to: ['c@d.test'] }, { timeoutMs: 3000, targets: LOCAL_RECEIVERS })).rejects.toThrow();
    mail = await startMailServer();
  });
});

describe('e-mail notifier and internal addresses (issue 18 item 11)', () => {
  let mail: MailServer;
  beforeEach(async () => { mail = await startMailServer(); });
  afterEach(async () => { await mail.close(); });

  const named = () => mail.smtpUrl.replace('127.0.0.1', 'mail.shop.test');
  const resolve = async (hostname: string) => (hostname === 'mail.shop.test' ? ['127.0.0.1'] : []);
  const config = () => ({ smtpUrl: named(), from: 'alerts@shop.test', to: ['ops@shop.test'] });

  it('refuses an SMTP server whose name resolves to an internal address', async () => {
    await expect(sendEmail(SAMPLE_EVENT, config(), { timeoutMs: 5000, targets: { allowPrivate: false, resolve } }))
      .rejects.toMatchObject({ code: 'ALERT_TARGET_INTERNAL', message: expect.stringContaining('mail.shop.test resolves to 127.0.0.1') });
    expect(mail.mails).toHaveLength(0);
  });

  it('sends through the checked address when configuration allows internal receivers', async () => {
    await sendEmail(SAMPLE_EVENT, config(), { timeoutMs: 5000, targets: { allowPrivate: true, resolve } });
    expect(mail.mails).toHaveLength(1);
  });
});
