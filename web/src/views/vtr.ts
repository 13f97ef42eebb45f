/** VTR per category as horizontal bars against the target line, plus the overall figure. */
import type { MetricsReport, VtrCategoryFigure } from '../api.js';
import { byId, h, replaceChildren, statusBadge } from '../dom.js';
import { count, percent, plural, statusLabel } from '../format.js';

/**
 * Lower end of the bar axis. A 0–100% axis would squeeze 93% and 97% into the same pixel; starting the
 * axis 5 points below the worst rate (in 5-point steps, at most at 80%) keeps the target line readable
 * while a bar's length still grows with its rate.
 */
export function axisMin(rates: readonly (number | null)[]): number {
  const known = rates.filter((r): r is number => r !== null && Number.isFinite(r));
  const lowest = Math.min(1, ...known);
  // The epsilon keeps 0.85 - 0.05 from landing a hair under 0.8 in binary and dropping a whole step.
  return Math.max(0, Math.min(0.8, Math.floor((lowest - 0.05 + 1e-9) * 20) / 20));
}

/** Position of a rate along the axis, 0–100 (%), clamped. */
export function axisPosition(rate: number, min: number): number {
  if (min >= 1) return 100;
  return Math.min(100, Math.max(0, ((rate - min) / (1 - min)) * 100));
}

function recoverText(figure: VtrCategoryFigure): string | null {
  if (figure.status !== 'bad' || !figure.neededToRecover) return null;
  return `needs ${plural(figure.neededToRecover, 'valid package')}`;
}

/** What each status means, in the words of definitions.md: `At risk` is the one a seller cannot guess. */
export function statusHelp(target: number): string {
  const t = percent(target, 0);
  return `On target: ${t} or more. At risk: on target today, but the forecast falls below ${t} within 7 days if nothing new ships `
    + `(valid packages leave the 30-day window while the defects stay). Below target: under ${t} now.`;
}

export interface VtrBarsOptions {
  /** The category the page is filtered to ('' for none): its bar shows pressed. */
  selected: string;
  /** A bar opens its defects: the page filters to that category (again: clears the filter). */
  onSelect: (category: string) => void;
}

export function renderVtr(report: MetricsReport, options: VtrBarsOptions): void {
  const { vtr } = report;
  const overall = statusLabel(vtr.overall.status);
  const overallBox = byId('vtr-overall');
  overallBox.dataset.tone = overall.tone;
  replaceChildren(
    overallBox,
    h('p', { class: 'muted small' }, 'Overall'),
    h('div', { class: 'figure' }, percent(vtr.overall.rate)),
    h('p', {}, statusBadge(overall)),
    h('p', { class: 'small' }, `${count(vtr.overall.valid)} of ${plural(vtr.overall.total, 'package')} valid`),
    h('p', { class: 'small muted' }, `Target ${percent(vtr.target, 0)} or more`),
  );
  byId('vtr-window').textContent = `30 days: ${vtr.window.from} to ${vtr.window.to}`;

  const categories = [...vtr.byCategory].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.category.localeCompare(b.category));
  const min = axisMin(categories.map((c) => c.rate));
  const targetAt = axisPosition(vtr.target, min);
  const list = byId('vtr-bars');
  if (categories.length === 0) {
    replaceChildren(list, h('li', { class: 'muted' }, 'No packages in this window.'));
  } else {
    replaceChildren(
      list,
      ...categories.map((figure) => {
        const label = statusLabel(figure.status);
        const width = figure.rate === null ? 0 : axisPosition(figure.rate, min);
        // The button reads its visible text (name, rate, status) and then the counts; the drawn bar is decoration.
        const button = h(
          'button',
          { type: 'button', class: 'bar-button', 'aria-pressed': String(options.selected === figure.category) },
          h('span', { class: 'bar-name' }, figure.category),
          h(
            'span',
            { class: 'bar-track', 'aria-hidden': 'true' },
            h('span', { class: `bar-fill tone-${label.tone}`, style: `width:${width.toFixed(2)}%` }),
            h('span', { class: 'bar-target', style: `left:${targetAt.toFixed(2)}%` }),
          ),
          h(
            'span',
            { class: 'bar-value' },
            h('strong', {}, percent(figure.rate)),
            statusBadge(label, recoverText(figure) ?? undefined),
          ),
          h('span', { class: 'visually-hidden' }, `, ${count(figure.valid)} of ${count(figure.total)} valid. Show its defects`),
        );
        button.addEventListener('click', () => options.onSelect(options.selected === figure.category ? '' : figure.category));
        return h('li', { class: 'bar-row', 'data-category': figure.category }, button);
      }),
    );
  }
  replaceChildren(
    byId('vtr-legend'),
    'Bars start at ',
    percent(min, 0),
    '.',
    h('span', { class: 'legend-target', 'aria-hidden': 'true' }),
    `Dashed line: the ${percent(vtr.target, 0)} target. Worst category first; choose a bar to list its defects.`,
  );
  byId('vtr-status-help').textContent = statusHelp(vtr.target);
}
