/**
 * "Needs attention now", across every marketplace: each metric that is below target or at risk, worst first,
 * with its next step and a link into that marketplace. A breach in a marketplace the page is not showing
 * (the UK's 30-day LSR, say) is on the first screen, not one marketplace switch away.
 */
import type { MetricsReport, Status } from '../api.js';
import { byId, h, replaceChildren, statusBadge } from '../dom.js';
import { percent, plural, statusLabel } from '../format.js';

export interface AttentionItem {
  marketplace: string;
  key: string;
  title: string;
  rate: number | null;
  target: string;
  status: Status;
  step: string;
  /** The dashboard section it opens. */
  section: string;
  category?: string;
}

const SEVERITY: Record<Status, number> = { bad: 0, at_risk: 1, none: 2, good: 3 };
const needsAttention = (status: Status): boolean => status === 'bad' || status === 'at_risk';

/** The items of every report, worst status first, then by marketplace in the order given. */
export function attentionItems(reports: readonly MetricsReport[]): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const r of reports) {
    const mp = r.marketplace;
    for (const c of r.vtr.byCategory) {
      if (!needsAttention(c.status)) continue;
      items.push({
        marketplace: mp, key: `vtr-${c.category}`, title: `VTR · ${c.category}`, rate: c.rate, target: `${percent(r.vtr.target, 0)} or more`, status: c.status,
        step: c.status === 'bad'
          ? `Fix or replace the tracking of its defects; ${plural(c.neededToRecover, 'more valid package')} restore the target.`
          : 'Valid packages leave the window this week: check the packages still waiting for a first scan.',
        section: 'defects', category: c.category,
      });
    }
    if (needsAttention(r.lsr.d30.status)) {
      items.push({ marketplace: mp, key: 'lsr30', title: 'Late shipment rate, 30 days', rate: r.lsr.d30.rate, target: `under ${percent(r.lsr.target)}`, status: r.lsr.d30.status, step: 'Confirm shipments before the ship-by date; upload tracking for orders still unconfirmed.', section: 'other-metrics' });
    }
    if (needsAttention(r.lsr.d10.status)) {
      items.push({ marketplace: mp, key: 'lsr10', title: 'Late shipment rate, 10 days', rate: r.lsr.d10.rate, target: `under ${percent(r.lsr.target)}`, status: r.lsr.d10.status, step: 'Confirm shipments before the ship-by date; upload tracking for orders still unconfirmed.', section: 'other-metrics' });
    }
    if (needsAttention(r.cr.status)) {
      items.push({ marketplace: mp, key: 'cr', title: 'Cancel rate, 7 days', rate: r.cr.rate, target: `under ${percent(r.cr.target)}`, status: r.cr.status, step: 'Stop cancelling for stock: update inventory so out-of-stock items are not sold.', section: 'other-metrics' });
    }
    if (needsAttention(r.otdr.status)) {
      items.push({ marketplace: mp, key: 'otdr', title: 'On-time delivery rate, 14 days', rate: r.otdr.rate, target: `${percent(r.otdr.target, 0)} or more`, status: r.otdr.status, step: 'Ship faster services or set longer handling times for the routes that arrive late.', section: 'other-metrics' });
    }
  }
  const order = new Map(reports.map((r, i) => [r.marketplace, i]));
  return items.sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || (order.get(a.marketplace) ?? 0) - (order.get(b.marketplace) ?? 0));
}

/** Renders the list; `open` switches the page to an item's marketplace (and category) and scrolls to it. */
export function renderAttention(reports: readonly MetricsReport[], checkedAt: Date, open: (item: AttentionItem) => void): void {
  const items = attentionItems(reports);
  const list = byId('attention-list');
  if (items.length === 0) {
    replaceChildren(list, h('li', { class: 'muted' }, `Every metric is on target in ${reports.map((r) => r.marketplace).join(', ') || 'every marketplace'}.`));
  } else {
    replaceChildren(
      list,
      ...items.map((item) => {
        const button = h('button', { type: 'button', class: 'button' }, `Open ${item.marketplace}`, h('span', { class: 'visually-hidden' }, ` ${item.title}`));
        button.addEventListener('click', () => open(item));
        return h(
          'li',
          { class: 'attention-item', 'data-marketplace': item.marketplace, 'data-key': item.key },
          h('span', { class: 'attention-mp' }, item.marketplace),
          h('span', { class: 'attention-what' }, h('strong', {}, item.title), ' ', percent(item.rate), ` (target ${item.target}) `, statusBadge(statusLabel(item.status))),
          h('span', { class: 'attention-step' }, item.step),
          button,
        );
      }),
    );
  }
  byId('attention-asof').textContent = `Data as of ${checkedAt.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' })}; refreshed every 5 minutes.`;
}
