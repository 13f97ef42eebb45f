import type { StatusMap } from '../../carriers/status/status-map.js';
import { mapStatus } from '../../carriers/status/status-map.js';
import type { TrackingEventRecord } from '../../core/domain.js';
import { joinLocation, obj, objs, str, type JsonObject } from '../tracking/read-json.js';
import { aggregatorEvent, compact } from './event.js';
import type { WebhookProvider } from './provider.js';
import { digestMatches, header, hmacSha256 } from './signature.js';

const SOURCE = 'aftership';

/** AfterShip delivery-status tags (tracking.md §2.5). Pending means no carrier data yet, so not even pre-transit. */
export const aftershipTagMap: StatusMap = {
  codes: {
    Pending: 'unknown',
    InfoReceived: 'pre_transit',
    InTransit: 'in_transit',
    OutForDelivery: 'out_for_delivery',
    AttemptFail: 'delivery_failed',
    Delivered: 'delivered',
    AvailableForPickup: 'available_for_pickup',
    Exception: 'exception',
    Expired: 'unknown',
  },
  fallback: 'unknown',
};

/**
 * AfterShip webhooks: `aftership-hmac-sha256` = base64 HMAC-SHA256(secret, raw body), confirmed by AfterShip's docs.
 * Events come from `msg.checkpoints[]`; `shipment_pickup_date` and `shipment_delivery_date` add the pickup
 * and delivery instants when the checkpoints stop short.
 */
export const aftership = {
  name: SOURCE,
  verify: (request, secret) => digestMatches(header(request.headers, 'aftership-hmac-sha256'), hmacSha256(secret, request.rawBody), ['base64']),
  parse(body) {
    const msg = obj(obj(body)?.msg);
    if (!msg) return null;
    const number = str(msg.tracking_number);
    const slug = str(msg.slug);
    const events: (TrackingEventRecord | null)[] = objs(msg.checkpoints).map((cp) => checkpointEvent(cp, number, slug));
    const pickup = str(msg.shipment_pickup_date);
    if (pickup) events.push(aggregatorEvent({ source: SOURCE, carrierRaw: slug, trackingNumber: number, time: pickup, status: 'in_transit', code: 'shipment_pickup_date', description: 'Picked up', location: null }));
    const delivered = str(msg.shipment_delivery_date);
    if (delivered) events.push(aggregatorEvent({ source: SOURCE, carrierRaw: slug, trackingNumber: number, time: delivered, status: 'delivered', code: 'shipment_delivery_date', description: 'Delivered', location: null }));
    return compact(events);
  },
} satisfies WebhookProvider;

function checkpointEvent(cp: JsonObject, number: string | null, slug: string | null): TrackingEventRecord | null {
  const tag = str(cp.tag);
  const subtag = str(cp.subtag);
  // checkpoint_time is carrier-local and sometimes lacks an offset; created_at (UTC) is the fallback.
  const time = str(cp.checkpoint_time) ?? str(cp.created_at);
  const location = joinLocation(cp.city, cp.state, cp.zip, cp.country_iso3 ?? cp.country_region) ?? str(cp.location);
  return aggregatorEvent({
    source: SOURCE,
    carrierRaw: str(cp.slug) ?? slug,
    trackingNumber: number,
    time,
    status: mapStatus(aftershipTagMap, tag),
    code: subtag ?? tag,
    description: str(cp.message),
    location,
  });
}
