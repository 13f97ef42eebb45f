import { describe, expect, it } from 'vitest';
import type { TrackingEventRecord } from '../../core/domain.js';
import { SIGNERS } from '../../../test/mock-carriers/webhook-senders.js';
import { aftership } from './aftership.js';
import { easypost } from './easypost.js';
import type { WebhookProvider } from './provider.js';
import { seventeenTrack } from './seventeen-track.js';
import { shippo } from './shippo.js';
import { createHmac } from 'node:crypto';

const SECRET = 'whsec-Ω-test-secret';
const request = (body: string, headers: Record<string, string>, query: Record<string, string> = {}) => ({ rawBody: Buffer.from(body), headers, query });

type Row = Pick<TrackingEventRecord, 'carrierKey' | 'carrierRaw' | 'trackingNumber' | 'occurredAt' | 'offsetMinutes' | 'status' | 'code' | 'description' | 'location' | 'source'>;
const strip = (events: TrackingEventRecord[] | null): Row[] => (events ?? []).map(({ eventKey: _k, ...rest }) => rest);

describe('signature checks', () => {
  const body = '{"a":1,"weight":10}';
  const cases: [WebhookProvider, keyof typeof SIGNERS][] = [[aftership, 'aftership'], [easypost, 'easypost'], [shippo, 'shippo'], [seventeenTrack, '17track']];
  it.each(cases)('%s accepts its documented signature and refuses a tampered body, a wrong secret or none', (provider, name) => {
    const headers = SIGNERS[name](body, SECRET);
    expect(provider.verify(request(body, headers), SECRET)).toBe(true);
    expect(provider.verify(request(body.replace('10', '10.0'), headers), SECRET)).toBe(false);
    expect(provider.verify(request(body, headers), 'other-secret')).toBe(false);
    expect(provider.verify(request(body, {}), SECRET)).toBe(false);
  });

  it('EasyPost needs the hmac-sha256-hex= prefix', () => {
    const hex = createHmac('sha256', SECRET.normalize('NFKD')).update(body).digest('hex');
    expect(easypost.verify(request(body, { 'x-hmac-signature': hex }), SECRET)).toBe(false);
  });

  it('Shippo (UNCONFIRMED header) accepts the URL token, or HMAC in hex or base64 under either header name', () => {
    const mac = createHmac('sha256', SECRET).update(body);
    const digest = mac.digest();
    expect(shippo.verify(request(body, {}, { token: SECRET }), SECRET)).toBe(true);
    expect(shippo.verify(request(body, {}, { token: 'guess' }), SECRET)).toBe(false);
    expect(shippo.verify(request(body, { 'shippo-signature': digest.toString('base64') }), SECRET)).toBe(true);
    expect(shippo.verify(request(body, { 'x-shippo-signature': digest.toString('hex') }), SECRET)).toBe(true);
  });

  it('refuses a signature with a character more or less, or in a non-canonical spelling (issue 18, item 10)', () => {
    const digest = createHmac('sha256', SECRET).update(body).digest();
    const hex = digest.toString('hex');
    const b64 = digest.toString('base64');
    const url = digest.toString('base64url');
    expect(shippo.verify(request(body, { 'shippo-signature': b64.replace(/=+$/, '') }), SECRET)).toBe(true);
    expect(shippo.verify(request(body, { 'shippo-signature': url }), SECRET)).toBe(true);
    for (const forged of [`${hex}0`, `${hex}f`, hex.slice(0, -1), `${hex}00`, `${b64}A`, `${b64}=`, `=${b64}`, `${url}x`, `${b64.slice(0, 10)}=${b64.slice(10)}`]) {
      expect(shippo.verify(request(body, { 'shippo-signature': forged }), SECRET), forged).toBe(false);
      expect(seventeenTrack.verify(request(body, { sign: forged }), SECRET), forged).toBe(false);
    }
  });

  it('17TRACK (UNCONFIRMED) accepts sha256(body/key) and HMAC-SHA256(key, body), hex or base64', () => {
    expect(seventeenTrack.verify(request(body, { sign: createHmac('sha256', SECRET).update(body).digest('hex') }), SECRET)).toBe(true);
    expect(seventeenTrack.verify(request(body, { sign: createHmac('sha256', SECRET).update(body).digest('base64') }), SECRET)).toBe(true);
  });
});

describe('AfterShip payload', () => {
  it('maps checkpoints, pickup and delivery dates with every field distinct', () => {
    const body = {
      event: 'tracking_update', event_id: 'e1', ts: 1, is_tracking_first_tag: false,
      msg: {
        tracking_number: '1z 999aa10123456784', slug: 'ups', tag: 'Delivered',
        shipment_pickup_date: '2026-05-01T09:00:00-04:00', shipment_delivery_date: '2026-05-03T15:16:17-07:00',
        checkpoints: [
          { checkpoint_time: '2026-04-30T10:11:12+01:00', tag: 'InfoReceived', subtag: 'InfoReceived_001', message: 'Label created', city: 'Leeds', state: 'WY', zip: 'LS1', country_iso3: 'GBR', slug: 'ups' },
          { checkpoint_time: '2026-05-02T01:02:03', tag: 'InTransit', subtag: 'InTransit_007', message: 'Departed hub', city: 'Hodgkins', state: 'IL', zip: '60525', country_iso3: 'USA' },
          { checkpoint_time: '2026-05-03T04:05:06-05:00', tag: 'AttemptFail', subtag: 'AttemptFail_002', message: 'Nobody home', location: 'Reno NV' },
        ],
      },
    };
    expect(strip(aftership.parse(body))).toEqual([
      { carrierKey: 'ups', carrierRaw: 'ups', trackingNumber: '1Z999AA10123456784', occurredAt: Date.parse('2026-04-30T09:11:12Z'), offsetMinutes: 60, status: 'pre_transit', code: 'InfoReceived_001', description: 'Label created', location: 'Leeds, WY, LS1, GBR', source: 'aftership' },
      { carrierKey: 'ups', carrierRaw: 'ups', trackingNumber: '1Z999AA10123456784', occurredAt: Date.parse('2026-05-02T01:02:03Z'), offsetMinutes: 0, status: 'in_transit', code: 'InTransit_007', description: 'Departed hub', location: 'Hodgkins, IL, 60525, USA', source: 'aftership' },
      { carrierKey: 'ups', carrierRaw: 'ups', trackingNumber: '1Z999AA10123456784', occurredAt: Date.parse('2026-05-03T09:05:06Z'), offsetMinutes: -300, status: 'delivery_failed', code: 'AttemptFail_002', description: 'Nobody home', location: 'Reno NV', source: 'aftership' },
      { carrierKey: 'ups', carrierRaw: 'ups', trackingNumber: '1Z999AA10123456784', occurredAt: Date.parse('2026-05-01T13:00:00Z'), offsetMinutes: -240, status: 'in_transit', code: 'shipment_pickup_date', description: 'Picked up', location: null, source: 'aftership' },
      { carrierKey: 'ups', carrierRaw: 'ups', trackingNumber: '1Z999AA10123456784', occurredAt: Date.parse('2026-05-03T22:16:17Z'), offsetMinutes: -420, status: 'delivered', code: 'shipment_delivery_date', description: 'Delivered', location: null, source: 'aftership' },
    ]);
    expect(aftership.parse({ nothing: true })).toBeNull();
  });
});

describe('EasyPost payload', () => {
  it('maps tracker details and ignores non-tracker events', () => {
    const body = {
      object: 'Event', id: 'evt_1', description: 'tracker.updated', mode: 'production',
      result: {
        object: 'Tracker', tracking_code: '9400111899223197428490', carrier: 'USPS', status: 'delivered',
        tracking_details: [
          { status: 'pre_transit', status_detail: 'label_created', message: 'Pre-Shipment Info Sent', datetime: '2026-06-01T01:00:00Z', tracking_location: { city: null, state: null, zip: null, country: null } },
          { status: 'in_transit', status_detail: 'arrived_at_facility', message: 'Arrived at USPS Facility', datetime: '2026-06-02T02:03:04Z', tracking_location: { city: 'COLUMBUS', state: 'OH', zip: '43215', country: 'US' } },
          { status: 'return_to_sender', status_detail: 'return', message: 'Returned', datetime: '2026-06-05T05:06:07+02:00', tracking_location: { city: 'AKRON', state: 'OK', zip: '44301', country: 'UX' } },
        ],
      },
    };
    expect(strip(easypost.parse(body))).toEqual([
      { carrierKey: 'usps', carrierRaw: 'USPS', trackingNumber: '9400111899223197428490', occurredAt: Date.parse('2026-06-01T01:00:00Z'), offsetMinutes: 0, status: 'pre_transit', code: 'pre_transit/label_created', description: 'Pre-Shipment Info Sent', location: null, source: 'easypost' },
      { carrierKey: 'usps', carrierRaw: 'USPS', trackingNumber: '9400111899223197428490', occurredAt: Date.parse('2026-06-02T02:03:04Z'), offsetMinutes: 0, status: 'in_transit', code: 'in_transit/arrived_at_facility', description: 'Arrived at USPS Facility', location: 'COLUMBUS, OH, 43215, US', source: 'easypost' },
      { carrierKey: 'usps', carrierRaw: 'USPS', trackingNumber: '9400111899223197428490', occurredAt: Date.parse('2026-06-05T03:06:07Z'), offsetMinutes: 120, status: 'returned', code: 'return_to_sender/return', description: 'Returned', location: 'AKRON, OK, 44301, UX', source: 'easypost' },
    ]);
    expect(easypost.parse({ object: 'Event', description: 'batch.updated', result: {} })).toEqual([]);
    expect(easypost.parse({ id: 'x' })).toBeNull();
  });
});

describe('Shippo payload', () => {
  it('maps history and the current status once', () => {
    const current = { object_id: 'st3', status: 'DELIVERED', substatus: { code: 'delivered', text: 'Delivered', action_required: false }, status_details: 'Left at door', status_date: '2026-07-03T03:03:03Z', location: { city: 'Miami', state: 'FL', zip: '33101', country: 'US' } };
    const body = {
      event: 'track_updated', test: false,
      data: {
        tracking_number: '794843185271', carrier: 'fedex',
        tracking_status: current,
        tracking_history: [
          { object_id: 'st1', status: 'PRE_TRANSIT', substatus: null, status_details: 'Label printed', status_date: '2026-07-01T01:01:01Z', location: null },
          { object_id: 'st2', status: 'FAILURE', substatus: { code: 'address_issue', text: 'Bad address' }, status_details: null, status_date: '2026-07-02T02:02:02+03:00', location: { city: 'Tampa', state: 'FM', zip: '33601', country: 'UZ' } },
          current,
        ],
      },
    };
    const events = shippo.parse(body)!;
    expect(new Set(events.map((e) => e.eventKey)).size).toBe(3);
    expect(strip(events).slice(0, 3)).toEqual([
      { carrierKey: 'fedex', carrierRaw: 'fedex', trackingNumber: '794843185271', occurredAt: Date.parse('2026-07-01T01:01:01Z'), offsetMinutes: 0, status: 'pre_transit', code: 'PRE_TRANSIT', description: 'Label printed', location: null, source: 'shippo' },
      { carrierKey: 'fedex', carrierRaw: 'fedex', trackingNumber: '794843185271', occurredAt: Date.parse('2026-07-01T23:02:02Z'), offsetMinutes: 180, status: 'exception', code: 'FAILURE/address_issue', description: 'Bad address', location: 'Tampa, FM, 33601, UZ', source: 'shippo' },
      { carrierKey: 'fedex', carrierRaw: 'fedex', trackingNumber: '794843185271', occurredAt: Date.parse('2026-07-03T03:03:03Z'), offsetMinutes: 0, status: 'delivered', code: 'DELIVERED/delivered', description: 'Left at door', location: 'Miami, FL, 33101, US', source: 'shippo' },
    ]);
    expect(shippo.parse({ event: 'transaction_created', data: {} })).toEqual([]);
  });
});

describe('17TRACK payload (UNCONFIRMED shape)', () => {
  it('maps provider events by stage, and an array of items', () => {
    const item = (number: string) => ({
      number, carrier: 100003,
      track_info: {
        latest_status: { status: 'Delivered' },
        tracking: { providers: [{ provider: { key: 100003, name: 'FedEx' }, events: [
          { time_iso: '2026-08-02T08:09:10-04:00', time_utc: '2026-08-02T12:09:10Z', description: 'Delivered, front porch', location: 'DENVER, CO', stage: 'Delivered', sub_status: 'Delivered_Other' },
          { time_iso: '2026-08-01T07:08:09+09:00', description: 'Shipment information received', location: 'TOKYO', sub_status: 'InfoReceived' },
          { time_utc: '2026-07-31T06:07:08Z', description: 'Picked up', location: 'OSAKA', stage: 'PickedUp' },
        ] }] },
      },
    });
    const events = seventeenTrack.parse({ event: 'TRACKING_UPDATED', data: [item('61290912345678901234')] });
    expect(strip(events)).toEqual([
      { carrierKey: 'fedex', carrierRaw: '100003', trackingNumber: '61290912345678901234', occurredAt: Date.parse('2026-08-02T12:09:10Z'), offsetMinutes: -240, status: 'delivered', code: 'Delivered_Other', description: 'Delivered, front porch', location: 'DENVER, CO', source: '17track' },
      { carrierKey: 'fedex', carrierRaw: '100003', trackingNumber: '61290912345678901234', occurredAt: Date.parse('2026-07-31T22:08:09Z'), offsetMinutes: 540, status: 'pre_transit', code: 'InfoReceived', description: 'Shipment information received', location: 'TOKYO', source: '17track' },
      { carrierKey: 'fedex', carrierRaw: '100003', trackingNumber: '61290912345678901234', occurredAt: Date.parse('2026-07-31T06:07:08Z'), offsetMinutes: 0, status: 'in_transit', code: 'PickedUp', description: 'Picked up', location: 'OSAKA', source: '17track' },
    ]);
    expect(seventeenTrack.parse({ event: 'TRACKING_UPDATED', data: item('X1') })).toHaveLength(3);
    expect(seventeenTrack.parse({ nope: 1 })).toBeNull();
  });
});
