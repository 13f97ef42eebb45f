import type { TrackingEventRecord } from '../../src/core/domain.js';

/**
 * Raw carrier payloads paired with the events they must become. Every mapped field has a value no other field
 * has (city ≠ state ≠ code ≠ description, distinct instants and offsets), so a swapped field cannot pass.
 */
export const UPS_NUMBER = '1Z999AA10123456784';
export const upsPackage = {
  trackingNumber: UPS_NUMBER,
  currentStatus: { type: 'D', code: 'FS', description: 'Delivered', statusCode: '011' },
  deliveryDate: [{ type: 'DEL', date: '20260105' }],
  deliveryTime: { type: 'DEL', endTime: '143000' },
  activity: [
    {
      date: '20260105', time: '143000', gmtDate: '20260105', gmtTime: '193000', gmtOffset: '-05:00',
      location: { address: { city: 'Atlanta', stateProvince: 'GA', postalCode: '30301', countryCode: 'US' } },
      status: { type: 'D', code: 'FS', description: 'DELIVERED', statusCode: '011' }, logicalScan: false,
    },
    {
      date: '20260105', time: '071500', gmtDate: '20260105', gmtTime: '121500', gmtOffset: '-05:00',
      location: { address: { city: 'Marietta', stateProvince: 'GE', postalCode: '30060', countryCode: 'UA' } },
      status: { type: 'I', code: 'OT', description: 'Out For Delivery Today', statusCode: '021' }, logicalScan: false,
    },
    {
      date: '20260104', time: '221000', gmtDate: '20260105', gmtTime: '041000', gmtOffset: '-06:00',
      location: { address: { city: 'Louisville', stateProvince: 'KY', postalCode: '40201', countryCode: 'UM' } },
      status: { type: 'I', code: 'DP', description: 'Departed from Facility', statusCode: '005' }, logicalScan: false,
    },
    {
      date: '20260104', time: '090000', gmtDate: '20260104', gmtTime: '140000', gmtOffset: '-05:00',
      location: { address: { city: 'Nowhere', stateProvince: 'NV', postalCode: '89001', countryCode: 'UY' } },
      status: { type: 'X', code: 'U3', description: 'The delivery date has been updated', statusCode: '012' }, logicalScan: true,
    },
    {
      date: '20260103', time: '100000', gmtDate: '20260103', gmtTime: '150000', gmtOffset: '-05:00',
      location: { address: { countryCode: 'US' } },
      status: { type: 'M', code: 'MP', description: 'Shipper created a label', statusCode: '003' }, logicalScan: false,
    },
  ],
};

const ups = (occurredAt: string, offsetMinutes: number, status: TrackingEventRecord['status'], code: string, description: string, location: string | null): TrackingEventRecord => ({
  carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: UPS_NUMBER, occurredAt: Date.parse(occurredAt), offsetMinutes, status, code, description, location,
  source: 'ups-api', eventKey: `ups-api|${UPS_NUMBER}|${Date.parse(occurredAt)}|${code}`,
});
export const upsExpected: TrackingEventRecord[] = [
  ups('2026-01-05T19:30:00Z', -300, 'delivered', 'D:FS', 'DELIVERED', 'Atlanta, GA, 30301, US'),
  ups('2026-01-05T12:15:00Z', -300, 'out_for_delivery', 'I:OT', 'Out For Delivery Today', 'Marietta, GE, 30060, UA'),
  ups('2026-01-05T04:10:00Z', -360, 'in_transit', 'I:DP', 'Departed from Facility', 'Louisville, KY, 40201, UM'),
  ups('2026-01-04T14:00:00Z', -300, 'unknown', 'X:U3', 'The delivery date has been updated', 'Nowhere, NV, 89001, UY'),
  ups('2026-01-03T15:00:00Z', -300, 'pre_transit', 'M:MP', 'Shipper created a label', 'US'),
];

export const FEDEX_NUMBERS = ['794843185271', '794843185282'] as const;
export const fedexResult = {
  trackingNumberInfo: { trackingNumber: FEDEX_NUMBERS[0], carrierCode: 'FDXE' },
  latestStatusDetail: { code: 'DL', derivedCode: 'DL', statusByLocale: 'Delivered', description: 'Delivered' },
  dateAndTimes: [
    { type: 'ACTUAL_DELIVERY', dateTime: '2026-02-03T11:12:13-06:00' },
    { type: 'ACTUAL_PICKUP', dateTime: '2026-02-01T16:17:18-05:00' },
    { type: 'ESTIMATED_DELIVERY', dateTime: '2026-02-04T00:00:00-06:00' },
  ],
  // Deliberately out of order: FedEx documents no order.
  scanEvents: [
    { date: '2026-02-02T09:08:07-07:00', eventType: 'AR', eventDescription: 'Arrived at FedEx location', derivedStatusCode: 'IT', scanLocation: { city: 'Memphis', stateOrProvinceCode: 'TN', postalCode: '38118', countryCode: 'US' } },
    { date: '2026-02-03T11:12:13-06:00', eventType: 'DL', eventDescription: 'Delivered to front door', derivedStatusCode: 'DL', scanLocation: { city: 'Austin', stateOrProvinceCode: 'TX', postalCode: '73301', countryCode: 'UT' } },
    { date: '2026-01-31T20:21:22+01:00', eventType: 'OC', eventDescription: 'Shipment information sent to FedEx', derivedStatusCode: 'IN', scanLocation: { countryCode: 'DE' } },
  ],
};

const fedex = (iso: string, status: TrackingEventRecord['status'], code: string, description: string, location: string | null): TrackingEventRecord => {
  const ms = Date.parse(iso);
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso)!;
  return {
    carrierKey: 'fedex', carrierRaw: 'FedEx', trackingNumber: FEDEX_NUMBERS[0], occurredAt: ms,
    offsetMinutes: (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])), status, code, description, location,
    source: 'fedex-api', eventKey: `fedex-api|${FEDEX_NUMBERS[0]}|${ms}|${code}`,
  };
};
export const fedexExpected: TrackingEventRecord[] = [
  fedex('2026-01-31T20:21:22+01:00', 'pre_transit', 'OC', 'Shipment information sent to FedEx', 'DE'),
  fedex('2026-02-01T16:17:18-05:00', 'in_transit', 'ACTUAL_PICKUP', 'ACTUAL_PICKUP', null),
  fedex('2026-02-02T09:08:07-07:00', 'in_transit', 'AR', 'Arrived at FedEx location', 'Memphis, TN, 38118, US'),
  fedex('2026-02-03T11:12:13-06:00', 'delivered', 'DL', 'Delivered to front door', 'Austin, TX, 73301, UT'),
  fedex('2026-02-03T11:12:13-06:00', 'delivered', 'ACTUAL_DELIVERY', 'ACTUAL_DELIVERY', null),
];

export const USPS_NUMBER = '9400111899223197428490';
export const uspsItem = {
  trackingNumber: USPS_NUMBER,
  status: 'Delivered',
  statusCategory: 'Delivered',
  statusSummary: 'Your item was delivered at 1:02 pm on March 4, 2026 in RICHMOND, VA 23220.',
  mailClass: 'Priority Mail',
  trackingEvents: [
    { eventType: 'Delivered, In/At Mailbox', eventTimestamp: '2026-03-04T13:02:03Z', eventCity: 'RICHMOND', eventState: 'VA', eventZIP: '23220', eventCountry: 'USA', eventCode: '01' },
    { eventType: 'Departed USPS Regional Facility', eventTimestamp: '2026-03-03T04:05:06Z', eventCity: 'SANDSTON', eventState: 'VB', eventZIP: '23150', eventCountry: null, eventCode: 'EF' },
    { eventType: 'USPS in possession of item', eventTimestamp: '2026-03-02T07:31:00-04:00', eventCity: 'GLEN ALLEN', eventState: 'VC', eventZIP: '23060', eventCountry: 'UST', eventCode: '03' },
    { eventType: 'Shipping Label Created, USPS Awaiting Item', eventTimestamp: '2026-03-01T08:09:10', eventCity: 'HENRICO', eventState: 'VD', eventZIP: '23228', eventCode: 'GX' },
    { eventType: 'Pre-Shipment Info Sent to USPS', eventTimestamp: '2026-02-28T09:10:11Z', eventCode: 'MA' },
  ],
};
const usps = (iso: string, offsetMinutes: number, status: TrackingEventRecord['status'], code: string, description: string, location: string | null): TrackingEventRecord => ({
  carrierKey: 'usps', carrierRaw: 'USPS', trackingNumber: USPS_NUMBER, occurredAt: Date.parse(iso), offsetMinutes, status, code, description, location,
  source: 'usps-api', eventKey: `usps-api|${USPS_NUMBER}|${Date.parse(iso)}|${code}`,
});
export const uspsExpected: TrackingEventRecord[] = [
  usps('2026-03-04T13:02:03Z', 0, 'delivered', '01', 'Delivered, In/At Mailbox', 'RICHMOND, VA, 23220, USA'),
  usps('2026-03-03T04:05:06Z', 0, 'in_transit', 'EF', 'Departed USPS Regional Facility', 'SANDSTON, VB, 23150'),
  usps('2026-03-02T07:31:00-04:00', -240, 'in_transit', '03', 'USPS in possession of item', 'GLEN ALLEN, VC, 23060, UST'),
  usps('2026-03-01T08:09:10Z', 0, 'pre_transit', 'GX', 'Shipping Label Created, USPS Awaiting Item', 'HENRICO, VD, 23228'),
  usps('2026-02-28T09:10:11Z', 0, 'pre_transit', 'MA', 'Pre-Shipment Info Sent to USPS', null),
];

export const DHL_NUMBER = '00340434292135100186';
export const dhlShipment = {
  id: DHL_NUMBER,
  service: 'parcel-de',
  status: { timestamp: '2026-04-03T10:11:12+02:00', statusCode: 'delivered', status: 'DELIVERED', description: 'The shipment has been delivered' },
  events: [
    { timestamp: '2026-04-03T10:11:12+02:00', statusCode: 'delivered', status: 'DELIVERED', description: 'Delivered to neighbour', location: { address: { addressLocality: 'Bonn', countryCode: 'DE' } } },
    { timestamp: '2026-04-02T13:14:15+02:00', statusCode: 'transit', status: 'IN TRANSIT', description: 'Processed at parcel centre', location: { address: { addressLocality: 'Köln', countryCode: 'DF' } } },
    { timestamp: '2026-04-01T16:17:18Z', statusCode: 'pre-transit', status: 'LABEL CREATED', description: 'Electronic notification received', location: { address: { addressLocality: 'Essen', countryCode: 'DG' } } },
    { timestamp: '2026-04-01T06:07:08', statusCode: 'planned-xyz', status: 'PLANNED', description: 'Something new' },
  ],
};
const dhl = (iso: string, offsetMinutes: number, status: TrackingEventRecord['status'], code: string, text: string, description: string, location: string | null): TrackingEventRecord => ({
  carrierKey: 'dhl-paket', carrierRaw: 'DHL parcel-de', trackingNumber: DHL_NUMBER, occurredAt: Date.parse(iso), offsetMinutes, status, code, description, location,
  source: 'dhl-api', eventKey: `dhl-api|${DHL_NUMBER}|${Date.parse(iso)}|${code}/${text}`,
});
export const dhlExpected: TrackingEventRecord[] = [
  dhl('2026-04-03T10:11:12+02:00', 120, 'delivered', 'delivered', 'DELIVERED', 'Delivered to neighbour', 'Bonn, DE'),
  dhl('2026-04-02T13:14:15+02:00', 120, 'in_transit', 'transit', 'IN TRANSIT', 'Processed at parcel centre', 'Köln, DF'),
  dhl('2026-04-01T16:17:18Z', 0, 'pre_transit', 'pre-transit', 'LABEL CREATED', 'Electronic notification received', 'Essen, DG'),
  dhl('2026-04-01T06:07:08Z', 0, 'unknown', 'planned-xyz', 'PLANNED', 'Something new', null),
];
