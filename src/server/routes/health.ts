import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from './index.js';
import { errorResponses } from '../schemas.js';

/** Liveness and database reachability, without a key, so load balancers and `curl` can ask. */
export default async function healthRoutes(app: FastifyInstance, opts: RouteOptions): Promise<void> {
  app.get('/health', {
    config: { auth: 'none' },
    schema: {
      tags: ['system'],
      summary: 'Whether the server and its database answer',
      security: [],
      response: {
        200: {
          type: 'object',
          required: ['status', 'database', 'time'],
          properties: {
            status: { type: 'string', enum: ['ok'] },
            database: { type: 'string', enum: ['sqlite', 'postgres'] },
            time: { type: 'string', format: 'date-time' },
          },
        },
        ...errorResponses('DB_UNREACHABLE'),
      },
    },
  }, async () => {
    await opts.store.ping();
    return { status: 'ok' as const, database: opts.store.dialect, time: new Date(opts.now()).toISOString() };
  });
}
