import { benchImport } from './import.js';

/** `npm run bench`: every benchmark in turn, printing figures (bars are in DESIGN.md §4; nothing is asserted). */
const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  import: benchImport,
};
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await bench();
}
