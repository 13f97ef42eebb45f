/**
 * `vtrguard check NUMBER… [--carrier C] [--json]` and `vtrguard check -` (lines `NUMBER` or `NUMBER<TAB>CARRIER`
 * on stdin): validate tracking numbers; with a database, also flag numbers already confirmed on another order.
 * Exit code 1 when any number is invalid.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { Option } from 'commander';
import { isPostgresTarget } from '../store/open.js';
import type { Store } from '../store/store.js';
import { withReuseCheck } from '../app/reuse-verdict.js';
import { carrierTextOf } from '../validate/carrier-rules.js';
import { validate, type ValidateOptions, type Verdict } from '../validate/validate.js';
import { action, cliContext, withStore } from './context.js';

export interface CheckOptions {
  carrier?: string;
  json?: boolean;
  strict?: boolean;
  marketplace?: string;
  order?: string;
}

/** The seller's confirmations, for the reuse check. */
export interface ReuseSource {
  store: Store;
  sellerId: string;
  now: number;
}

export interface CheckIo {
  stdin: Readable;
  stdout: Writable;
}

/** One readable line: verdict mark, the number, then the carrier or the reasons. */
export function describeVerdict(verdict: Verdict): string {
  const mark = verdict.valid ? 'ok     ' : 'INVALID';
  const best = verdict.candidates[0];
  const what = verdict.valid
    ? `${carrierTextOf({ code: verdict.carrier, name: verdict.carrierName })}${best ? ` (${best.familyName}, check digit ${best.checkDigit === 'none' ? 'none in this format' : best.checkDigit})` : ''}`
    : '';
  const reasons = verdict.problems.map((p) => `${p.code}: ${p.message}`).join('; ');
  return [mark, verdict.input, what, reasons].filter((part) => part !== '').join('  ');
}

/** Validates every input (numbers, or stdin lines when the only number is `-`); resolves to true when all are valid. */
export async function runCheck(numbers: readonly string[], options: CheckOptions, io: CheckIo, reuse?: ReuseSource): Promise<boolean> {
  const validateOptions: ValidateOptions = {
    mode: options.strict ? 'strict' : 'lenient',
    ...(options.marketplace ? { marketplace: options.marketplace } : {}),
  };
  let allValid = true;
  const emit = async (number: string, carrier: string | undefined): Promise<void> => {
    let verdict = validate(number, carrier, validateOptions);
    if (reuse) verdict = await withReuseCheck(verdict, reuse.store, reuse.sellerId, options.order ?? null, reuse.now);
    if (!verdict.valid) allValid = false;
    io.stdout.write(`${options.json ? JSON.stringify(verdict) : describeVerdict(verdict)}\n`);
  };
  if (numbers.length === 1 && numbers[0] === '-') {
    for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const tab = line.indexOf('\t');
      if (tab < 0) await emit(line, options.carrier);
      else await emit(line.slice(0, tab), line.slice(tab + 1).trim() || options.carrier);
    }
  } else {
    for (const number of numbers) await emit(number, options.carrier);
  }
  return allValid;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('validate tracking numbers: format, check digit, carrier, and the Amazon carrier code to send')
    .argument('<numbers...>', 'tracking numbers, or - to read lines "NUMBER" or "NUMBER<TAB>CARRIER" from stdin')
    .option('--carrier <carrier>', 'the Amazon carrier code they are confirmed with, exactly ("UPS", "Royal Mail"), or "Other: NAME"')
    .option('--json', 'one JSON object per number')
    .option('--strict', 'formats without a check digit are not enough to call a number valid')
    .addOption(new Option('--marketplace <mp>', 'marketplace, for the Amazon code to send (e.g. DHL on DE)'))
    .option('--order <id>', 'the order being confirmed: its own earlier confirmations are not reuse')
    .addHelpText('after', `
--carrier is judged as Amazon and the metrics judge it: only an exact code from Amazon's list is accepted (a
spelling that differs, even only in case, counts as Other, and the verdict names the code to send); Other needs the
carrier's name ("Other: Speedy Bob"), must not hide a listed carrier, and is refused on --marketplace IN.
When the database exists (--db, $VTRGUARD_DB or ./vtrguard.db), a number the seller already confirmed on
another order within 90 days is flagged REUSED_TRACKING_NUMBER and is not valid.

Examples:
  vtrguard check 1Z5R89390357567127
  vtrguard check 9400111206206406260787 --carrier UPS
  cut -f3,4 shipments.tsv | vtrguard check - --json`)
    .action(action(async (numbers: string[], _options: CheckOptions, command: Command) => {
      const options = command.optsWithGlobals<CheckOptions>();
      const context = cliContext(command);
      const io = { stdin: process.stdin, stdout: process.stdout };
      // Checking never creates a database: without one there is simply no reuse to find.
      const hasDatabase = isPostgresTarget(context.config.db) || existsSync(context.config.db);
      const allValid = hasDatabase
        ? await withStore(context, (store) => runCheck(numbers, options, io, { store, sellerId: context.sellerId, now: Date.now() }))
        : await runCheck(numbers, options, io);
      if (!allValid) process.exitCode = 1;
    }));
}
