import { benchAmazon } from './amazon.js';
import { benchDashboard } from './dashboard.js';
import { benchFreshness } from './freshness.js';
import { benchImport } from './import.js';
import { benchLiveLoad } from './live-load.js';
import { benchMetrics } from './metrics.js';
import { benchPollQueue } from './poll-queue.js';
import { benchRebuild } from './rebuild.js';
import { benchValidate } from './validate.js';
import { benchWebhooks } from './webhooks.js';

/**
 * `npm run bench [name]`: every benchmark in turn (or the one named), printing figures. The bars are in
 * DESIGN.md §4 and docs/design-notes.md; nothing here asserts them.
 */
const only = process.argv[2];
// The import of 1M shipment rows opens the run: the headline figure of the store.
const benches: Record<string, () => Promise<void>> = {
  import: benchImport,
  validate: () => benchValidate(),
  webhooks: benchWebhooks,
  metrics: benchMetrics,
  freshness: benchFreshness,
  live: benchLiveLoad,
  dashboard: benchDashboard,
  rebuild: benchRebuild,
  amazon: benchAmazon,
  'poll-queue': benchPollQueue,
};
/**
 * Run only when named: the Amazon backfill (`npm run bench -- amazon`, 100k orders from the local SP-API); the poll queue's work (`poll-queue`, docs/scaling.md stop 26); the dashboard bench builds its own 10M data set and rollups (~15 min per dialect) unless
 * VTRGUARD_BENCH_DASHBOARD_DB / _PG_SCHEMA name kept ones (bench/dashboard.ts).
 */
const NAMED_ONLY = new Set(['dashboard', 'amazon', 'rebuild', 'poll-queue']);
if (only && !benches[only]) {
  console.error(`unknown bench "${only}"; choose from ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const [name, bench] of Object.entries(benches)) {
  if (only ? only !== name : NAMED_ONLY.has(name)) continue;
  await bench();
}
