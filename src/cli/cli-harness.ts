import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { Command } from 'commander';

/**
 * Test support: runs registered commands in-process with the global options of main.ts, capturing output as a
 * person reads it (colour codes removed: picocolors paints under CI=true even without a terminal).
 */
export async function runCommand(register: (program: Command) => void, args: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command('vtrguard')
    .option('--db <target>')
    .option('--seller <id>')
    .option('--json')
    .exitOverride();
  register(program);
  let stdout = '';
  let stderr = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  const previousExit = process.exitCode;
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'vtrguard', ...args]);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = previousExit;
  return { stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr), exitCode };
}

/** The built CLI (`npm test` builds first): tests that need it skip while it is not built. */
export const BUILT_CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface BuiltCliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a person runs it: its own process, its own pipes, the test's environment; output as a person
 * reads it (colour codes removed). With `closeEarly` the reader of its output goes away after the first chunk (`| head`).
 */
export function runBuiltCli(args: readonly string[], closeEarly = false): Promise<BuiltCliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (closeEarly) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) }));
  });
}
