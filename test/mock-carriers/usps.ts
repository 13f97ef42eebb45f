import { startMockServer, takeFault, TokenIssuer, type MockServer } from './harness.js';

export interface UspsMock extends MockServer {
  tokens: TokenIssuer;
}

/** USPS Tracking v3 (tracking.md §2.3): JSON token body, GET …/tracking/{n}?expand=DETAIL, 404 error object. */
export async function startUspsMock(credentials: { clientId: string; clientSecret: string }, items: Record<string, unknown>): Promise<UspsMock> {
  const tokens = new TokenIssuer();
  const server = await startMockServer((req) => {
    if (req.method === 'POST' && req.path === '/oauth2/v3/token') {
      const body = JSON.parse(req.body || '{}') as Record<string, string>;
      if (body.grant_type !== 'client_credentials' || body.client_id !== credentials.clientId || body.client_secret !== credentials.clientSecret) {
        return { status: 401, body: { error: 'invalid_client', error_description: 'bad client credentials' } };
      }
      return tokens.issue();
    }
    const fault = takeFault(server);
    if (fault) return fault;
    const m = /^\/tracking\/v3\/tracking\/([^/]+)$/.exec(req.path);
    if (req.method !== 'GET' || !m) return { status: 404, body: { apiVersion: 'v3', error: { code: '404', message: 'no route' } } };
    if (!tokens.accepts(req.headers)) return { status: 401, body: { apiVersion: 'v3', error: { code: '401', message: 'Unauthorized' } } };
    const number = decodeURIComponent(m[1]!);
    const item = items[number];
    if (!item) return { status: 404, body: { apiVersion: 'v3', error: { code: '404', message: `The tracking number ${number} could not be found` } } };
    return { status: 200, body: item };
  });
  return Object.assign(server, { tokens });
}
