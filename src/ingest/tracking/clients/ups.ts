import { randomUUID } from 'node:crypto';
import { isCarrierScan, type TrackingEventRecord } from '../../../core/domain.js';
import { mapStatus } from '../../../carriers/status/status-map.js';
import { upsStatusMap } from '../../../carriers/status/ups.js';
import { OAuthClientCredentials } from '../auth.js';
import { derivedEventKey, inRequestOrder, type TrackingClient, type TrackOutcome } from '../client.js';
import { buildHttp, endpoint, type ClientOptions, type OAuthCredentials } from '../client-options.js';
import { parseCompactDateTime, parseOffset } from '../instant.js';
import { at, joinLocation, obj, objs, str, type JsonObject } from '../read-json.js';
import { makeRedactor } from '../redact.js';

export const UPS_SOURCE = 'ups-api';
const DEFAULTS = { carrier: 'ups', baseUrl: 'https://onlinetools.ups.com', rateLimit: { perSecond: 5, burst: 10 } };

export interface UpsCredentials extends OAuthCredentials {
  merchantId?: string;
}

/** UPS Track API v1 (tracking.md §2.1): OAuth with HTTP Basic, one inquiry number per GET. */
export function createUpsClient(credentials: UpsCredentials, options: ClientOptions = {}): TrackingClient {
  const redact = makeRedactor([credentials.clientId, credentials.clientSecret], { id: credentials.clientId, secret: credentials.clientSecret });
  const baseUrl = options.baseUrl ?? DEFAULTS.baseUrl;
  const auth = new OAuthClientCredentials({
    carrier: 'ups',
    redact,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    request: () => ({
      url: endpoint(baseUrl, '/security/v1/oauth/token'),
      init: {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          ...(credentials.merchantId ? { 'x-merchant-id': credentials.merchantId } : {}),
        },
        body: 'grant_type=client_credentials',
      },
    }),
  });
  const http = buildHttp(DEFAULTS, options, auth, redact);

  async function trackOne(trackingNumber: string): Promise<TrackOutcome> {
    const answer = await http.call({
      method: 'GET',
      path: `/api/track/v1/details/${encodeURIComponent(trackingNumber)}`,
      query: { locale: 'en_US', returnSignature: 'false', returnMilestones: 'false', returnPOD: 'false' },
      // transId must be unique per request (≤32 characters); transactionSrc names the caller.
      headers: { transId: randomUUID().replace(/-/g, ''), transactionSrc: 'vtrguard' },
    });
    if (answer.status === 404) return { trackingNumber, kind: 'not_found', events: [], message: upsErrorText(answer.body) };
    if (answer.status >= 400) return { trackingNumber, kind: 'error', events: [], message: redact(upsErrorText(answer.body)) };
    return inRequestOrder([trackingNumber], parseUpsResponse(answer.body))[0]!;
  }

  return {
    carrierKey: 'ups',
    maxBatch: 1,
    track: (numbers) => Promise.all(numbers.map(trackOne)),
  };
}

function upsErrorText(body: unknown): string {
  const first = objs(at(body, 'response', 'errors'))[0];
  return first ? `${str(first.code) ?? ''} ${str(first.message) ?? ''}`.trim() : 'UPS error';
}

/** A Track API answer → one outcome per package it mentions, keyed by the upper-cased number. */
export function parseUpsResponse(body: unknown): Map<string, TrackOutcome> {
  const outcomes = new Map<string, TrackOutcome>();
  for (const shipment of objs(at(body, 'trackResponse', 'shipment'))) {
    const packages = objs(shipment.package);
    if (packages.length === 0) {
      // "Tracking information not found" comes back as 200 with a shipment warning and no package.
      const number = str(shipment.inquiryNumber);
      const warning = objs(shipment.warnings)[0];
      if (number) outcomes.set(number.toUpperCase(), { trackingNumber: number, kind: 'not_found', events: [], message: str(warning?.message) ?? 'not found' });
      continue;
    }
    for (const pkg of packages) {
      const number = str(pkg.trackingNumber) ?? str(shipment.inquiryNumber);
      if (!number) continue;
      outcomes.set(number.toUpperCase(), { trackingNumber: number, kind: 'found', events: upsPackageEvents(number, pkg) });
    }
  }
  return outcomes;
}

function upsPackageEvents(trackingNumber: string, pkg: JsonObject): TrackingEventRecord[] {
  const events: TrackingEventRecord[] = [];
  let newestOffset = 0;
  for (const activity of objs(pkg.activity)) {
    const status = obj(activity.status);
    const type = str(status?.type);
    const code = str(status?.code);
    const offset = parseOffset(str(activity.gmtOffset)) ?? 0;
    newestOffset = events.length === 0 ? offset : newestOffset;
    // gmtDate/gmtTime are UTC; the local pair is the fallback when UPS leaves them out.
    const utc = parseCompactDateTime(str(activity.gmtDate), str(activity.gmtTime), 0);
    const instant = utc ? { ms: utc.ms, offsetMinutes: offset } : parseCompactDateTime(str(activity.date), str(activity.time), offset);
    if (!instant) continue;
    const rawCode = type && code ? `${type}:${code}` : (type ?? code);
    let mapped = mapStatus(upsStatusMap, rawCode, type);
    // logicalScan=true marks a system event, not a hand on the parcel: never evidence of a carrier scan.
    if (activity.logicalScan === true && isCarrierScan(mapped)) mapped = 'unknown';
    const address = obj(at(activity, 'location', 'address'));
    events.push({
      carrierKey: 'ups',
      carrierRaw: 'UPS',
      trackingNumber,
      occurredAt: instant.ms,
      offsetMinutes: instant.offsetMinutes,
      status: mapped,
      code: rawCode,
      description: str(status?.description),
      location: joinLocation(address?.city, address?.stateProvince, address?.postalCode, address?.countryCode ?? address?.country),
      source: UPS_SOURCE,
      eventKey: derivedEventKey(UPS_SOURCE, trackingNumber, instant.ms, rawCode),
    });
  }
  const delivered = upsDeliveredEvent(trackingNumber, pkg, newestOffset);
  if (delivered && !events.some((e) => e.status === 'delivered')) events.push(delivered);
  return events;
}

/** Delivery from `deliveryDate[DEL]` + `deliveryTime[DEL].endTime`, for answers whose activity list stops short. */
function upsDeliveredEvent(trackingNumber: string, pkg: JsonObject, offset: number): TrackingEventRecord | null {
  const date = objs(pkg.deliveryDate).find((d) => str(d.type) === 'DEL');
  if (!date) return null;
  const time = obj(pkg.deliveryTime);
  const end = str(time?.type) === 'DEL' ? str(time?.endTime) : null;
  const instant = parseCompactDateTime(str(date.date), end, offset);
  if (!instant) return null;
  return {
    carrierKey: 'ups',
    carrierRaw: 'UPS',
    trackingNumber,
    occurredAt: instant.ms,
    offsetMinutes: instant.offsetMinutes,
    status: 'delivered',
    code: 'DEL',
    description: 'Delivered',
    location: null,
    source: UPS_SOURCE,
    eventKey: derivedEventKey(UPS_SOURCE, trackingNumber, instant.ms, 'DEL'),
  };
}
