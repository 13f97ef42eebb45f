import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REBUILD_THREADS, loadConfig } from './config.js';
import { VtrguardError } from './core/errors.js';

describe('configuration', () => {
  it('has the definitions.md defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ db: './vtrguard.db', port: 8080, defaultSellerId: 'default' });
    expect(config.metrics.US).toMatchObject({ zone: 'America/Los_Angeles', attribution: 'promised_delivery', lagDays: 0, targets: { vtr: 0.95, lsr: 0.04, cr: 0.025, otdr: 0.9 } });
    expect(config.metrics.IN.targets.cr).toBe(0.02);
    // definitions.md v2: the amazon view's lag, delivery-only scans in IT and IN, the US rules.
    expect(config.metrics.US).toMatchObject({ amazonLagDays: 14, deliveryScanOnlyValid: true, otdrUnit: 'unit', currency: 'USD' });
    expect(config.metrics.US.crossBorder).toEqual({ from: '2025-01-15', thresholds: { CN: 5, CA: 5, GB: 15, IN: 15 }, currency: 'USD' });
    expect(config.metrics.IN).toMatchObject({ deliveryScanOnlyValid: false, otdrUnit: 'package', crossBorder: null });
    expect(config.metrics.IT).toMatchObject({ deliveryScanOnlyValid: false });
    expect(config.metrics.UK).toMatchObject({ deliveryScanOnlyValid: true, otdrUnit: 'package', currency: 'GBP' });
    expect(config.metrics.US.targets).toMatchObject({ sfpShip: 0.99, sfpCancel: 0.005, sfpOtdr: 0.97 });
    expect(config.metrics.JP.targets).toMatchObject({ sfpOtdr: 0.96, sfpCancel: 0.01 });
  });

  it('takes zones, attribution, lag and per-marketplace settings from the environment and a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vtrguard-config-'));
    const file = join(dir, 'vtrguard.config.json');
    writeFileSync(file, JSON.stringify({ marketplaces: { UK: { lagDays: 7, targets: { otdr: 0.97 }, exemptions: [{ shippingMethods: ['Large Letter'] }] } } }));
    const config = loadConfig({ VTRGUARD_TZ_US: 'America/New_York', VTRGUARD_ATTRIBUTION: 'ship_confirm', VTRGUARD_VTR_LAG_DAYS: '2', VTRGUARD_CONFIG: file });
    expect(config.metrics.US).toMatchObject({ zone: 'America/New_York', attribution: 'ship_confirm', lagDays: 2 });
    expect(config.metrics.UK).toMatchObject({ zone: 'Europe/London', attribution: 'ship_confirm', lagDays: 7, targets: { vtr: 0.95, otdr: 0.97 } });
    expect(config.metrics.UK.exemptions).toEqual([{ shippingMethods: ['Large Letter'] }]);
  });

  it('refuses settings it cannot use, saying which', () => {
    const refused = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(VtrguardError);
        return (error as VtrguardError).message;
      }
      return 'accepted';
    };
    expect(refused({ VTRGUARD_PORT: 'eighty' })).toContain('VTRGUARD_PORT');
    expect(refused({ VTRGUARD_ATTRIBUTION: 'purchase' })).toContain('VTRGUARD_ATTRIBUTION');
    expect(refused({ VTRGUARD_VTR_LAG_DAYS: '-1' })).toContain('lag');
    expect(refused({ VTRGUARD_TZ_XX: 'UTC' })).toContain('XX');
    expect(refused({ VTRGUARD_CONFIG: '/nonexistent/vtrguard.json' })).toContain('cannot read');
    // A target written as a percentage: the file, the marketplace and the target are named.
    const file = join(mkdtempSync(join(tmpdir(), 'vtrguard-config-')), 'vtrguard.config.json');
    writeFileSync(file, JSON.stringify({ marketplaces: { JP: { targets: { sfpVtr: 94 } } } }));
    expect(refused({ VTRGUARD_CONFIG: file })).toBe(`${file}: targets.sfpVtr for JP must be a rate between 0 and 1 (0.94 for 94%), got 94`);
    for (const proxies of ['10.0.0.1/33', 'proxy.lan', '10.0.0.0/8/1', '::1/129', '10.0.0.1/x']) {
      expect(refused({ VTRGUARD_TRUSTED_PROXIES: proxies }), proxies).toContain('VTRGUARD_TRUSTED_PROXIES');
    }
    expect(refused({ VTRGUARD_ALERTS_ALLOW_PRIVATE: 'yes please' })).toContain('VTRGUARD_ALERTS_ALLOW_PRIVATE');
    for (const wait of ['soon', '-1', '1e9']) expect(refused({ VTRGUARD_DB_WAIT_SECONDS: wait }), wait).toContain('VTRGUARD_DB_WAIT_SECONDS');
    for (const threads of ['two', '-1', '1.5', '65']) expect(refused({ VTRGUARD_REBUILD_THREADS: threads }), threads).toContain('VTRGUARD_REBUILD_THREADS');
  });

  it('reads how many threads count a rebuild\'s spans, 0 for none', () => {
    expect(loadConfig({}).rebuildThreads).toBe(DEFAULT_REBUILD_THREADS);
    expect(loadConfig({ VTRGUARD_REBUILD_THREADS: '0' }).rebuildThreads).toBe(0);
    expect(loadConfig({ VTRGUARD_REBUILD_THREADS: '3' }).rebuildThreads).toBe(3);
  });

  it('reads who may reach the API: trusted proxies, the host names of key-less access, private alert targets', () => {
    expect(loadConfig({}).access).toEqual({ trustedProxies: [], allowedHosts: ['localhost', '127.0.0.1', '::1'], allowPrivateAlertTargets: false });
    const access = loadConfig({
      VTRGUARD_TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16 ,::1', VTRGUARD_ALLOWED_HOSTS: 'Vtrguard.LAN', VTRGUARD_PUBLIC_URL: 'https://metrics.example.com/',
      VTRGUARD_ALERTS_ALLOW_PRIVATE: '1',
    }).access;
    expect(access).toEqual({
      trustedProxies: ['10.0.0.5', '10.1.0.0/16', '::1'],
      allowedHosts: ['localhost', '127.0.0.1', '::1', 'metrics.example.com', 'vtrguard.lan'],
      allowPrivateAlertTargets: true,
    });
  });

  it('parses every setting once, into typed frozen settings (no raw environment is passed down)', () => {
    const config = loadConfig({
      VTRGUARD_WATCH_HOURS: '12', VTRGUARD_WATCH_HOURS_USPS: '36', VTRGUARD_WEBHOOK_SECRET_SHIPPO: 'whsec-1',
      VTRGUARD_TRACK_INTERVAL_SECONDS: '30', VTRGUARD_UPS_CLIENT_ID: 'ups-id', VTRGUARD_UPS_RATE_PER_SECOND: '2',
      LWA_CLIENT_ID: 'lwa-id', SP_API_REGION: 'eu', VTRGUARD_PUBLIC_URL: 'https://guard.example',
    });
    expect(config.watch).toEqual({ defaultHours: 12, hoursByCarrier: { usps: 36 } });
    expect(config.webhookSecrets).toEqual([{ sellerKey: '*', provider: 'shippo', secret: 'whsec-1' }]);
    expect(config.tracking.intervalMs).toBe(30_000);
    expect(config.tracking.credentials('s1', 'ups')).toEqual({ clientId: 'ups-id' });
    expect(config.tracking.rateLimit('ups')).toEqual({ perSecond: 2, burst: 2 });
    expect(config.amazonConnect).toEqual({ clientId: 'lwa-id', clientSecret: null, refreshToken: null, region: 'eu' });
    expect(config.configuredPublicUrl).toBe('https://guard.example');
    expect(loadConfig({}).configuredPublicUrl).toBeNull();
    expect(loadConfig({}).tracking.intervalMs).toBe(60_000);
    expect('env' in config).toBe(false);
    for (const part of [config, config.watch, config.webhookSecrets, config.tracking, config.amazonConnect]) expect(Object.isFrozen(part)).toBe(true);
  });
});
