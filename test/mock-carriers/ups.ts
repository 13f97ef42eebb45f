import { startMockServer, takeFault, TokenIssuer, type MockServer } from './harness.js';

export interface UpsMock extends MockServer {
  tokens: TokenIssuer;
}

/**
 * UPS Track API v1 as documented (tracking.md §2.1): Basic-auth token endpoint, GET details per number,
 * 404 with `response.errors` for an unknown number, 401 for a bad token.
 */
export async function startUpsMock(credentials: { clientId: string; clientSecret: string }, packages: Record<string, unknown>): Promise<UpsMock> {
  const tokens = new TokenIssuer();
  const basic = `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`;
  const server = await startMockServer((req) => {
    if (req.method === 'POST' && req.path === '/security/v1/oauth/token') {
      if (req.headers.authorization !== basic || !req.body.includes('grant_type=client_credentials')) {
        // Real servers sometimes echo what they were sent; the client must redact it.
        return { status: 401, body: { response: { errors: [{ code: '10401', message: `ClientId is Invalid: ${credentials.clientId}` }] } } };
      }
      return tokens.issue();
    }
    const fault = takeFault(server);
    if (fault) return fault;
    const m = /^\/api\/track\/v1\/details\/([^/]+)$/.exec(req.path);
    if (req.method !== 'GET' || !m) return { status: 404, body: { response: { errors: [{ code: '404', message: 'no such route' }] } } };
    if (!tokens.accepts(req.headers)) return { status: 401, body: { response: { errors: [{ code: '250002', message: 'Invalid Authentication Information.' }] } } };
    if (!req.headers.transid || !req.headers.transactionsrc) return { status: 400, body: { response: { errors: [{ code: '10001', message: 'missing transId' }] } } };
    const number = decodeURIComponent(m[1]!);
    const pkg = packages[number];
    if (!pkg) return { status: 404, body: { response: { errors: [{ code: '151018', message: 'Invalid tracking number' }] } } };
    return { status: 200, body: { trackResponse: { shipment: [{ inquiryNumber: number, package: [pkg] }] } } };
  });
  return Object.assign(server, { tokens });
}
