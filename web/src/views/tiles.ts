/** LSR (10 and 30 days), CR and OTDR as tiles, each against its target. */
import type { MetricsReport, Status } from '../api.js';
import { byId, h, replaceChildren, statusBadge } from '../dom.js';
import { count, percent, statusLabel } from '../format.js';

interface Tile {
  key: string;
  title: string;
  rate: number | null;
  status: Status;
  target: string;
  detail: string;
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
    },
    {
      key: 'lsr30',
      title: 'Late shipment rate, 30 days',
      rate: lsr.d30.rate,
      status: lsr.d30.status,
      target: `under ${percent(lsrTarget)}`,
      detail: `${count(lsr.d30.late)} late of ${count(lsr.d30.total)} orders`,
    },
    {
      key: 'cr',
      title: 'Cancel rate, 7 days',
      rate: cr.rate,
      status: cr.status,
      target: `under ${percent(crTarget)}`,
      detail: `${count(cr.cancelled)} cancelled of ${count(cr.total)} orders`,
    },
    {
      key: 'otdr',
      title: 'On-time delivery rate, 14 days',
      rate: otdr.rate,
      status: otdr.status,
      target: `${percent(otdrTarget, 0)} or more`,
      detail: `${count(otdr.onTime)} on time of ${count(otdr.total)} packages`,
    },
  ];
}

export function renderTiles(report: MetricsReport): void {
  replaceChildren(
    byId('tiles'),
    ...tilesFor(report).map((tile) => {
      const label = statusLabel(tile.status);
      const titleId = `tile-${tile.key}-title`;
      return h(
        'li',
        { class: 'tile', 'data-tone': label.tone, 'data-metric': tile.key, 'aria-labelledby': titleId },
        h('h3', { id: titleId }, tile.title),
        h('div', { class: 'figure' }, percent(tile.rate)),
        statusBadge(label),
        h('p', { class: 'muted' }, `Target ${tile.target}`),
        h('p', {}, tile.detail),
      );
    }),
  );
}
