/**
 * What every dashboard browser test shares: Debian's `chromium` driven by playwright-core, axe-core's rules, the
 * pinned clock, the two viewports and where screenshots go. `web/dist` must be built first (`npm run build:web`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createDemo } from '../../src/demo/create-demo.js';
import { DEFAULT_METRICS_CONFIG } from '../../src/metrics/config.js';
import { createApiKey } from '../../src/server/api-keys.js';
import { addOperatorSellers } from '../../src/store/operators.js';
import type { Store } from '../../src/store/store.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = join(ROOT, 'web/dist');
export const CHROMIUM = process.env.VTRGUARD_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** A fixed clock: the demo, the server's "today" and so the screenshots are the same on every run. */
export const NOW = Date.parse('2026-11-20T20:00:00Z');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** The one way the suites start Chromium: headless, with the flags above. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's WCAG 2.1 A/AA and best-practice rules on the page as it is now: the violations, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`)) as AxeViolation[];
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(', ')})`);
}

export async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), `axe violations: ${state}`).toEqual([]);
}

/**
 * Why the browser suites cannot run here, or null; logs the skip. Under CI a missing prerequisite is a failure,
 * not a skip.
 */
export function browserPrerequisite(suite: string): string | null {
  let missing: string | null = null;
  if (!existsSync(join(WEB_ROOT, 'index.html'))) missing = 'web/dist is not built (run `npx vite build web`)';
  else if (!existsSync(CHROMIUM)) missing = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set VTRGUARD_CHROMIUM)`;
  if (missing && process.env.CI === 'true') throw new Error(`The ${suite} suite cannot run under CI=true: ${missing}`);
  if (missing) console.warn(`[vtrguard] SKIPPING the ${suite} suite: ${missing}.`);
  return missing;
}

/** $VTRGUARD_SCREENSHOTS when set (`docs/screenshots` refreshes the README's), else a temp dir. */
export function screenshotDir(): string {
  const dir = process.env.VTRGUARD_SCREENSHOTS ? resolve(ROOT, process.env.VTRGUARD_SCREENSHOTS) : mkdtempSync(join(tmpdir(), 'vtrguard-shots-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The demo seller `acme` (seed 7) and an empty `bolt`, both run by the operator (3PL) `3pl-north`: its key. */
export async function demoOperator(store: Store): Promise<string> {
  await createDemo(store, 'acme', DEFAULT_METRICS_CONFIG, { now: NOW, seed: 7 });
  await store.ensureSeller('bolt');
  await addOperatorSellers(store, '3pl-north', ['acme', 'bolt'], NOW);
  return (await createApiKey(store, '3pl-north', 'ops', NOW, { operator: true })).key;
}
