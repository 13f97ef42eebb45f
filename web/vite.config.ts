import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/** Text files at least this large get .br and .gz siblings, which the server sends to browsers that accept them. */
const COMPRESS_FROM_BYTES = 1024;
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

/**
 * Compresses the build once, at the highest levels, so the server never compresses per request: it serves the
 * .br or .gz sibling (@fastify/static `preCompressed`) by the request's Accept-Encoding.
 */
function precompress(): Plugin {
  let outDir = '';
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'vtrguard-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < COMPRESS_FROM_BYTES) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

// The dashboard is served by `vtrguard serve` from web/dist at `/`; during `vite dev` the API calls go to a
// running server instead, so the page can be worked on with live data.
export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs keep the build working when a proxy mounts the app under a sub-path.
  base: './',
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source map in the build: it would publish the sources to anyone who opens the page (`vite dev` has them).
    sourcemap: false,
    // chart.js is the only dependency and is tree-shaken to the line chart, so one small chunk is fine.
    chunkSizeWarningLimit: 300,
  },
  server: {
    proxy: { '/v1': process.env.VTRGUARD_API ?? 'http://localhost:8080' },
  },
});
