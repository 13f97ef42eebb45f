import type { StatusMap } from '../../carriers/status/status-map.js';
import { mapStatus } from '../../carriers/status/status-map.js';
import { joinLocation, obj, objs, str, type JsonObject } from '../tracking/read-json.js';
import { aggregatorEvent, compact } from './event.js';
import type { WebhookProvider } from './provider.js';
import { digestMatches, header, hmacSha256, sameSecret } from './signature.js';

const SOURCE = 'shippo';

/** Shippo tracking statuses (trackingstatusenum.md). FAILURE is a delivery problem, not proof of loss. */
export const shippoStatusMap: StatusMap = {
  codes: {
    UNKNOWN: 'unknown',
    PRE_TRANSIT: 'pre_transit',
    TRANSIT: 'in_transit',
    DELIVERED: 'delivered',
    RETURNED: 'returned',
    FAILURE: 'exception',
  },
  fallback: 'unknown',
};

/**
 * Shippo offers an IP allowlist, a `?token=` in the webhook URL, or HMAC on request. The HMAC header and its
 * encoding are UNCONFIRMED, so a delivery is accepted when the URL token matches, or when `Shippo-Signature`
 * (also tried as `X-Shippo-Signature`) is HMAC-SHA256(secret, body) in hex or base64. The IP allowlist is left
 * to the network edge: behind a proxy the peer address is not the sender's.
 */
export const shippo = {
  name: SOURCE,
  verify(request, secret) {
    if (sameSecret(request.query.token, secret)) return true;
    const presented = header(request.headers, 'shippo-signature') ?? header(request.headers, 'x-shippo-signature');
    return digestMatches(presented, hmacSha256(secret, request.rawBody), ['hex', 'base64']);
  },
  parse(body) {
    const payload = obj(body);
    const track = obj(payload?.data);
    if (!payload || !track) return null;
    const event = str(payload.event);
    if (event !== null && event !== 'track_updated') return [];
    const number = str(track.tracking_number);
    const carrier = str(track.carrier);
    const entries = objs(track.tracking_history);
    const current = obj(track.tracking_status);
    // The current status is normally the last history entry too; the key (object_id) keeps it once.
    if (current) entries.push(current);
    return compact(entries.map((entry) => statusEvent(entry, number, carrier)));
  },
} satisfies WebhookProvider;

function statusEvent(entry: JsonObject, number: string | null, carrier: string | null) {
  const status = str(entry.status);
  const substatus = str(obj(entry.substatus)?.code);
  const where = obj(entry.location);
  const time = str(entry.status_date);
  return aggregatorEvent({
    source: SOURCE,
    carrierRaw: carrier,
    trackingNumber: number,
    time,
    status: mapStatus(shippoStatusMap, status),
    code: [status, substatus].filter(Boolean).join('/') || null,
    description: str(entry.status_details) ?? str(obj(entry.substatus)?.text),
    location: joinLocation(where?.city, where?.state, where?.zip, where?.country),
    // object_id names the status record; the time guards against an id reused for a revised record.
    id: str(entry.object_id) ? `${str(entry.object_id)}@${time ?? ''}` : null,
  });
}
