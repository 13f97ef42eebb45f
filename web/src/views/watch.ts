/** Packages confirmed but not yet scanned by their carrier, oldest first: the defects of tomorrow. */
import type { WatchRow } from '../api.js';
import { byId, h } from '../dom.js';
import { dateTime, hours, plural } from '../format.js';
import { SortableTable } from '../table.js';

export class WatchView {
  /** The marketplace's time zone: confirmation times read as its sellers and Amazon read them. */
  private zone = 'UTC';
  private readonly table = new SortableTable<WatchRow>({
    caption: 'Packages with no first scan yet',
    emptyText: 'Every confirmed package in this marketplace has a carrier scan.',
    rowKey: (r) => `${r.orderId}/${r.packageRef}`,
    pageSize: 10,
    // The server already sends them oldest first; the initial sort states it so the header shows it.
    sort: { key: 'age', direction: 'descending' },
    columns: [
      { key: 'age', label: 'Waiting', numeric: true, sortValue: (r) => r.hoursWaiting, cell: (r) => hours(r.hoursWaiting) },
      { key: 'tracking', label: 'Tracking number', sortValue: (r) => r.trackingNumber, cell: (r) => h('span', { class: 'mono' }, r.trackingNumber) },
      { key: 'carrier', label: 'Carrier', sortValue: (r) => r.carrierCode ?? null, cell: (r) => r.carrierCode ?? '—' },
      { key: 'order', label: 'Order', sortValue: (r) => r.orderId, cell: (r) => h('span', { class: 'mono' }, r.orderId) },
      { key: 'confirmed', label: 'Confirmed', sortValue: (r) => r.confirmedAt, cell: (r) => dateTime(r.confirmedAt, this.zone) },
      { key: 'promised', label: 'Promised by', sortValue: (r) => r.promisedDay, cell: (r) => r.promisedDay ?? '—' },
      { key: 'next', label: 'What to do', sortValue: (r) => r.nextStep.code, cell: (r) => r.nextStep.text },
    ],
  });

  constructor() {
    byId('watch-table').append(this.table.element);
  }

  /**
   * `limit`: how many the page asked for; a full answer means there may be more. `past`: the list is of the
   * end of a past as-of day, not of now.
   */
  update(rows: readonly WatchRow[], view: { limit: number; zone: string; marketplace: string; asOf: string; past: boolean }): void {
    this.zone = view.zone;
    this.table.setEmptyText(
      view.past
        ? `No package in ${view.marketplace} was waiting for its first carrier scan at the end of ${view.asOf}.`
        : `Every confirmed package in ${view.marketplace} has a carrier scan, or is still within its carrier's usual time.`,
    );
    this.table.setRows(rows);
    const what = rows.length >= view.limit ? `the oldest ${plural(rows.length, 'package')}` : plural(rows.length, 'package');
    byId('watch-count').textContent = view.past ? `${what}, at the end of ${view.asOf}` : `${what}, now`;
  }
}
