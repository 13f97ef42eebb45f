import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of docs/architecture.md, lowest first: a module may import its own layer and those below it, never
 * one above. A top-level directory of src/ (or a file directly in src/) names its layer; a new directory fails the
 * test until it is placed here, so nothing slips past unclassified.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['core'],
  ['carriers'],
  ['validate', 'metrics'],
  ['store', 'ingest', 'amazon'],
  ['app', 'config'],
  ['alerts', 'server', 'cli', 'workers', 'demo', 'index', 'bench'],
];

/**
 * Back-arrows that exist today, each `importer -> imported` (paths from the repository root). The list only
 * shrinks: a new back-arrow fails the test, and so does an entry that no longer exists (delete it).
 */
const KNOWN_VIOLATIONS: readonly string[] = [];

/**
 * The store's internals: its driver (the only way to run SQL) and the module that hands it out. The `Store` type
 * other layers see has no driver; outside src/store/ only tests and benchmarks reach one, through
 * src/store/testing.ts (`rawSql`).
 */
const STORE_INTERNALS: readonly string[] = [
  'src/store/sql.ts',
  'src/store/sql-store.ts',
  'src/store/sqlite-driver.ts',
  'src/store/postgres-driver.ts',
  'src/store/testing.ts',
];

const root = normalize(join(dirname(fileURLToPath(import.meta.url)), '..'));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    // Tests may wire any layers together (a store-backed test of a use case); the rule binds the code they test.
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

function layerName(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'bench') return 'bench';
  return parts.length === 2 ? parts[1]!.replace(/\.ts$/, '') : parts[1]!;
}

const rank = new Map<string, number>();
LAYERS.forEach((names, i) => { for (const name of names) rank.set(name, i); });

/** Every relative import, export-from and dynamic import of the file, as repository paths of `.ts` files. */
function importsOf(path: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, path), 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => normalize(join(dirname(path), spec)).replace(/\.js$/, '.ts'));
}

/** Each import of the files as `[importer, imported]`. */
function edges(): [string, string][] {
  const out: [string, string][] = [];
  for (const file of [...sourceFiles('src'), ...sourceFiles('bench')]) {
    for (const target of importsOf(file)) {
      if (target.startsWith('src/') || target.startsWith('bench/')) out.push([file, target]);
    }
  }
  return out;
}

function backArrows(imports: readonly (readonly [string, string])[]): { unplaced: string[]; arrows: string[] } {
  const unplaced = new Set<string>();
  const arrows = new Set<string>();
  for (const [file, target] of imports) {
    const from = rank.get(layerName(file));
    const to = rank.get(layerName(target));
    if (from === undefined) unplaced.add(layerName(file));
    if (to === undefined) unplaced.add(layerName(target));
    if (from !== undefined && to !== undefined && to > from) arrows.add(`${file} -> ${target}`);
  }
  return { unplaced: [...unplaced].sort(), arrows: [...arrows].sort() };
}

describe('layers', () => {
  const { unplaced, arrows } = backArrows(edges());

  it('places every directory of src/ in a layer', () => {
    expect(unplaced).toEqual([]);
  });

  it('has no import from a lower layer to a higher one beyond the known list', () => {
    expect(arrows.filter((a) => !KNOWN_VIOLATIONS.includes(a))).toEqual([]);
  });

  it('lists only back-arrows that still exist (the list shrinks)', () => {
    expect(KNOWN_VIOLATIONS.filter((a) => !arrows.includes(a))).toEqual([]);
  });

  it('reads process.env only in src/config.ts (test harnesses aside): configuration is parsed once and passed down', () => {
    const readers = sourceFiles('src')
      .filter((f) => f !== 'src/config.ts' && !f.endsWith('/testing.ts'))
      .filter((f) => /\bprocess\.env\b/.test(readFileSync(join(root, f), 'utf8')));
    expect(readers).toEqual([]);
  });

  it('runs SQL only inside src/store/ (DESIGN.md §2: the SQL of the store never leaves it)', () => {
    const users = sourceFiles('src')
      .filter((f) => !f.startsWith('src/store/') && !f.endsWith('/testing.ts'))
      .filter((f) => /\b(?:store|tx|\w+Store)\.sql\b|\.sql\.(?:all|run|get|each|exec|iterate)\b/.test(readFileSync(join(root, f), 'utf8')));
    expect(users).toEqual([]);
  });

  it('keeps the store\'s driver inside src/store/: no module outside it imports the store\'s internals (test harnesses aside)', () => {
    const reaching = edges()
      .filter(([file]) => file.startsWith('src/') && !file.startsWith('src/store/') && !file.endsWith('/testing.ts'))
      .filter(([, target]) => STORE_INTERNALS.includes(target))
      .map(([file, target]) => `${file} -> ${target}`);
    expect(reaching).toEqual([]);
  });

  it('keeps metrics pure: src/metrics/ imports only core/ and carriers/ (the judgement of the carrier rules is passed in from app/)', () => {
    const outside = edges()
      .filter(([file]) => file.startsWith('src/metrics/'))
      .filter(([, target]) => !['core', 'carriers', 'metrics'].includes(layerName(target)))
      .map(([file, target]) => `${file} -> ${target}`);
    expect(outside).toEqual([]);
  });

  it('tells a back-arrow from an inward import, and flags an unplaced directory', () => {
    expect(backArrows([
      ['src/metrics/report.ts', 'src/store/rollups.ts'],
      ['src/store/rollups.ts', 'src/metrics/cells.ts'],
      ['src/metrics/report.ts', 'src/metrics/cells.ts'],
      ['src/cli/main.ts', 'src/config.ts'],
      ['src/config.ts', 'src/cli/main.ts'],
      ['src/gadgets/x.ts', 'src/core/views.ts'],
    ])).toEqual({
      unplaced: ['gadgets'],
      arrows: ['src/config.ts -> src/cli/main.ts', 'src/metrics/report.ts -> src/store/rollups.ts'],
    });
  });
});
