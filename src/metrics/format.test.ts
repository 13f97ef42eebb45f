import { describe, expect, it } from 'vitest';
import { csvCells, FORMULA_PAYLOADS, liveFormulas } from '../../test/csv-cells.js';
import type { DefectRow } from './defects.js';
import { defectsCsv } from './format.js';

describe('defectsCsv', () => {
  it('writes no live formula whatever the seller\'s data holds (issue 18, item 5)', () => {
    const rows: DefectRow[] = FORMULA_PAYLOADS.map((payload) => ({
      orderId: payload, packageRef: payload, carrierCode: payload, carrierName: payload, trackingNumber: payload,
      shippingMethod: payload, categories: [payload, 'Books'], promisedDeliveryDate: '2026-11-19', shipDate: null,
      confirmedAt: null, firstScanAt: null, deliveredAt: null, reasons: ['no_carrier_scan'], trackingUrl: null,
    }));
    const csv = defectsCsv(rows);
    expect(liveFormulas(csv)).toEqual([]);
    const cells = csvCells(csv);
    expect(cells).toHaveLength(FORMULA_PAYLOADS.length + 1);
    expect(cells[1]![0]).toBe(`'${FORMULA_PAYLOADS[0]}`);
  });
});
