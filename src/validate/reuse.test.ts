import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../core/time.js';
import { checkReuse } from './reuse.js';

const at = Date.UTC(2026, 5, 1);

describe('checkReuse', () => {
  it('flags the same number confirmed on another order within 90 days', async () => {
    const found = await checkReuse({ trackingNumber: 'TBA123456789012', orderId: 'B', confirmedAt: at }, async () => [
      { orderId: 'B', confirmedAt: at },
      { orderId: 'A', confirmedAt: at - 30 * DAY_MS },
    ]);
    expect(found).toMatchObject({ code: 'REUSED_TRACKING_NUMBER', severity: 'error' });
    expect(found!.message).toContain('order A on 2026-05-02');
  });

  it('ignores the same order and uses older than 90 days', async () => {
    const lookup = async () => [{ orderId: 'B', confirmedAt: at }, { orderId: 'A', confirmedAt: at - 91 * DAY_MS }];
    expect(await checkReuse({ trackingNumber: 'X', orderId: 'B', confirmedAt: at }, lookup)).toBeNull();
  });
});
