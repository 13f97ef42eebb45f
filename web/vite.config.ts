import { defineConfig } from 'vite';

// The dashboard is served by `vtrguard serve` from web/dist at `/`; during `vite dev` the API calls go to a
// running server instead, so the page can be worked on with live data.
export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs keep the build working when a proxy mounts the app under a sub-path.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // chart.js is the only dependency and is tree-shaken to the line chart, so one small chunk is fine.
    chunkSizeWarningLimit: 300,
  },
  server: {
    proxy: { '/v1': process.env.VTRGUARD_API ?? 'http://localhost:8080' },
  },
});
