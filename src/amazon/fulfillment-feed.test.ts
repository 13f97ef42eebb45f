import { describe, expect, it } from 'vitest';
import { buildFulfillmentFeed, parseProcessingReport } from './fulfillment-feed.js';

const ROW = {
  orderId: '111-0000001-0000001', orderItemId: '12345678901234', quantity: 2, shipDate: Date.parse('2026-12-01T15:00:00Z'),
  carrierCode: 'UPS', carrierName: null, trackingNumber: '1Z999AA10123456784', shippingMethod: 'Ground',
};

describe('the POST_FLAT_FILE_FULFILLMENT_DATA file', () => {
  it('has Amazon\'s columns and one row per item, in order', () => {
    expect(buildFulfillmentFeed([ROW, { ...ROW, orderItemId: '2', quantity: 1, carrierCode: 'Other', carrierName: 'Speedy', shippingMethod: null }]).split('\n')).toEqual([
      'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method',
      '111-0000001-0000001\t12345678901234\t2\t2026-12-01T15:00:00.000Z\tUPS\t\t1Z999AA10123456784\tGround',
      '111-0000001-0000001\t2\t1\t2026-12-01T15:00:00.000Z\tOther\tSpeedy\t1Z999AA10123456784\t',
      '',
    ]);
  });

  it('refuses a value with a tab, which would shift the columns after it', () => {
    expect(() => buildFulfillmentFeed([ROW, { ...ROW, shippingMethod: 'Ground\tExpress' }])).toThrow(/feed row 2: ship-method/);
  });
});

describe('the processing report', () => {
  it('reads the summary and each row\'s error or warning with the feed row it is about', () => {
    const report = parseProcessingReport([
      'Feed Processing Summary:',
      '\tNumber of records processed\t3',
      '\tNumber of records successful\t1',
      '',
      'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message',
      '2\t111-0000001-0000002\t999\t18028\tError\tOrderItemId is invalid',
      '3\t111-0000001-0000003\t\t99018\tWarning\tThe ship date is in the future',
      '',
    ].join('\r\n'));
    expect(report).toEqual({
      processed: 3, successful: 1,
      results: [
        { recordNumber: 2, orderId: '111-0000001-0000002', code: '18028', type: 'Error', message: 'OrderItemId is invalid' },
        { recordNumber: 3, orderId: '111-0000001-0000003', code: '99018', type: 'Warning', message: 'The ship date is in the future' },
      ],
    });
  });

  it('reads a whole-feed error (no record number) and a Fatal row as errors', () => {
    const report = parseProcessingReport('Feed Processing Summary:\n\tNumber of records processed\t0\n\tNumber of records successful\t0\n\n'
      + 'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message\n0\t\t\t90001\tFatal\tAn unexpected error occurred.\n');
    expect(report.results).toEqual([{ recordNumber: null, orderId: null, code: '90001', type: 'Error', message: 'An unexpected error occurred.' }]);
  });

  it('refuses a document that is not a processing report rather than read it as "no errors"', () => {
    expect(() => parseProcessingReport('<html>Service Unavailable</html>')).toThrow(expect.objectContaining({ code: 'AMAZON_BAD_RESPONSE' }));
  });
});
