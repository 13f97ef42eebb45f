import type { TrackingEventRecord } from '../../../core/domain.js';
import { dhlStatusMap } from '../../../carriers/status/dhl.js';
import { mapStatus } from '../../../carriers/status/status-map.js';
import { apiKeyAuth } from '../auth.js';
import { derivedEventKey, type TrackingClient, type TrackOutcome } from '../client.js';
import { buildHttp, type ClientOptions } from '../client-options.js';
import { parseProviderInstant } from '../instant.js';
import { at, joinLocation, objs, str } from '../read-json.js';
import { makeRedactor } from '../redact.js';

export const DHL_SOURCE = 'dhl-api';
const DEFAULTS = { carrier: 'dhl', baseUrl: 'https://api-eu.dhl.com', rateLimit: { perSecond: 1, burst: 3 } };

/** DHL `service` → registry key; an unknown division leaves the key open so the event still matches its package. */
const DHL_SERVICE_KEYS: Readonly<Record<string, string>> = {
  express: 'dhl-express',
  'parcel-de': 'dhl-paket',
  ecommerce: 'dhl-ecommerce',
  'ecommerce-apac': 'dhl-ecommerce',
  'ecommerce-europe': 'dhl-ecommerce',
};

export interface DhlCredentials {
  apiKey: string;
}

/** DHL Shipment Tracking – Unified (tracking.md §2.4): `DHL-API-Key` header, one number per GET. */
export function createDhlClient(credentials: DhlCredentials, options: ClientOptions = {}): TrackingClient {
  const redact = makeRedactor([credentials.apiKey]);
  const http = buildHttp(DEFAULTS, options, apiKeyAuth('DHL-API-Key', credentials.apiKey), redact);

  async function trackOne(trackingNumber: string): Promise<TrackOutcome> {
    const answer = await http.call({ method: 'GET', path: '/track/shipments', query: { trackingNumber } });
    if (answer.status === 404) return { trackingNumber, kind: 'not_found', events: [], message: dhlErrorText(answer.body) };
    if (answer.status >= 400) return { trackingNumber, kind: 'error', events: [], message: redact(dhlErrorText(answer.body)) };
    return { trackingNumber, kind: 'found', events: parseDhlResponse(trackingNumber, answer.body) };
  }

  return { carrierKey: 'dhl', maxBatch: 1, track: (numbers) => Promise.all(numbers.map(trackOne)) };
}

/** DHL errors are RFC 7807 problem documents (`title`, `detail`). */
function dhlErrorText(body: unknown): string {
  return [str(at(body, 'title')), str(at(body, 'detail'))].filter(Boolean).join(': ') || 'DHL error';
}

/** Events of every shipment in the answer (one number may come back once per DHL division). */
export function parseDhlResponse(requested: string, body: unknown): TrackingEventRecord[] {
  const events: TrackingEventRecord[] = [];
  for (const shipment of objs(at(body, 'shipments'))) {
    const trackingNumber = str(shipment.id) ?? requested;
    const service = str(shipment.service);
    for (const event of objs(shipment.events)) {
      const instant = parseProviderInstant(str(event.timestamp));
      if (!instant) continue;
      const code = str(event.statusCode);
      const address = at(event, 'location', 'address');
      events.push({
        carrierKey: service ? (DHL_SERVICE_KEYS[service] ?? null) : null,
        carrierRaw: service ? `DHL ${service}` : 'DHL',
        trackingNumber,
        occurredAt: instant.ms,
        offsetMinutes: instant.offsetMinutes,
        status: mapStatus(dhlStatusMap, code),
        code,
        description: str(event.description) ?? str(event.status),
        location: joinLocation(at(address, 'addressLocality'), at(address, 'countryCode')),
        source: DHL_SOURCE,
        // Two divisions can report the same instant with different texts; the text keeps them apart.
        eventKey: derivedEventKey(DHL_SOURCE, trackingNumber, instant.ms, `${code ?? ''}/${str(event.status) ?? ''}`),
      });
    }
  }
  return events;
}
