import type { StatusMap } from '../../carriers/status/status-map.js';
import { mapStatus } from '../../carriers/status/status-map.js';
import type { TrackingEventRecord } from '../../core/domain.js';
import { at, obj, objs, str, type JsonObject } from '../tracking/read-json.js';
import { aggregatorEvent, compact } from './event.js';
import type { WebhookProvider } from './provider.js';
import { digestMatches, header, hmacSha256, sha256 } from './signature.js';

const SOURCE = '17track';

/**
 * 17TRACK statuses and event stages (tracking.md §2.7, UNCONFIRMED): the package-level status names and the
 * per-event stage names share one table. NotFound and InfoReceived are not scans.
 */
export const seventeenTrackStatusMap: StatusMap = {
  codes: {
    NotFound: 'unknown',
    InfoReceived: 'pre_transit',
    InTransit: 'in_transit',
    PickedUp: 'in_transit',
    Departure: 'in_transit',
    Arrival: 'in_transit',
    Expired: 'unknown',
    AvailableForPickup: 'available_for_pickup',
    OutForDelivery: 'out_for_delivery',
    DeliveryFailure: 'delivery_failed',
    Delivered: 'delivered',
    Exception: 'exception',
    Returning: 'returned',
    Returned: 'returned',
  },
  fallback: 'unknown',
};

/**
 * 17TRACK push. The `sign` header's composition is UNCONFIRMED, so each documented reading is accepted:
 * sha256(body + "/" + key) and HMAC-SHA256(key, body), hex or base64. The payload shape is UNCONFIRMED too:
 * `data` may be one object or an array, with events under `track_info.tracking.providers[].events[]`.
 */
export const seventeenTrack = {
  name: SOURCE,
  verify(request, secret) {
    const presented = header(request.headers, 'sign');
    const concatenated = sha256(Buffer.concat([request.rawBody, Buffer.from(`/${secret}`)]));
    return (
      digestMatches(presented, concatenated, ['hex', 'base64']) || digestMatches(presented, hmacSha256(secret, request.rawBody), ['hex', 'base64'])
    );
  },
  parse(body) {
    const payload = obj(body);
    if (!payload || payload.data === undefined) return null;
    const event = str(payload.event);
    if (event !== null && event !== 'TRACKING_UPDATED' && event !== 'TRACKING_STOPPED') return [];
    const items = Array.isArray(payload.data) ? objs(payload.data) : compact([obj(payload.data)]);
    return items.flatMap(itemEvents);
  },
} satisfies WebhookProvider;

function itemEvents(item: JsonObject): TrackingEventRecord[] {
  const number = str(item.number);
  const carrier = str(item.carrier);
  const info = obj(item.track_info);
  const latestStatus = str(at(info, 'latest_status', 'status')) ?? str(item.tag);
  const events = objs(at(info, 'tracking', 'providers')).flatMap((p) => objs(p.events));
  const latest = obj(info?.latest_event);
  if (events.length === 0 && latest) events.push(latest);
  const newest = newestTime(events);
  return compact(
    events.map((e) => {
      const time = str(e.time_iso) ?? str(e.time_utc);
      const stage = str(e.stage) ?? str(e.sub_status)?.split('_')[0] ?? null;
      // An event without a stage takes the package status only if it is the newest one; otherwise nothing is known.
      const key = stage ?? (time !== null && time === newest ? latestStatus : null);
      return aggregatorEvent({
        source: SOURCE,
        carrierRaw: carrier,
        trackingNumber: number,
        time,
        status: mapStatus(seventeenTrackStatusMap, key),
        code: str(e.sub_status) ?? key,
        description: str(e.description),
        location: str(e.location),
      });
    }),
  );
}

function newestTime(events: readonly JsonObject[]): string | null {
  let best: string | null = null;
  let bestMs = -Infinity;
  for (const e of events) {
    const t = str(e.time_utc) ?? str(e.time_iso);
    const ms = t ? Date.parse(t) : NaN;
    if (ms > bestMs) {
      bestMs = ms;
      best = str(e.time_iso) ?? str(e.time_utc);
    }
  }
  return best;
}
