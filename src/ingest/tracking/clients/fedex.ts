import type { TrackingEventRecord } from '../../../core/domain.js';
import { fedexDateTypeMap, fedexStatusMap } from '../../../carriers/status/fedex.js';
import { mapStatus } from '../../../carriers/status/status-map.js';
import { OAuthClientCredentials } from '../auth.js';
import { derivedEventKey, inRequestOrder, type TrackingClient, type TrackOutcome } from '../client.js';
import { buildHttp, endpoint, type ClientOptions, type OAuthCredentials } from '../client-options.js';
import { parseProviderInstant } from '../instant.js';
import { at, joinLocation, obj, objs, str, type JsonObject } from '../read-json.js';
import { makeRedactor } from '../redact.js';

export const FEDEX_SOURCE = 'fedex-api';
/** FedEx accepts at most 30 numbers per Track call (FXDOC business rules). */
export const FEDEX_MAX_BATCH = 30;
const DEFAULTS = { carrier: 'fedex', baseUrl: 'https://apis.fedex.com', rateLimit: { perSecond: 3, burst: 6 } };

/** FedEx Track API v1 (tracking.md §2.2): OAuth with the key and secret in the form, up to 30 numbers per POST. */
export function createFedexClient(credentials: OAuthCredentials, options: ClientOptions = {}): TrackingClient {
  const redact = makeRedactor([credentials.clientId, credentials.clientSecret]);
  const baseUrl = options.baseUrl ?? DEFAULTS.baseUrl;
  const auth = new OAuthClientCredentials({
    carrier: 'fedex',
    redact,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    request: () => ({
      url: endpoint(baseUrl, '/oauth/token'),
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
        }).toString(),
      },
    }),
  });
  const http = buildHttp(DEFAULTS, options, auth, redact);

  async function trackBatch(numbers: readonly string[]): Promise<TrackOutcome[]> {
    const answer = await http.call({
      method: 'POST',
      path: '/track/v1/trackingnumbers',
      headers: { 'x-locale': 'en_US' },
      json: {
        includeDetailedScans: true,
        trackingInfo: numbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })),
      },
    });
    if (answer.status === 404) return numbers.map((n) => ({ trackingNumber: n, kind: 'not_found', events: [], message: fedexErrorText(answer.body) }));
    if (answer.status >= 400) return numbers.map((n) => ({ trackingNumber: n, kind: 'error', events: [], message: redact(fedexErrorText(answer.body)) }));
    return inRequestOrder(numbers, parseFedexResponse(answer.body));
  }

  return {
    carrierKey: 'fedex',
    maxBatch: FEDEX_MAX_BATCH,
    async track(numbers) {
      const outcomes: TrackOutcome[] = [];
      for (let i = 0; i < numbers.length; i += FEDEX_MAX_BATCH) outcomes.push(...(await trackBatch(numbers.slice(i, i + FEDEX_MAX_BATCH))));
      return outcomes;
    },
  };
}

function fedexErrorText(body: unknown): string {
  const first = objs(at(body, 'errors'))[0];
  return first ? `${str(first.code) ?? ''} ${str(first.message) ?? ''}`.trim() : 'FedEx error';
}

/** A Track answer → one outcome per number; a per-number `error` is that number's outcome, not the batch's. */
export function parseFedexResponse(body: unknown): Map<string, TrackOutcome> {
  const outcomes = new Map<string, TrackOutcome>();
  for (const complete of objs(at(body, 'output', 'completeTrackResults'))) {
    for (const result of objs(complete.trackResults)) {
      const number = str(at(result, 'trackingNumberInfo', 'trackingNumber')) ?? str(complete.trackingNumber);
      if (!number) continue;
      const error = obj(result.error);
      if (error) {
        const code = str(error.code) ?? '';
        outcomes.set(number.toUpperCase(), {
          trackingNumber: number,
          kind: /NOTFOUND|NOT\.FOUND/i.test(code) ? 'not_found' : 'error',
          events: [],
          message: `${code} ${str(error.message) ?? ''}`.trim(),
        });
        continue;
      }
      const previous = outcomes.get(number.toUpperCase());
      const events = [...(previous?.events ?? []), ...fedexResultEvents(number, result)];
      outcomes.set(number.toUpperCase(), { trackingNumber: number, kind: 'found', events });
    }
  }
  return outcomes;
}

function fedexResultEvents(trackingNumber: string, result: JsonObject): TrackingEventRecord[] {
  const events: TrackingEventRecord[] = [];
  const push = (instantText: string | null, code: string | null, status: TrackingEventRecord['status'], description: string | null, location: string | null) => {
    const instant = parseProviderInstant(instantText);
    if (!instant) return;
    events.push({
      carrierKey: 'fedex',
      carrierRaw: 'FedEx',
      trackingNumber,
      occurredAt: instant.ms,
      offsetMinutes: instant.offsetMinutes,
      status,
      code,
      description,
      location,
      source: FEDEX_SOURCE,
      eventKey: derivedEventKey(FEDEX_SOURCE, trackingNumber, instant.ms, code),
    });
  };
  for (const scan of objs(result.scanEvents)) {
    const code = str(scan.eventType);
    const where = obj(scan.scanLocation);
    push(
      str(scan.date),
      code,
      mapStatus(fedexStatusMap, code, str(scan.derivedStatusCode)),
      str(scan.eventDescription) ?? str(scan.derivedStatus),
      joinLocation(where?.city, where?.stateOrProvinceCode, where?.postalCode, where?.countryCode),
    );
  }
  // Pickup and delivery stamps count even when the scan list is short (FedEx returns them separately).
  for (const stamp of objs(result.dateAndTimes)) {
    const type = str(stamp.type);
    const status = mapStatus(fedexDateTypeMap, type);
    if (status === 'unknown') continue;
    push(str(stamp.dateTime), type, status, type, null);
  }
  // FedEx documents no order for scanEvents, so the list is sorted here.
  return events.sort((a, b) => a.occurredAt - b.occurredAt);
}
