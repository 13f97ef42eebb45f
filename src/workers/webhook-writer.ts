import { parentPort, workerData } from 'node:worker_threads';
import { serveWebhookWrites } from '../app/webhook-writer-thread.js';
import type { WriterThreadData } from '../app/webhook-writer-thread.js';

/** The webhook writer thread's script (src/app/webhook-writer-thread.ts starts it and holds its protocol). */
await serveWebhookWrites(parentPort!, workerData as WriterThreadData);
