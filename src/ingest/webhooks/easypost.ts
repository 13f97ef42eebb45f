import type { StatusMap } from '../../carriers/status/status-map.js';
import { mapStatus } from '../../carriers/status/status-map.js';
import { joinLocation, obj, objs, str } from '../tracking/read-json.js';
import { aggregatorEvent, compact } from './event.js';
import type { WebhookProvider } from './provider.js';
import { digestMatches, header, hmacSha256 } from './signature.js';

const SOURCE = 'easypost';
const PREFIX = 'hmac-sha256-hex=';

/** EasyPost tracker statuses (tracking.md §2.6). Cancelled and error trackers carry no evidence of a scan. */
export const easypostStatusMap: StatusMap = {
  codes: {
    unknown: 'unknown',
    pre_transit: 'pre_transit',
    in_transit: 'in_transit',
    out_for_delivery: 'out_for_delivery',
    delivered: 'delivered',
    available_for_pickup: 'available_for_pickup',
    return_to_sender: 'returned',
    failure: 'delivery_failed',
    cancelled: 'unknown',
    error: 'unknown',
  },
  fallback: 'unknown',
};

/**
 * EasyPost Event webhooks: `X-Hmac-Signature: hmac-sha256-hex=<hex>`, keyed by the NFKD-normalised secret
 * (easypost-node `validateWebhook`). The raw body is hashed as received, so the SDK's weight-rewriting quirk
 * does not arise here.
 */
export const easypost = {
  name: SOURCE,
  verify(request, secret) {
    const presented = header(request.headers, 'x-hmac-signature');
    if (!presented?.startsWith(PREFIX)) return false;
    return digestMatches(presented.slice(PREFIX.length), hmacSha256(Buffer.from(secret.normalize('NFKD'), 'utf8'), request.rawBody), ['hex']);
  },
  parse(body) {
    const event = obj(body);
    if (!event || str(event.object) !== 'Event') return null;
    // Only tracker events carry tracking; other events are acknowledged and ignored.
    if (!str(event.description)?.startsWith('tracker.')) return [];
    const tracker = obj(event.result);
    if (!tracker) return null;
    const number = str(tracker.tracking_code);
    const carrier = str(tracker.carrier);
    return compact(
      objs(tracker.tracking_details).map((detail) => {
        const status = str(detail.status);
        const where = obj(detail.tracking_location);
        return aggregatorEvent({
          source: SOURCE,
          carrierRaw: carrier,
          trackingNumber: number,
          time: str(detail.datetime),
          status: mapStatus(easypostStatusMap, status),
          code: [status, str(detail.status_detail)].filter(Boolean).join('/') || null,
          description: str(detail.message) ?? str(detail.description),
          location: joinLocation(where?.city, where?.state, where?.zip, where?.country),
        });
      }),
    );
  },
} satisfies WebhookProvider;
