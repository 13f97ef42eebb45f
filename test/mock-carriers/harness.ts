import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface MockReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface MockServer {
  url: string;
  requests: MockRequest[];
  /** Replies served to the next API (non-token) requests before the normal handler, e.g. 429 or 500. */
  faults: MockReply[];
  close(): Promise<void>;
}

/** A loopback HTTP server on a random port; the only network the tests have. */
export async function startMockServer(handler: (request: MockRequest, server: MockServer) => MockReply | Promise<MockReply>): Promise<MockServer> {
  const state: MockServer = { url: '', requests: [], faults: [], close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: MockRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      state.requests.push(request);
      Promise.resolve(handler(request, state)).then(
        (reply) => {
          const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(text);
        },
        (error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** Issues and checks bearer tokens the way an OAuth client-credentials server does. */
export class TokenIssuer {
  private readonly valid = new Set<string>();
  private counter = 0;
  issued = 0;

  constructor(readonly expiresIn = 3600) {}

  issue(): MockReply {
    this.issued++;
    const token = `token-${++this.counter}-${Math.random().toString(36).slice(2)}`;
    this.valid.add(token);
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: this.expiresIn, scope: 'tracking' } };
  }

  accepts(headers: IncomingHttpHeaders): boolean {
    const header = headers.authorization ?? '';
    return header.startsWith('Bearer ') && this.valid.has(header.slice(7));
  }

  /** The server forgets every token, as after a key rotation. */
  revokeAll(): void {
    this.valid.clear();
  }
}

/** The next queued fault, if any. */
export function takeFault(server: MockServer): MockReply | undefined {
  return server.faults.shift();
}
