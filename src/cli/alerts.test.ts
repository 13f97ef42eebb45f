import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordCredentialCheck } from '../alerts/signals.js';
import { startReceiver } from '../alerts/testing.js';
import type { Receiver } from '../alerts/testing.js';
import { openStore } from '../store/open.js';
import { registerAlerts } from './alerts.js';
import { runCommand } from './cli-harness.js';

describe('vtrguard alerts', () => {
  let dir: string;
  let db: string;
  let receiver: Receiver;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-alerts-cli-'));
    db = join(dir, 'a.db');
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => { vi.unstubAllEnvs(); });
  const run = (...args: string[]) => runCommand(registerAlerts, ['--db', db, '--seller', 'shop-1', ...args]);

  it('adds a channel, evaluates, sends once and lists the alert with its dashboard link', async () => {
    // The receiver listens on loopback, an internal address: allowed only by saying so.
    vi.stubEnv('VTRGUARD_ALERTS_ALLOW_PRIVATE', '1');
    const added = await run('alerts', 'channels', 'add', 'webhook', receiver.url, '--secret', 'whsec-0123456789abcdef');
    expect(added.stdout).toMatch(/^Added ch_[0-9a-f]{8}: webhook http:\/\/127\.0\.0\.1:\d+\/\[redacted\] \(signed\)/);
    expect((await run('alerts', 'channels')).stdout).toContain('(signed)');

    const store = await openStore(db);
    await recordCredentialCheck(store, 'shop-1', { source: 'amazon', ok: false, message: 'refresh token revoked' }, Date.now());
    await store.close();

    const evaluated = await run('alerts', 'evaluate');
    expect(evaluated.stdout).toContain('Credential amazon: ok → critical');
    expect(evaluated.stdout).toContain('1 notification(s) sent, 0 failed');
    expect((await run('alerts', 'evaluate')).stdout).toContain('0 change(s)');
    expect(receiver.requests).toHaveLength(1);

    const listed = await run('alerts');
    expect(listed.stdout).toContain('Credential amazon');
    expect(listed.stdout).toContain('refresh token revoked');
    expect(listed.stdout).toContain('http://localhost:8080/#scorecard');
    const json = JSON.parse((await run('--json', 'alerts', 'list')).stdout) as { key: string; url: string }[];
    expect(json.map((a) => a.key)).toEqual(['credential:amazon']);
  });

  it('tunes rules and refuses unknown ones clearly', async () => {
    expect((await run('alerts', 'rules', 'set', 'no_first_scan', '--param', 'hours=36')).stdout).toBe('no_first_scan: on {"hours":36}\n');
    expect((await run('alerts', 'rules', 'set', 'lsr', '--off')).stdout).toBe('lsr: off {}\n');
    const rules = (await run('alerts', 'rules')).stdout;
    expect(rules).toMatch(/off lsr/);
    expect(rules).toContain('(hours=36)');
    const unknown = await run('alerts', 'rules', 'set', 'nope', '--on');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('NOT_FOUND');
    expect(unknown.stderr).toContain('vtr_category');
    const badParam = await run('alerts', 'rules', 'set', 'no_first_scan', '--param', 'minutes=3');
    expect(badParam.stderr).toContain('has no parameter "minutes"');
  });

  it('refuses a channel without what it needs', async () => {
    const result = await run('alerts', 'channels', 'add', 'email', '--smtp', 'smtp://127.0.0.1:2525', '--from', 'a@shop.test');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('to[0] must be an e-mail address');
  });

  it('refuses a channel at an internal address in one line, unless configuration allows it (issue 18 item 11)', async () => {
    vi.stubEnv('VTRGUARD_ALERTS_ALLOW_PRIVATE', '');
    const before = (await run('alerts', 'channels', '--json')).stdout;
    const metadata = await run('alerts', 'channels', 'add', 'slack', 'http://169.254.169.254/latest/meta-data/');
    expect(metadata.exitCode).toBe(1);
    expect(metadata.stderr).toBe(
      'error ALERT_TARGET_INTERNAL: column url: 169.254.169.254 is a link-local (cloud metadata) address; alerts are not sent to internal '
      + 'networks (set VTRGUARD_ALERTS_ALLOW_PRIVATE=1 to allow internal receivers).\n',
    );
    const loopback = await run('alerts', 'channels', 'add', 'email', '--smtp', 'smtp://localhost:2525', '--from', 'a@shop.test', '--to', 'b@shop.test');
    expect(loopback.exitCode).toBe(1);
    expect(loopback.stderr).toMatch(/^error ALERT_TARGET_INTERNAL: column smtpUrl: localhost is a loopback address/);
    expect((await run('alerts', 'channels', '--json')).stdout).toBe(before);

    vi.stubEnv('VTRGUARD_ALERTS_ALLOW_PRIVATE', '1');
    const allowed = await run('alerts', 'channels', 'add', 'email', '--smtp', 'smtp://localhost:2525', '--from', 'a@shop.test', '--to', 'b@shop.test');
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stdout).toMatch(/^Added ch_/);
  });
});
