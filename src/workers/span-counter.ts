import { parentPort, workerData } from 'node:worker_threads';
import { serveSpanCounting } from '../app/kept-figures.js';
import type { SpanCountingData } from '../app/span-threads.js';

/** A rebuild's span counter thread (src/app/span-threads.ts starts it and holds its protocol). */
await serveSpanCounting(parentPort!, workerData as SpanCountingData);
