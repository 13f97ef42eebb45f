import type { TrackingEventRecord, TrackingStatus } from '../../../core/domain.js';
import { mapStatus } from '../../../carriers/status/status-map.js';
import { uspsStatusMap } from '../../../carriers/status/usps.js';
import { OAuthClientCredentials } from '../auth.js';
import { derivedEventKey, type TrackingClient, type TrackOutcome } from '../client.js';
import { buildHttp, endpoint, type ClientOptions, type OAuthCredentials } from '../client-options.js';
import { parseProviderInstant } from '../instant.js';
import { at, joinLocation, objs, str } from '../read-json.js';
import { makeRedactor } from '../redact.js';

export const USPS_SOURCE = 'usps-api';
const DEFAULTS = { carrier: 'usps', baseUrl: 'https://apis.usps.com', rateLimit: { perSecond: 2, burst: 5 } };

/** Event text that marks a label or pre-shipment notice rather than a USPS hand on the parcel. */
const PRE_SHIPMENT_TEXT = /pre-?shipment|label created|shipping label|shipment information received|awaiting item/i;

/** USPS Tracking v3 (tracking.md §2.3): OAuth with a JSON body, one number per GET with expand=DETAIL. */
export function createUspsClient(credentials: OAuthCredentials, options: ClientOptions = {}): TrackingClient {
  const redact = makeRedactor([credentials.clientId, credentials.clientSecret]);
  const baseUrl = options.baseUrl ?? DEFAULTS.baseUrl;
  const auth = new OAuthClientCredentials({
    carrier: 'usps',
    redact,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    request: () => ({
      url: endpoint(baseUrl, '/oauth2/v3/token'),
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: credentials.clientId, client_secret: credentials.clientSecret, grant_type: 'client_credentials' }),
      },
    }),
  });
  const http = buildHttp(DEFAULTS, options, auth, redact);

  async function trackOne(trackingNumber: string): Promise<TrackOutcome> {
    const answer = await http.call({
      method: 'GET',
      path: `/tracking/v3/tracking/${encodeURIComponent(trackingNumber)}`,
      query: { expand: 'DETAIL' },
    });
    if (answer.status === 404) return { trackingNumber, kind: 'not_found', events: [], message: uspsErrorText(answer.body) };
    if (answer.status >= 400) return { trackingNumber, kind: 'error', events: [], message: redact(uspsErrorText(answer.body)) };
    return { trackingNumber, kind: 'found', events: parseUspsResponse(trackingNumber, answer.body) };
  }

  return { carrierKey: 'usps', maxBatch: 1, track: (numbers) => Promise.all(numbers.map(trackOne)) };
}

function uspsErrorText(body: unknown): string {
  return `${str(at(body, 'error', 'code')) ?? ''} ${str(at(body, 'error', 'message')) ?? 'USPS error'}`.trim();
}

export function uspsEventStatus(code: string | null, text: string | null): TrackingStatus {
  if (text && PRE_SHIPMENT_TEXT.test(text)) return 'pre_transit';
  return code ? mapStatus(uspsStatusMap, code) : 'unknown';
}

/** The DETAIL answer's events. The `Z` on eventTimestamp may be local time (UNCONFIRMED); it is read as given. */
export function parseUspsResponse(requested: string, body: unknown): TrackingEventRecord[] {
  const trackingNumber = str(at(body, 'trackingNumber')) ?? requested;
  const events: TrackingEventRecord[] = [];
  for (const event of objs(at(body, 'trackingEvents'))) {
    const instant = parseProviderInstant(str(event.eventTimestamp));
    if (!instant) continue;
    const code = str(event.eventCode);
    const text = str(event.eventType);
    events.push({
      carrierKey: 'usps',
      carrierRaw: 'USPS',
      trackingNumber,
      occurredAt: instant.ms,
      offsetMinutes: instant.offsetMinutes,
      status: uspsEventStatus(code, text),
      code,
      description: text,
      location: joinLocation(event.eventCity, event.eventState, event.eventZIP, event.eventCountry),
      source: USPS_SOURCE,
      eventKey: derivedEventKey(USPS_SOURCE, trackingNumber, instant.ms, code ?? text),
    });
  }
  return events;
}
