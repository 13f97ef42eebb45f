import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqliteStore, type TestStore } from '../../store/testing.js';
import { createApp } from '../app.js';

const NOW = Date.parse('2026-11-20T20:00:00Z');
const HEADER = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date,cancelled_at,cancelled_by,is_prime';
/** Ship-by Nov 17 (promised Nov 19): past, so unconfirmed or never scanned is late for Prime's on-time shipment. */
const RECENT = '2026-11-15T10:00:00Z,2026-11-17T07:59:59Z,2026-11-19';
/** Promised Nov 10, never delivered: late for OTDR, whose window as of Nov 20 holds Nov 1–13. */
const OLDER = '2026-11-05T10:00:00Z,2026-11-06T07:59:59Z,2026-11-10';
const ROWS = [
  `112-0000001-0000001,US,${RECENT},SKU-1,Toys & Games,,,,,,true`, // Prime, never confirmed
  `112-0000002-0000002,US,${RECENT},SKU-1,Toys & Games,UPS,1Z999AA10123456784,2026-11-16T18:00:00Z,,,true`, // Prime, shipped, never scanned
  `112-0000003-0000003,US,${RECENT},SKU-1,Toys & Games,,,,,,false`, // not Prime, never confirmed: LSR only
  `112-0000004-0000004,US,2026-11-18T10:00:00Z,2026-11-21T07:59:59Z,2026-11-23,SKU-1,Toys & Games,,,,2026-11-18T12:00:00Z,seller,true`, // Prime, cancelled by the seller
  `112-0000005-0000005,US,2026-11-18T10:00:00Z,2026-11-21T07:59:59Z,2026-11-23,SKU-1,Toys & Games,,,,2026-11-18T12:00:00Z,seller,false`, // cancelled, not Prime
  `112-0000006-0000006,US,${OLDER},SKU-1,Books,UPS,1ZQNZLQYYW42578153,2026-11-05T18:00:00Z,,,true`, // Prime, never delivered
  `112-0000007-0000007,US,${OLDER},SKU-1,Books,UPS,1Z879E930346834440,2026-11-05T18:00:00Z,,,false`, // never delivered, not Prime
];
/** Carrier scans: the Prime package shipped on Nov 16 is first scanned after its ship-by; both older ones on the day they shipped. */
const EVENTS = [
  { carrier: 'UPS', tracking_number: '1Z999AA10123456784', occurred_at: '2026-11-17T15:00:00Z', status: 'in_transit' },
  { carrier: 'UPS', tracking_number: '1ZQNZLQYYW42578153', occurred_at: '2026-11-05T22:00:00Z', status: 'in_transit' },
  { carrier: 'UPS', tracking_number: '1Z879E930346834440', occurred_at: '2026-11-05T22:00:00Z', status: 'in_transit' },
];

interface DefectPage {
  metric: string;
  total: number;
  items: { orderId: string; trackingNumber: string | null; reasons: string[] }[];
}

/** Seller Fulfilled Prime's defect lists (`GET /v1/defects?metric=sfp_ship|sfp_cancel|sfp_otdr`): the Prime tiles' drill-downs. */
describe('SFP defect lists', () => {
  let db: TestStore;
  let app: FastifyInstance;
  const defects = async (metric: string, extra = ''): Promise<DefectPage> => (await app.inject({ url: `/v1/defects?marketplace=US&metric=${metric}${extra}` })).json();

  beforeAll(async () => {
    db = await freshSqliteStore();
    app = await createApp({ store: db.store, defaultSellerId: 'shop', now: () => NOW });
    const imported = await app.inject({ method: 'POST', url: '/v1/imports?fileName=prime.csv', payload: `${HEADER}\n${ROWS.join('\n')}\n`, headers: { 'content-type': 'text/csv' } });
    expect(imported.statusCode).toBe(200);
    const events = await app.inject({ method: 'POST', url: '/v1/imports?fileName=events.jsonl', payload: EVENTS.map((e) => JSON.stringify(e)).join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect(events.json()).toMatchObject({ rowsImported: 3, rowsRejected: 0 });
  });
  afterAll(async () => {
    await app.close();
    await db.dispose();
  });

  it('lists the Prime orders not scanned by their ship-by date: never confirmed, or first scanned late', async () => {
    const page = await defects('sfp_ship');
    // Sorted by promised day: the Prime order first scanned on its ship day is not there.
    expect(page.items.map((r) => [r.orderId, r.reasons])).toEqual([
      ['112-0000001-0000001', ['not_confirmed']],
      ['112-0000002-0000002', ['late_first_scan']],
    ]);
    // LSR counts the confirmation, not the scan: the Prime order shipped in time is no late shipment, the other two are.
    expect((await defects('lsr')).items.map((r) => r.orderId)).toEqual(['112-0000001-0000001', '112-0000003-0000003']);
  });

  it('lists the Prime orders the seller cancelled, and the late Prime packages', async () => {
    expect((await defects('sfp_cancel')).items.map((r) => [r.orderId, r.reasons])).toEqual([['112-0000004-0000004', ['seller_cancelled']]]);
    expect((await defects('cr')).total).toBe(2);
    expect((await defects('sfp_otdr')).items.map((r) => [r.orderId, r.trackingNumber, r.reasons])).toEqual([['112-0000006-0000006', '1ZQNZLQYYW42578153', ['not_delivered']]]);
    expect((await defects('otdr')).total).toBe(2);
    // Orders carry no carrier: a carrier filter finds none, as for LSR and CR; packages are filtered by it.
    expect((await defects('sfp_ship', '&carrier=UPS')).total).toBe(0);
    expect((await defects('sfp_otdr', '&carrier=UPS')).total).toBe(1);
  });

  it('holds exactly the defects behind the Prime figures of /v1/metrics', async () => {
    const { sfp } = (await app.inject({ url: '/v1/metrics?marketplace=US' })).json() as {
      sfp: { onTimeShipment: { onTime: number; total: number }; cancelRate: { cancelled: number }; otdr: { onTime: number; total: number } };
    };
    expect((await defects('sfp_ship')).total).toBe(sfp.onTimeShipment.total - sfp.onTimeShipment.onTime);
    expect((await defects('sfp_cancel')).total).toBe(sfp.cancelRate.cancelled);
    expect((await defects('sfp_otdr')).total).toBe(sfp.otdr.total - sfp.otdr.onTime);
  });

  it('refuses a metric it does not know', async () => {
    const refused = await app.inject({ url: '/v1/defects?marketplace=US&metric=sfp' });
    expect(refused.statusCode).toBe(400);
  });
});
