import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfirmationLines } from './confirmation-requests.js';

const dir = mkdtempSync(join(tmpdir(), 'vtrguard-confirm-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('readConfirmationLines', () => {
  it('reads one package per order and reference, its rows being its items', async () => {
    const lines = await readConfirmationLines(file('ok.csv', [
      'order-id,package-ref,carrier-code,carrier-name,tracking-number,ship-date,order-item-id,quantity,buy-shipping',
      '111-1,1,UPS,,1Z999AA10123456784,2026-12-01,A,2,',
      '111-1,1,UPS,,1Z999AA10123456784,2026-12-01,B,1,',
      '111-2,,Other,Poste Italiane,RR123456785IT,2026-12-01T09:30:00+01:00,,,yes',
    ].join('\n')));
    expect(lines).toEqual([
      { orderId: '111-1', packageRef: '1', carrierCode: 'UPS', carrierName: null, shippingMethod: null, trackingNumber: '1Z999AA10123456784', shipDate: Date.parse('2026-12-01T12:00:00Z'), items: [{ orderItemId: 'A', quantity: 2 }, { orderItemId: 'B', quantity: 1 }], buyShipping: false, line: 2 },
      { orderId: '111-2', packageRef: null, carrierCode: 'Other', carrierName: 'Poste Italiane', shippingMethod: null, trackingNumber: 'RR123456785IT', shipDate: Date.parse('2026-12-01T08:30:00Z'), items: null, buyShipping: true, line: 4 },
    ]);
  });

  it('stops at a bad row with its line and column', async () => {
    await expect(readConfirmationLines(file('bad.csv', 'order_id,carrier_code,tracking_number,ship_date\n1,UPS,1Z,2026-12-01\n2,UPS,1Z,soon\n')))
      .rejects.toMatchObject({ code: 'IMPORT_BAD_ROW', context: { line: 3, field: 'ship_date' } });
    await expect(readConfirmationLines(file('head.csv', 'order_id,carrier\n'))).rejects.toMatchObject({ code: 'IMPORT_BAD_HEADER' });
  });
});
