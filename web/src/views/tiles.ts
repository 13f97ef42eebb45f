/**
 * LSR (10 and 30 days), CR and OTDR as tiles, each against its target, and Seller Fulfilled Prime's three where
 * there are Prime orders. A tile's button lists the defects behind its figure.
 */
import type { DefectMetric, MetricsReport, Status } from '../api.js';
import { byId, h, replaceChildren, statusBadge } from '../dom.js';
import { count, percent, plural, statusLabel } from '../format.js';
import { DEFECT_NOUNS } from './defects.js';

interface Tile {
  key: string;
  title: string;
  rate: number | null;
  status: Status;
  target: string;
  detail: string;
  /** The defect list behind it and how many it holds (null: a count in units, not packages). */
  defects: { metric: DefectMetric; count: number | null } | null;
}

/** Targets are shown as the server reports them: they differ per marketplace (India's CR) and by configuration. */
export function tilesFor(report: MetricsReport): Tile[] {
  const { lsr, cr, otdr } = report;
  const lsrTarget = lsr.target;
  const crTarget = cr.target;
  const otdrTarget = otdr.target;
  return [
    {
      key: 'lsr10',
      title: 'Late shipment rate, 10 days',
      rate: lsr.d10.rate,
      status: lsr.d10.status,
      target: `under ${percent(lsrTarget)}`,
      detail: `${count(lsr.d10.late)} late of ${count(lsr.d10.total)} orders`,
      defects: { metric: 'lsr', count: lsr.d10.late },
    },
    {
      key: 'lsr30',
      title: 'Late shipment rate, 30 days',
      rate: lsr.d30.rate,
      status: lsr.d30.status,
      target: `under ${percent(lsrTarget)}`,
      detail: `${count(lsr.d30.late)} late of ${count(lsr.d30.total)} orders`,
      defects: { metric: 'lsr', count: lsr.d30.late },
    },
    {
      key: 'cr',
      title: 'Cancel rate, 7 days',
      rate: cr.rate,
      status: cr.status,
      target: `under ${percent(crTarget)}`,
      detail: `${count(cr.cancelled)} cancelled of ${count(cr.total)} orders`,
      defects: { metric: 'cr', count: cr.cancelled },
    },
    {
      key: 'otdr',
      title: 'On-time delivery rate, 14 days',
      rate: otdr.rate,
      status: otdr.status,
      target: `${percent(otdrTarget, 0)} or more`,
      detail: `${count(otdr.onTime)} on time of ${count(otdr.total)} ${otdr.unit === 'unit' ? 'units' : 'packages'}`,
      // In units (US) the late count is not a number of packages: the button then says none.
      defects: { metric: 'otdr', count: otdr.unit === 'unit' && otdr.total > otdr.onTime ? null : otdr.total - otdr.onTime },
    },
    ...sfpTiles(report),
  ];
}

/** Seller Fulfilled Prime (definitions v2): only where the report has Prime orders. */
function sfpTiles(report: MetricsReport): Tile[] {
  if (!report.sfp) return [];
  const { onTimeShipment, cancelRate, otdr, vtr } = report.sfp;
  return [
    {
      key: 'sfp_ship', title: 'Prime on-time shipment, 30 days', rate: onTimeShipment.rate, status: onTimeShipment.status,
      target: `${percent(onTimeShipment.target, 0)} or more`, detail: `${count(onTimeShipment.onTime)} scanned by the ship-by date of ${count(onTimeShipment.total)} Prime orders`,
      defects: { metric: 'sfp_ship', count: onTimeShipment.total - onTimeShipment.onTime },
    },
    {
      key: 'sfp_cancel', title: 'Prime cancel rate, 7 days', rate: cancelRate.rate, status: cancelRate.status,
      target: `${percent(cancelRate.target)} or less`, detail: `${count(cancelRate.cancelled)} cancelled of ${count(cancelRate.total)} Prime orders`,
      defects: { metric: 'sfp_cancel', count: cancelRate.cancelled },
    },
    {
      key: 'sfp_otdr', title: 'Prime on-time delivery, 14 days', rate: otdr.rate, status: otdr.status,
      target: `${percent(otdr.target, 0)} or more`, detail: `${count(otdr.onTime)} on time of ${count(otdr.total)} Prime ${report.otdr.unit === 'unit' ? 'units' : 'packages'}`,
      // In units (US), as OTDR's tile: late units are not a number of packages.
      defects: { metric: 'sfp_otdr', count: report.otdr.unit === 'unit' && otdr.total > otdr.onTime ? null : otdr.total - otdr.onTime },
    },
    {
      key: 'sfp_vtr', title: 'Prime valid tracking, 30 days', rate: vtr.rate, status: vtr.status,
      target: `${percent(vtr.target, 0)} or more`, detail: `${count(vtr.valid)} valid of ${count(vtr.total)} Prime packages`,
      defects: { metric: 'sfp_vtr', count: vtr.total - vtr.valid },
    },
  ];
}

/** `open` lists a tile's defects (its metric's drill-down). */
export function renderTiles(report: MetricsReport, open: (metric: DefectMetric) => void): void {
  replaceChildren(
    byId('tiles'),
    ...tilesFor(report).map((tile) => {
      const label = statusLabel(tile.status);
      const titleId = `tile-${tile.key}-title`;
      let button: HTMLButtonElement | null = null;
      if (tile.defects && tile.defects.count !== 0) {
        const [one, many] = DEFECT_NOUNS[tile.defects.metric];
        const metric = tile.defects.metric;
        const what = tile.defects.count === null ? `the ${many}` : plural(tile.defects.count, one, many);
        button = h('button', { type: 'button', class: 'button tile-open', 'aria-describedby': titleId }, `Show ${what}`);
        button.addEventListener('click', () => open(metric));
      }
      return h(
        'li',
        { class: 'tile', 'data-tone': label.tone, 'data-metric': tile.key, 'aria-labelledby': titleId },
        h('h3', { id: titleId }, tile.title),
        h('div', { class: 'figure' }, percent(tile.rate)),
        statusBadge(label),
        h('p', { class: 'muted' }, `Target ${tile.target}`),
        h('p', {}, tile.detail),
        button,
      );
    }),
  );
}
