import { benchImport } from './import.js';
import { benchMetrics } from './metrics.js';
import { benchValidate } from './validate.js';
import { benchWebhooks } from './webhooks.js';

/**
 * `npm run bench [name]`: every benchmark in turn (or the one named), printing figures. The bars are in
 * DESIGN.md §4 and docs/design-notes.md; nothing here asserts them.
 */
const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  validate: () => benchValidate(),
  import: benchImport,
  webhooks: benchWebhooks,
  metrics: benchMetrics,
};
if (only && !benches[only]) {
  console.error(`unknown bench "${only}"; choose from ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await bench();
}
