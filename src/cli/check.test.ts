import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.js';
import { runCommand } from './cli-harness.js';
import { PassThrough, Readable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCheck, runCheck } from './check.js';

async function run(numbers: string[], options: Parameters<typeof runCheck>[1], stdinText = '') {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const ok = await runCheck(numbers, options, { stdin: Readable.from([stdinText]), stdout });
  return { ok, lines: text.trim().split('\n') };
}

describe('vtrguard check', () => {
  it('prints a readable line per number with the reason, and reports failure', async () => {
    const { ok, lines } = await run(['1Z999AA10123456784', '1Z999AA10123456785'], {});
    expect(ok).toBe(false);
    expect(lines[0]).toMatch(/^ok\s+1Z999AA10123456784\s+UPS \(UPS 1Z, check digit pass\)$/);
    expect(lines[1]).toContain('CHECK_DIGIT_MISMATCH: the last character should be 4');
  });

  it('prints one JSON object per number with --json', async () => {
    const { ok, lines } = await run(['9400111206206406260787'], { json: true, carrier: 'UPS' });
    expect(ok).toBe(false);
    const verdict = JSON.parse(lines[0]!);
    expect(verdict).toMatchObject({ input: '9400111206206406260787', normalized: '9400111206206406260787', valid: false, carrier: 'UPS' });
    expect(verdict.candidates[0].carrier).toBe('usps');
    expect(verdict.problems[0].code).toBe('CARRIER_MISMATCH');
  });

  it('reads NUMBER or NUMBER<TAB>CARRIER lines from stdin with -', async () => {
    const { ok, lines } = await run(['-'], { json: true }, '1Z999AA10123456784\n\n9400111206206406260787\tUSPS\r\nRB123456785GB\tRoyal Mail\n');
    expect(ok).toBe(true);
    expect(lines.map((line) => JSON.parse(line).carrier)).toEqual(['UPS', 'USPS', 'Royal Mail']);
  });

  it('agrees with the metrics on Other: without a name it is a defect, and it never advises Other for a listed carrier', async () => {
    const bare = await run(['1Z999AA10123456784'], { json: true, carrier: 'Other' });
    expect(bare.ok).toBe(false);
    expect(JSON.parse(bare.lines[0]!)).toMatchObject({ valid: false, carrier: 'UPS', problems: [{ code: 'NO_CARRIER' }] });
    const hidden = await run(['1Z999AA10123456784'], { carrier: 'Other: UPS' });
    expect(hidden.ok).toBe(false);
    expect(hidden.lines[0]).toContain('OTHER_HIDES_INTEGRATED_CARRIER');
    expect(hidden.lines[0]).toContain('confirm with "UPS"');
    expect(hidden.lines[0]).not.toMatch(/confirm with Other/);
  });

  it('advises Other with the carrier\'s name for a carrier Amazon lists no code for, and nothing in India', async () => {
    const uk = await run(['LP65167493257122'], { marketplace: 'UK' });
    expect(uk.ok).toBe(true);
    expect(uk.lines[0]).toMatch(/^ok\s+LP65167493257122\s+Other: Cainiao \(Cainiao LP, check digit none in this format\)$/);
    const india = await run(['LP65167493257122'], { marketplace: 'IN' });
    expect(india.ok).toBe(false);
    expect(india.lines[0]).toContain('OTHER_NOT_ALLOWED: Amazon IN lists no code for Cainiao');
  });

  it('registers on a commander program and sets exit code 1 on an invalid number', async () => {
    const program = new Command('vtrguard').exitOverride();
    registerCheck(program);
    const write = process.stdout.write.bind(process.stdout);
    let out = '';
    process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
    try {
      await program.parseAsync(['node', 'vtrguard', 'check', 'NOPE', '--json']);
    } finally {
      process.stdout.write = write;
    }
    expect(JSON.parse(out.trim()).problems[0].code).toBe('UNKNOWN_FORMAT');
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
  });
});

describe('vtrguard check with a database', () => {
  it('flags a number already confirmed on another order, and never creates a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vtrguard-check-'));
    const db = join(dir, 'v.db');
    const missing = await runCommand(registerCheck, ['--db', db, 'check', '1Z999AA10123456784']);
    expect(missing.stdout).toMatch(/^ok/);
    expect(existsSync(db)).toBe(false);
    const store = await openStore(db);
    await store.ensureSeller('default');
    await store.writeBatch('default', {
      packages: [{
        orderId: '112-0000001-0000001', packageRef: '1', carrierCode: 'UPS', carrierName: null, shippingMethod: null,
        trackingRaw: '1Z999AA10123456784', trackingNumber: '1Z999AA10123456784', shipDate: Date.now() - 86_400_000,
        confirmedAt: Date.now() - 86_400_000, confirmDay: null, exempt: false, carrierKey: 'ups', staticDefect: null, problems: [],
      }],
    });
    await store.close();
    const reused = await runCommand(registerCheck, ['--db', db, '--json', 'check', '1Z999AA10123456784', '--order', '112-0000009-0000009']);
    // Not valid tracking for this order: the verdict is invalid and the exit code says so.
    expect(JSON.parse(reused.stdout)).toMatchObject({ valid: false, problems: [{ code: 'REUSED_TRACKING_NUMBER', severity: 'error' }] });
    expect(reused.exitCode).toBe(1);
    const same = await runCommand(registerCheck, ['--db', db, '--json', 'check', '1Z999AA10123456784', '--order', '112-0000001-0000001']);
    expect(JSON.parse(same.stdout).problems).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
