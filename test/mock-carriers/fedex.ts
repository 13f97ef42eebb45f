import { startMockServer, takeFault, TokenIssuer, type MockServer } from './harness.js';

export interface FedexMock extends MockServer {
  tokens: TokenIssuer;
}

interface TrackBody {
  trackingInfo?: { trackingNumberInfo?: { trackingNumber?: string } }[];
}

/**
 * FedEx Track API v1 (tracking.md §2.2): form token endpoint, POST of up to 30 numbers, per-number
 * `error` (TRACKING.TRACKINGNUMBER.NOTFOUND) for unknown numbers inside an otherwise good answer.
 */
export async function startFedexMock(credentials: { clientId: string; clientSecret: string }, results: Record<string, unknown>): Promise<FedexMock> {
  const tokens = new TokenIssuer();
  const server = await startMockServer((req) => {
    if (req.method === 'POST' && req.path === '/oauth/token') {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== credentials.clientId || form.get('client_secret') !== credentials.clientSecret) {
        return { status: 401, body: { errors: [{ code: 'NOT.AUTHORIZED.ERROR', message: 'The given client credentials were not valid.' }] } };
      }
      return tokens.issue();
    }
    const fault = takeFault(server);
    if (fault) return fault;
    if (req.method !== 'POST' || req.path !== '/track/v1/trackingnumbers') return { status: 404, body: { errors: [{ code: 'NOT.FOUND.ERROR', message: 'no route' }] } };
    if (!tokens.accepts(req.headers)) return { status: 401, body: { errors: [{ code: 'NOT.AUTHORIZED.ERROR', message: 'Access token expired.' }] } };
    const body = JSON.parse(req.body) as TrackBody;
    const numbers = (body.trackingInfo ?? []).map((t) => t.trackingNumberInfo?.trackingNumber ?? '');
    if (numbers.length === 0 || numbers.length > 30) {
      return { status: 400, body: { errors: [{ code: 'TRACKING.TRACKINGNUMBERS.LIMIT.EXCEEDED', message: 'Between 1 and 30 numbers.' }] } };
    }
    const completeTrackResults = numbers.map((n) => {
      const known = results[n];
      const trackResult = known ?? {
        trackingNumberInfo: { trackingNumber: n },
        error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found.' },
      };
      return { trackingNumber: n, trackResults: [trackResult] };
    });
    return { status: 200, body: { transactionId: 'tx-1', output: { completeTrackResults } } };
  });
  return Object.assign(server, { tokens });
}
