/**
 * The two views of VTR side by side (definitions v2): `live`, the figure Amazon will show, and `amazon`, the one
 * Seller Central shows today (its window ends about two weeks earlier). Overall, last 7 days and per category.
 * The other metrics are the same in both views, so they are not repeated here.
 */
import type { MetricsReport, VtrCategoryFigure } from '../api.js';
import { byId, h, replaceChildren, statusBadge } from '../dom.js';
import { percent, statusLabel } from '../format.js';

interface Line {
  name: string;
  live: { rate: number | null; status: string } | null;
  amazon: { rate: number | null; status: string } | null;
}

export function compareLines(live: MetricsReport, amazon: MetricsReport): Line[] {
  const byName = (list: readonly VtrCategoryFigure[], name: string) => list.find((c) => c.category === name) ?? null;
  const names = [...new Set([...live.vtr.byCategory, ...amazon.vtr.byCategory].map((c) => c.category))].sort((a, b) => a.localeCompare(b));
  return [
    { name: 'Overall, 30 days', live: live.vtr.overall, amazon: amazon.vtr.overall },
    { name: 'Overall, last 7 days', live: live.vtr.d7, amazon: amazon.vtr.d7 },
    ...names.map((name) => ({ name, live: byName(live.vtr.byCategory, name), amazon: byName(amazon.vtr.byCategory, name) })),
  ];
}

const cell = (figure: Line['live']): HTMLElement =>
  figure ? h('span', { class: 'cell-status' }, percent(figure.rate), ' ', statusBadge(statusLabel(figure.status))) : h('span', { class: 'muted' }, 'No packages');

export function renderCompare(live: MetricsReport, amazon: MetricsReport): void {
  const window = (r: MetricsReport) => `${r.vtr.window.from} to ${r.vtr.window.to}`;
  const rows = compareLines(live, amazon).map((line) =>
    h('tr', { 'data-line': line.name }, h('th', { scope: 'row' }, line.name), h('td', { 'data-col': 'live' }, cell(line.live)), h('td', { 'data-col': 'amazon' }, cell(line.amazon))),
  );
  const table = h(
    'table',
    { class: 'compare' },
    h('caption', { class: 'visually-hidden' }, 'VTR now and as Seller Central shows it'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'VTR'),
        h('th', { scope: 'col' }, 'Live: what Amazon will show', h('br'), h('span', { class: 'muted small' }, window(live))),
        h('th', { scope: 'col' }, 'Seller Central today', h('br'), h('span', { class: 'muted small' }, window(amazon))),
      ),
    ),
    h('tbody', {}, ...rows),
  );
  replaceChildren(
    byId('vtr-views'),
    h('h3', { class: 'sub-head' }, 'Live figures and Seller Central\'s view'),
    h('div', { class: 'table-scroll', role: 'region', tabindex: 0, 'aria-label': 'VTR live and in Seller Central, table' }, table),
    h(
      'p',
      { class: 'legend muted' },
      `Seller Central's VTR runs ${amazon.vtr.lagDays} days behind: a defect shows there ${amazon.vtr.lagDays} days after it shows here. `
        + 'Amazon shows the 7-day VTR in the EU marketplaces, the UK and India. Late shipments, cancellations and on-time delivery are the same in both views. ',
      h('a', { href: '#amazon' }, "Amazon's own report figures"),
      ' are in the Amazon connection panel.',
    ),
  );
}
