import { createHash, createHmac } from 'node:crypto';

/** Signs a body the way each provider documents it (tracking.md §2.5–2.8); used by tests, the load test and the bench. */
export const SIGNERS = {
  aftership: (body: string, secret: string) => ({ 'aftership-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64') }),
  easypost: (body: string, secret: string) => ({
    'x-hmac-signature': `hmac-sha256-hex=${createHmac('sha256', Buffer.from(secret.normalize('NFKD'))).update(body).digest('hex')}`,
  }),
  shippo: (body: string, secret: string) => ({ 'shippo-signature': createHmac('sha256', secret).update(body).digest('hex') }),
  '17track': (body: string, secret: string) => ({ sign: createHash('sha256').update(`${body}/${secret}`).digest('hex') }),
} as const satisfies Record<string, (body: string, secret: string) => Record<string, string>>;

export type ProviderName = keyof typeof SIGNERS;
export const PROVIDER_NAMES = Object.keys(SIGNERS) as ProviderName[];

export interface SyntheticScan {
  trackingNumber: string;
  /** ISO instant with offset. */
  time: string;
  /** Distinguishes events of one number. */
  seq: number;
  /** A scan in transit (default) or the delivery. */
  delivered?: boolean;
}

/** A minimal valid delivery of one scan per provider, for load tests: each yields exactly one event. */
export function deliveryBody(provider: ProviderName, scan: SyntheticScan): string {
  const delivered = scan.delivered === true;
  switch (provider) {
    case 'aftership':
      return JSON.stringify({
        event: 'tracking_update', event_id: `evt-${scan.trackingNumber}-${scan.seq}`, ts: 1,
        msg: { tracking_number: scan.trackingNumber, slug: 'ups', checkpoints: [{ checkpoint_time: scan.time, tag: delivered ? 'Delivered' : 'InTransit', subtag: delivered ? 'Delivered_001' : 'InTransit_001', message: `Scan ${scan.seq}`, city: 'Louisville' }] },
      });
    case 'easypost':
      return JSON.stringify({
        object: 'Event', id: `evt_${scan.trackingNumber}_${scan.seq}`, description: 'tracker.updated', mode: 'test',
        result: { object: 'Tracker', tracking_code: scan.trackingNumber, carrier: 'USPS', tracking_details: [{ status: delivered ? 'delivered' : 'in_transit', status_detail: delivered ? 'arrived_at_destination' : 'arrived_at_facility', message: `Scan ${scan.seq}`, datetime: scan.time }] },
      });
    case 'shippo':
      return JSON.stringify({
        event: 'track_updated', test: true,
        data: { tracking_number: scan.trackingNumber, carrier: 'fedex', tracking_history: [{ object_id: `st-${scan.trackingNumber}-${scan.seq}`, status: delivered ? 'DELIVERED' : 'TRANSIT', status_details: `Scan ${scan.seq}`, status_date: scan.time }] },
      });
    case '17track':
      return JSON.stringify({
        event: 'TRACKING_UPDATED',
        data: { number: scan.trackingNumber, carrier: 100001, track_info: { tracking: { providers: [{ events: [{ time_iso: scan.time, description: `Scan ${scan.seq}`, stage: delivered ? 'Delivered' : 'Departure' }] }] } } },
      });
  }
}
