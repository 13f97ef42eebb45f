/**
 * Many sellers (issue 19, item 12): with an operator (3PL) key, every seller in one table — its worst metric,
 * defects in today's windows and when the next ones enter Amazon's figures, held confirmations — and a switcher
 * that makes the rest of the page show any one.
 * With a seller's own key the server refuses the overview (403), and the page says why instead of hiding it.
 */
import { ApiError } from '../api.js';
import type { OpsApi, SellerSummary, SellersOverview } from '../ops-api.js';
import { byId, h, replaceChildren, setOptions, statusBadge } from '../dom.js';
import { count, percent, plural, statusLabel } from '../format.js';
import { SortableTable } from '../table.js';

const METRIC_NAMES: Readonly<Record<string, string>> = {
  vtr: 'Valid tracking', lsr: 'Late shipment (30 days)', cr: 'Cancellation', otdr: 'On-time delivery',
  sfp_ship: 'Prime on-time shipment', sfp_cancel: 'Prime cancellation', sfp_otdr: 'Prime on-time delivery', sfp_vtr: 'Prime valid tracking',
};
const SHORT_METRIC: Readonly<Record<string, string>> = { vtr: 'VTR', otdr: 'OTDR' };
/** The soonest days shown in a seller's row; the attention view (after switching to the seller) lists them all. */
const DUE_DAYS_SHOWN = 4;

/** When a seller's next defects enter Amazon's figures: a line per day, soonest first, what each is made of. */
function dueSchedule(seller: SellerSummary): HTMLElement | string {
  if (seller.defectsDue.length === 0) return 'None due';
  const byDay = new Map<string, SellerSummary['defectsDue']>();
  for (const due of seller.defectsDue) byDay.set(due.entersOn, [...(byDay.get(due.entersOn) ?? []), due]);
  const days = [...byDay.entries()];
  const later = days.slice(DUE_DAYS_SHOWN).reduce((sum, [, items]) => sum + items.reduce((n, d) => n + d.count, 0), 0);
  return h(
    'ul',
    { class: 'due-list' },
    ...days.slice(0, DUE_DAYS_SHOWN).map(([day, items]) => h(
      'li',
      {},
      h('strong', {}, day), `: ${count(items.reduce((n, d) => n + d.count, 0))}`,
      h('span', { class: 'muted' }, ` (${items.map((d) => `${d.marketplace} ${SHORT_METRIC[d.metric] ?? d.metric} ${count(d.count)}`).join(', ')})`),
    )),
    later > 0 ? h('li', { class: 'muted' }, `then ${plural(later, 'more defect')}`) : null,
  );
}

/** What the overview found: the operator's sellers, or why there is none to show. */
export type SellersState = { operator: true; overview: SellersOverview } | { operator: false };

export class SellersView {
  private readonly select = byId<HTMLSelectElement>('seller-switch');
  private readonly table: SortableTable<SellerSummary>;

  constructor(
    private readonly api: OpsApi,
    /** The switcher chose another seller: the page reloads everything for it. */
    private readonly onSwitch: (sellerId: string) => void,
  ) {
    this.table = new SortableTable<SellerSummary>({
      caption: 'Sellers of this operator, worst first',
      emptyText: 'This operator has no sellers yet (vtrguard keys create --operator … --sellers …).',
      rowKey: (s) => s.sellerId,
      columns: [
        { key: 'seller', label: 'Seller', sortValue: (s) => s.sellerId, cell: (s) => s.sellerId },
        {
          key: 'worst', label: 'Worst metric', sortValue: (s) => s.worst?.status ?? 'none',
          cell: (s) => (s.worst
            ? h('span', {}, statusBadge(statusLabel(s.worst.status)), ` ${s.worst.marketplace} ${METRIC_NAMES[s.worst.metric] ?? s.worst.metric} ${percent(s.worst.rate)}`)
            : 'No figures yet'),
        },
        { key: 'defects', label: 'Defects in today\'s windows', numeric: true, sortValue: (s) => s.defects, cell: (s) => count(s.defects) },
        {
          key: 'due', label: 'Entering Amazon\'s figures', sortValue: (s) => s.defectsDue[0]?.entersOn ?? '9999',
          cell: (s) => dueSchedule(s),
        },
        { key: 'held', label: 'Held confirmations', numeric: true, sortValue: (s) => s.heldConfirmations, cell: (s) => count(s.heldConfirmations) },
        { key: 'open', label: 'Open', cell: (s) => this.openButton(s.sellerId) },
      ],
    });
    this.select.addEventListener('change', () => {
      if (this.select.value) this.onSwitch(this.select.value);
    });
  }

  private openButton(sellerId: string): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'button', 'data-seller': sellerId }, `Open ${sellerId}`);
    button.addEventListener('click', () => this.onSwitch(sellerId));
    return button;
  }

  /** Loads the overview; a seller's key (403) is told it sees only its own seller, and the switcher stays hidden. */
  async load(current: string | null): Promise<SellersState> {
    const section = byId('sellers');
    try {
      const session = await this.api.session();
      // The server would refuse a seller's key the overview (403): say so without asking.
      if (session.operatorId === null) return this.refused(`seller ${session.sellerId ?? ''}`);
      const overview = await this.api.sellers();
      section.classList.remove('sellers-refused');
      byId('sellers-switcher').hidden = false;
      setOptions(this.select, overview.sellers.map((s) => ({ value: s.sellerId, label: s.sellerId })), false);
      if (current) this.select.value = current;
      this.table.setRows(overview.sellers);
      replaceChildren(byId('sellers-body'), h('p', { class: 'muted small' }, `Operator ${overview.operatorId}: ${overview.sellers.length} sellers. The rest of the page shows the seller chosen above.`), this.table.element);
      return { operator: true, overview };
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 401)) throw error;
      return this.refused(error.message);
    }
  }

  private refused(why: string): SellersState {
    byId('sellers').classList.add('sellers-refused');
    byId('sellers-switcher').hidden = true;
    replaceChildren(
      byId('sellers-body'),
      h('p', { id: 'sellers-refusal' }, 'This key sees only its own seller: the overview of many sellers and the switcher need a 3PL\'s operator key. ', h('span', { class: 'muted' }, `(${why})`)),
    );
    return { operator: false };
  }

  /** The seller the page shows, once the rest of it has loaded for them. */
  showCurrent(sellerId: string): void {
    this.select.value = sellerId;
    byId('title-seller').textContent = `· ${sellerId}`;
  }
}
