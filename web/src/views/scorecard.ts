/** Per carrier: VTR, median hours from confirmation to first scan, on-time delivery; a carrier opens its defects. */
import type { CarrierScore, ScorecardReport } from '../api.js';
import { byId, h, statusBadge } from '../dom.js';
import { count, hours, percent, statusLabel } from '../format.js';
import { SortableTable } from '../table.js';
import { statusHelp } from './vtr.js';

export class ScorecardView {
  private readonly table = new SortableTable<CarrierScore>({
    caption: 'Carrier scorecard',
    emptyText: 'No packages in this window.',
    rowKey: (r) => r.carrier,
    sort: { key: 'vtr', direction: 'ascending' },
    columns: [
      { key: 'carrier', label: 'Carrier', sortValue: (r) => r.carrier, cell: (r) => this.carrierButton(r) },
      { key: 'packages', label: 'Packages', numeric: true, sortValue: (r) => r.packages, cell: (r) => count(r.packages) },
      {
        key: 'vtr',
        label: 'VTR',
        numeric: true,
        sortValue: (r) => r.vtr.rate,
        cell: (r) => h('span', { class: 'cell-status' }, percent(r.vtr.rate), ' ', statusBadge(statusLabel(r.vtr.status))),
      },
      { key: 'scan', label: 'Median to first scan', numeric: true, sortValue: (r) => r.medianHoursToFirstScan, cell: (r) => hours(r.medianHoursToFirstScan) },
      { key: 'ontime', label: 'On-time delivery', numeric: true, sortValue: (r) => r.onTime.rate, cell: (r) => percent(r.onTime.rate) },
    ],
  });

  /** `open` lists a carrier's VTR defects. */
  constructor(private readonly open: (carrier: string) => void) {
    byId('scorecard-table').append(this.table.element);
  }

  private carrierButton(row: CarrierScore): HTMLElement {
    if (row.vtr.valid === row.vtr.total) return h('span', {}, row.carrier);
    const button = h(
      'button',
      { type: 'button', class: 'link-button' },
      row.carrier,
      h('span', { class: 'visually-hidden' }, `: show its ${row.vtr.total - row.vtr.valid} VTR defects`),
    );
    button.addEventListener('click', () => this.open(row.carrier));
    return button;
  }

  update(report: ScorecardReport): void {
    this.table.setRows(report.carriers);
    byId('scorecard-window').textContent = `${report.window.from} to ${report.window.to}`;
    byId('scorecard-help').textContent = `A carrier's VTR status follows the rules of the category bars: ${statusHelp(report.target)}`;
  }
}
