import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A module of the build (`npm test` builds first): a process of its own cannot load the TypeScript sources. */
export const builtModule = (module: string): string => new URL(`../dist/src/${module}`, import.meta.url).href;

/**
 * Runs `source` (an ES module) as a node process of its own in `dir`, for what only shows in a process that has
 * nothing else to do (a thread that holds it open, or lets it end mid-close). What it ended with: exit status,
 * standard output and error.
 */
export function runAlone(dir: string, source: string): { status: number | null; stdout: string; stderr: string } {
  const script = join(dir, `alone-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(script, source);
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
