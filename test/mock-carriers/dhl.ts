import { startMockServer, takeFault, type MockServer } from './harness.js';

/** DHL Shipment Tracking – Unified (tracking.md §2.4): `DHL-API-Key` header, problem+json errors. */
export async function startDhlMock(apiKey: string, shipments: Record<string, unknown>): Promise<MockServer> {
  const server = await startMockServer((req) => {
    const fault = takeFault(server);
    if (fault) return fault;
    if (req.method !== 'GET' || req.path !== '/track/shipments') return { status: 404, body: { status: 404, title: 'Not Found', detail: 'no route' } };
    if (req.headers['dhl-api-key'] !== apiKey) return { status: 401, body: { status: 401, title: 'Unauthorized', detail: 'Invalid API key' } };
    const number = req.query.get('trackingNumber') ?? '';
    const shipment = shipments[number];
    if (!shipment) return { status: 404, body: { status: 404, title: 'No result found', detail: `No shipment with given tracking number found: ${number}` } };
    return { status: 200, body: { shipments: [shipment] } };
  });
  return server;
}
