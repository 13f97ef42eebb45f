/**
 * "Needs attention now", across every marketplace, from GET /v1/attention: each metric below target or at risk
 * (the live figure beside the one Seller Central shows today), the defects Seller Central will count next in the
 * order it will count them, and the packages and orders that become defects unless someone acts — each with its
 * next step. It refreshes itself every minute and says how old its figures are; a failed refresh is shown, never
 * hidden behind the last good figures.
 */
import type { Api, AttentionMetric, AttentionReport, DefectMetric, ShipByOrder, UpcomingDefect, WatchRow } from '../api.js';
import { byId, h, replaceChildren, statusBadge } from '../dom.js';
import { dateTime, hours, percent, plural, statusLabel } from '../format.js';
import { SortableTable } from '../table.js';
import { carrierText, fixCell, orderLink, reasonsCell, trackingLink } from './defects.js';

/** How often the view asks for new figures. */
export const ATTENTION_REFRESH_MS = 60_000;

const TITLES: Readonly<Record<AttentionMetric['metric'], string>> = {
  vtr_category: 'VTR',
  vtr7: 'VTR, last 7 days',
  lsr10: 'Late shipment rate, 10 days',
  lsr30: 'Late shipment rate, 30 days',
  cr: 'Cancel rate, 7 days',
  otdr: 'On-time delivery rate, 14 days',
  sfp_ship: 'Prime on-time shipment',
  sfp_cancel: 'Prime cancel rate',
  sfp_otdr: 'Prime on-time delivery',
  sfp_vtr: 'Prime valid tracking rate',
};

const METRIC_NAMES: Readonly<Record<DefectMetric, string>> = {
  vtr: 'VTR', lsr: 'LSR', cr: 'CR', otdr: 'OTDR', sfp_vtr: 'Prime VTR', sfp_ship: 'Prime on-time shipment', sfp_cancel: 'Prime cancels', sfp_otdr: 'Prime OTDR',
};

export function metricTitle(item: Pick<AttentionMetric, 'metric' | 'category'>): string {
  return item.category ? `${TITLES[item.metric]} · ${item.category}` : TITLES[item.metric];
}

export function targetText(item: Pick<AttentionMetric, 'target' | 'direction'>): string {
  if (item.direction === 'at_least') return `${percent(item.target, item.target * 100 % 1 === 0 ? 0 : 1)} or more`;
  return item.direction === 'below' ? `under ${percent(item.target)}` : `${percent(item.target)} or less`;
}

/** The next step for a flagged metric, in plain words. */
export function nextStep(item: AttentionMetric): string {
  const bad = item.live.status === 'bad';
  switch (item.metric) {
    case 'vtr_category':
      return bad
        ? `Fix or replace the tracking of its ${plural(item.defectCount, 'defect')}; ${plural(item.neededToRecover ?? 0, 'more valid package')} restore the target.`
        : 'Valid packages leave the window this week while its defects stay: get the packages still waiting for a first scan scanned.';
    case 'vtr7':
      return "This week's packages lack valid tracking: fix their tracking now, before Amazon's 7-day figure shows it.";
    case 'lsr10':
    case 'lsr30':
      return 'Confirm shipments before the ship-by date; upload tracking for orders still unconfirmed.';
    case 'cr':
      return 'Stop cancelling for stock: update inventory so out-of-stock items are not sold.';
    case 'otdr':
      return 'Ship faster services or set longer transit times for the routes that arrive late.';
    case 'sfp_ship':
      return 'Hand Prime parcels to the carrier by the ship-by date: for Prime only the first carrier scan counts, not the confirmation.';
    case 'sfp_cancel':
      return 'Do not cancel Prime orders: keep Prime offers in stock, or take them off Prime.';
    case 'sfp_otdr':
      return 'Use faster services for Prime orders, or remove Prime from the regions they reach late.';
    case 'sfp_vtr':
      return 'Fix the tracking of the Prime packages listed: their carrier code and number, and get them scanned by the carrier.';
  }
}

/** Where a flagged metric opens: its defect list, or (SFP, listed by no defect list) the metric tiles. */
export interface AttentionTarget {
  marketplace: string;
  metric: DefectMetric | null;
  category: string | null;
}

function metricItem(item: AttentionMetric, open: (target: AttentionTarget) => void): HTMLElement {
  const label = item.defects
    ? `Show ${plural(item.defectCount, 'defect')}`
    : `Open ${item.marketplace}`;
  const button = h('button', { type: 'button', class: 'button' }, label, h('span', { class: 'visually-hidden' }, ` of ${item.marketplace} ${metricTitle(item)}`));
  button.addEventListener('click', () => open({ marketplace: item.marketplace, metric: item.defects, category: item.category }));
  const amazon = item.amazon && item.amazon.rate !== item.live.rate
    ? h('span', { class: 'attention-amazon muted' }, `Seller Central shows ${percent(item.amazon.rate)} today`)
    : null;
  // Flagged for what Seller Central shows, though on target live: say so, or the item reads as a mistake.
  const amazonBadge = item.amazon && amazon && item.amazon.status !== item.live.status ? statusBadge(statusLabel(item.amazon.status)) : null;
  return h(
    'li',
    { class: 'attention-item', 'data-marketplace': item.marketplace, 'data-key': item.key },
    h('span', { class: 'attention-mp' }, item.marketplace),
    h(
      'span',
      { class: 'attention-what' },
      h('strong', {}, metricTitle(item)),
      ' ',
      percent(item.live.rate),
      ` (target ${targetText(item)}) `,
      statusBadge(statusLabel(item.live.status)),
      amazon ? h('br') : null,
      amazon,
      amazonBadge ? ' ' : null,
      amazonBadge,
    ),
    h('span', { class: 'attention-step' }, nextStep(item)),
    button,
  );
}

export interface AttentionViewOptions {
  open: (target: AttentionTarget) => void;
  /** The marketplaces' time zones, for the local times of ship-by deadlines and confirmations. */
  zoneOf: (marketplace: string) => string;
}

export class AttentionView {
  private readonly upcoming = new SortableTable<UpcomingDefect>({
    caption: 'Defects Seller Central will count next',
    emptyText: 'No defect is waiting to enter Amazon\'s figures.',
    rowKey: (r) => `${r.marketplace}/${r.metric}/${r.row.orderId}/${r.row.packageRef ?? ''}`,
    pageSize: 10,
    columns: [
      { key: 'enters', label: 'Counted from', sortValue: (r) => r.entersOn, cell: (r) => r.entersOn },
      { key: 'marketplace', label: 'Marketplace', sortValue: (r) => r.marketplace, cell: (r) => r.marketplace },
      { key: 'metric', label: 'Metric', sortValue: (r) => r.metric, cell: (r) => METRIC_NAMES[r.metric] },
      { key: 'order', label: 'Order', sortValue: (r) => r.row.orderId, cell: (r) => orderLink(r.marketplace, r.row.orderId) },
      { key: 'tracking', label: 'Tracking number', sortValue: (r) => r.row.trackingNumber, cell: (r) => trackingLink(r.row) },
      { key: 'carrier', label: 'Carrier', sortValue: (r) => carrierText(r.row), cell: (r) => carrierText(r.row) ?? '—' },
      { key: 'reason', label: 'Reason', sortValue: (r) => r.row.reasons[0] ?? null, cell: (r) => reasonsCell(r.row.reasons) },
      { key: 'fix', label: 'How to fix', cell: (r) => fixCell(r.row.reasons) },
    ],
  });
  private readonly unscanned = new SortableTable<WatchRow>({
    caption: 'Confirmed, no carrier scan yet',
    emptyText: 'Every confirmed package has a carrier scan, or is still within its carrier\'s usual time.',
    rowKey: (r) => `${r.marketplace}/${r.orderId}/${r.packageRef}`,
    pageSize: 5,
    columns: [
      { key: 'marketplace', label: 'Marketplace', sortValue: (r) => r.marketplace, cell: (r) => r.marketplace },
      { key: 'age', label: 'Waiting', numeric: true, sortValue: (r) => r.hoursWaiting, cell: (r) => hours(r.hoursWaiting) },
      { key: 'order', label: 'Order', sortValue: (r) => r.orderId, cell: (r) => orderLink(r.marketplace, r.orderId) },
      { key: 'tracking', label: 'Tracking number', sortValue: (r) => r.trackingNumber, cell: (r) => h('span', { class: 'mono' }, r.trackingNumber) },
      { key: 'carrier', label: 'Carrier', sortValue: (r) => r.carrierCode ?? null, cell: (r) => r.carrierCode ?? '—' },
      { key: 'next', label: 'What to do', sortValue: (r) => r.nextStep.code, cell: (r) => r.nextStep.text },
    ],
  });
  private readonly shipBy: SortableTable<ShipByOrder>;
  private last: AttentionReport | null = null;
  private lastSuccess: Date | null = null;
  private timer: number | null = null;

  constructor(
    private readonly api: Api,
    private readonly options: AttentionViewOptions,
  ) {
    this.shipBy = new SortableTable<ShipByOrder>({
      caption: 'Not confirmed, ship-by deadline near',
      emptyText: 'No unconfirmed order is due to ship in the next 48 hours.',
      rowKey: (r) => `${r.marketplace}/${r.orderId}`,
      pageSize: 5,
      columns: [
        { key: 'marketplace', label: 'Marketplace', sortValue: (r) => r.marketplace, cell: (r) => r.marketplace },
        { key: 'deadline', label: 'Ship by', sortValue: (r) => r.latestShipDate, cell: (r) => dateTime(r.latestShipDate, this.options.zoneOf(r.marketplace)) },
        { key: 'left', label: 'Time left', numeric: true, sortValue: (r) => r.hoursLeft, cell: (r) => hours(r.hoursLeft) },
        { key: 'order', label: 'Order', sortValue: (r) => r.orderId, cell: (r) => orderLink(r.marketplace, r.orderId) },
        { key: 'next', label: 'What to do', cell: (r) => shipByStep(r) },
      ],
    });
    byId('attention-upcoming').append(this.upcoming.element);
    byId('attention-unscanned').append(this.unscanned.element);
    byId('attention-ship-by').append(this.shipBy.element);
  }

  /** Loads now, then every ATTENTION_REFRESH_MS, and at once when the tab comes back into view. */
  start(): void {
    void this.refresh();
    if (this.timer === null) this.timer = window.setInterval(() => void this.refresh(), ATTENTION_REFRESH_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.refresh();
    });
  }

  async refresh(): Promise<void> {
    const section = byId('attention');
    section.setAttribute('aria-busy', 'true');
    try {
      const report = await this.api.attention();
      this.last = report;
      this.lastSuccess = new Date();
      this.render(report);
      this.renderFreshness(null);
    } catch (error) {
      this.renderFreshness(error instanceof Error ? error.message : String(error));
    } finally {
      section.removeAttribute('aria-busy');
    }
  }

  /** The report last shown (null before the first answer). */
  report(): AttentionReport | null {
    return this.last;
  }

  private render(report: AttentionReport): void {
    const list = byId('attention-list');
    const where = report.marketplaces.map((m) => m.marketplace).join(', ') || 'every marketplace';
    if (report.metrics.length === 0) {
      replaceChildren(list, h('li', { class: 'muted' }, `Every metric is on target in ${where}.`));
    } else {
      replaceChildren(list, ...report.metrics.map((item) => metricItem(item, this.options.open)));
    }
    const { total, items } = report.upcomingDefects;
    byId('attention-upcoming-count').textContent = items.length < total
      ? `${plural(total, 'defect')} not yet in Amazon's figures; the first ${items.length} by the day Amazon counts them`
      : `${plural(total, 'defect')} not yet in Amazon's figures`;
    this.upcoming.setRows(items);
    this.unscanned.setRows(report.noFirstScan.items);
    this.shipBy.setRows(report.dueToShip.items);
  }

  /** "Data as of" with the figures' own instant; after a failed refresh, says the figures are old and why. */
  private renderFreshness(error: string | null): void {
    const box = byId('attention-asof');
    const at = (iso: string | Date) => new Date(iso).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const every = `refreshed every ${ATTENTION_REFRESH_MS / 60_000 === 1 ? 'minute' : `${ATTENTION_REFRESH_MS / 60_000} minutes`}`;
    if (error === null && this.last) {
      box.dataset.stale = 'false';
      box.textContent = `Data as of ${at(this.last.generatedAt)}; ${every}.`;
      return;
    }
    box.dataset.stale = 'true';
    box.textContent = this.last && this.lastSuccess
      ? `Not current: the refresh failed (${error}). The figures below are from ${at(this.last.generatedAt)}; trying again every minute.`
      : `Could not load (${error}); trying again every minute.`;
  }
}

function shipByStep(order: ShipByOrder): string {
  const prime = order.isPrime ? ' It is a Prime order: the carrier must scan it by then, a confirmation alone is not enough.' : '';
  return `Ship and confirm with tracking within ${hours(order.hoursLeft)}, or it counts as a late shipment.${prime}`;
}
