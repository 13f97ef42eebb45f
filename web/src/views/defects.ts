/**
 * The defects behind every metric (VTR packages, LSR late orders, CR cancellations, OTDR late packages): filter by
 * metric, carrier and category, sort, page, and download the same rows as CSV. Each row links to the order in
 * Seller Central and to the carrier's tracking page, and says how to fix its reason.
 */
import type { Api, DefectFilter, DefectMetric, DefectPage, DefectRow } from '../api.js';
import { byId, h, setOptions } from '../dom.js';
import { count, plural, reasonFix, reasonText, sellerCentralOrderUrl } from '../format.js';
import { SortableTable } from '../table.js';

const ANY = '';

/** What one defect of each metric is, singular and plural, as the count line says it. */
export const DEFECT_NOUNS: Readonly<Record<DefectMetric, [string, string]>> = {
  vtr: ['package without valid tracking', 'packages without valid tracking'],
  lsr: ['late shipment', 'late shipments'],
  cr: ['cancelled order', 'cancelled orders'],
  otdr: ['late delivery', 'late deliveries'],
  sfp_vtr: ['Prime package without valid tracking', 'Prime packages without valid tracking'],
  sfp_ship: ['Prime order not scanned in time', 'Prime orders not scanned in time'],
  sfp_cancel: ['cancelled Prime order', 'cancelled Prime orders'],
  sfp_otdr: ['late Prime delivery', 'late Prime deliveries'],
};

const DEFECT_METRIC_VALUES = Object.keys(DEFECT_NOUNS);

/** Orders carry no carrier: the carrier filter applies to the package metrics only. */
export const hasCarrier = (metric: DefectMetric): boolean => metric !== 'lsr' && metric !== 'cr' && metric !== 'sfp_ship' && metric !== 'sfp_cancel';

/** `vtrguard-defects-US-2026-11-20-UPS-toys-games.csv`: says what was filtered, safe on every file system. */
export function csvFileName(filter: DefectFilter): string {
  const metric = filter.metric && filter.metric !== 'vtr' ? filter.metric : undefined;
  const parts = ['vtrguard-defects', metric, filter.marketplace, filter.asOf, filter.carrier, filter.category];
  return (
    parts
      .filter((p): p is string => Boolean(p))
      .join('-')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/-$/, '') + '.csv'
  );
}

/** The carrier as the metrics group it: the Amazon code, with the typed name for `Other`. */
export function carrierText(row: Pick<DefectRow, 'carrierCode' | 'carrierName'>): string | null {
  if (!row.carrierCode) return row.carrierName;
  if (row.carrierCode === 'Other' && row.carrierName) return `Other: ${row.carrierName}`;
  return row.carrierCode;
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once can cancel the download before the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface DefectsContext {
  marketplace: string;
  asOf: string;
  carriers: readonly string[];
  categories: readonly string[];
  /** The category the page is narrowed to ('' for all). */
  category: string;
  /** Packages in the VTR window: none means there is nothing to judge, not that all is well. */
  packages: number;
}

/** The order id, linked to its page in the marketplace's Seller Central. */
export function orderLink(marketplace: string, orderId: string): HTMLElement {
  const url = sellerCentralOrderUrl(marketplace, orderId);
  if (!url) return h('span', { class: 'mono' }, orderId);
  return h('a', { class: 'mono', href: url, target: '_blank', rel: 'noopener noreferrer', 'aria-label': `Order ${orderId} in Seller Central` }, orderId);
}

/** The tracking number, linked to the carrier's own tracking page when the carrier is known. */
export function trackingLink(row: Pick<DefectRow, 'trackingNumber' | 'trackingUrl'>): HTMLElement {
  if (!row.trackingNumber) return h('span', {}, '—');
  if (!row.trackingUrl) return h('span', { class: 'mono' }, row.trackingNumber);
  return h('a', { class: 'mono', href: row.trackingUrl, target: '_blank', rel: 'noopener noreferrer', 'aria-label': `Track ${row.trackingNumber} on the carrier's site` }, row.trackingNumber);
}

/** Each reason of a row with its fix. */
export function reasonsCell(reasons: readonly string[]): HTMLElement {
  return h('span', {}, ...reasons.map((code) => h('span', { class: 'reason', 'data-reason': code }, reasonText(code))));
}

export function fixCell(reasons: readonly string[]): HTMLElement {
  return h('span', { class: 'fix' }, ...reasons.map((code) => h('span', { class: 'fix-step', 'data-reason': code }, reasonFix(code))));
}

/** What the page asks the defects list to show: a metric, narrowed to a carrier or a category. */
export interface DefectSelection {
  metric: DefectMetric;
  carrier?: string;
  category?: string;
}

export class DefectsView {
  private readonly table = new SortableTable<DefectRow>({
    caption: 'Defects',
    emptyText: 'No defects.',
    rowKey: (r) => `${r.orderId}/${r.packageRef ?? ''}`,
    pageSize: 25,
    columns: [
      { key: 'order', label: 'Order', sortValue: (r) => r.orderId, cell: (r) => orderLink(this.context?.marketplace ?? '', r.orderId) },
      { key: 'tracking', label: 'Tracking number', sortValue: (r) => r.trackingNumber, cell: (r) => trackingLink(r) },
      { key: 'carrier', label: 'Carrier', sortValue: (r) => carrierText(r), cell: (r) => carrierText(r) ?? '—' },
      { key: 'category', label: 'Category', sortValue: (r) => r.categories.join(', '), cell: (r) => r.categories.join(', ') },
      { key: 'promised', label: 'Promised by', sortValue: (r) => r.promisedDeliveryDate, cell: (r) => r.promisedDeliveryDate ?? '—' },
      {
        key: 'reason',
        label: 'Reason',
        sortValue: (r) => r.reasons[0] ?? null,
        cell: (r) => reasonsCell(r.reasons),
      },
      { key: 'fix', label: 'How to fix', cell: (r) => fixCell(r.reasons) },
    ],
  });
  private readonly metric = byId<HTMLSelectElement>('defects-metric');
  private readonly carrier = byId<HTMLSelectElement>('defects-carrier');
  private readonly category = byId<HTMLSelectElement>('defects-category');
  private readonly csvButton = byId<HTMLButtonElement>('defects-csv');
  private context: DefectsContext | null = null;
  /** Drops answers to superseded requests, so a slow old filter never overwrites a newer one's rows. */
  private generation = 0;

  constructor(
    private readonly api: Api,
    private readonly onError: (error: unknown) => void,
    /** The category filter was changed here: the rest of the page follows it. */
    private readonly onCategory: (category: string) => void,
  ) {
    byId('defects-table').append(this.table.element);
    this.metric.addEventListener('change', () => {
      this.syncCarrier();
      void this.load();
    });
    this.carrier.addEventListener('change', () => void this.load());
    this.category.addEventListener('change', () => {
      this.onCategory(this.category.value);
      void this.load();
    });
    this.csvButton.addEventListener('click', () => void this.download());
  }

  update(context: DefectsContext): void {
    this.context = context;
    setOptions(this.carrier, [{ value: ANY, label: 'All carriers' }, ...context.carriers.map((c) => ({ value: c, label: c }))]);
    setOptions(this.category, [{ value: ANY, label: 'All categories' }, ...context.categories.map((c) => ({ value: c, label: c }))]);
    this.category.value = context.categories.includes(context.category) ? context.category : ANY;
    void this.load();
  }

  /** Narrows the list to one category ('' for all), as a VTR bar or a link asks. */
  setCategory(category: string): void {
    if (this.category.value === category && this.metric.value === 'vtr') return;
    this.metric.value = 'vtr';
    this.syncCarrier();
    this.category.value = category;
    void this.load();
  }

  /** Shows the defects behind a figure (a tile, a carrier row, an attention item): the other filters are cleared. */
  open(selection: DefectSelection): void {
    this.metric.value = selection.metric;
    this.syncCarrier();
    if (selection.carrier !== undefined && ![...this.carrier.options].some((o) => o.value === selection.carrier)) {
      this.carrier.append(h('option', { value: selection.carrier }, selection.carrier));
    }
    this.carrier.value = hasCarrier(selection.metric) ? (selection.carrier ?? ANY) : ANY;
    this.category.value = selection.category ?? ANY;
    if (selection.category !== undefined) this.onCategory(selection.category);
    void this.load();
  }

  private selectedMetric(): DefectMetric {
    const value = this.metric.value;
    return (DEFECT_METRIC_VALUES as readonly string[]).includes(value) ? (value as DefectMetric) : 'vtr';
  }

  private syncCarrier(): void {
    const enabled = hasCarrier(this.selectedMetric());
    this.carrier.disabled = !enabled;
    if (!enabled) this.carrier.value = ANY;
  }

  filter(): DefectFilter | null {
    if (!this.context) return null;
    return {
      metric: this.selectedMetric(),
      marketplace: this.context.marketplace,
      asOf: this.context.asOf,
      carrier: this.carrier.value || undefined,
      category: this.category.value || undefined,
    };
  }

  private emptyText(filter: DefectFilter, packages: number): string {
    const metric = filter.metric ?? 'vtr';
    if (metric !== 'vtr') {
      const none = `No ${DEFECT_NOUNS[metric][1]} in ${filter.marketplace}'s window as of ${filter.asOf ?? 'today'}`;
      return filter.carrier || filter.category ? `${none} for this filter.` : `${none}.`;
    }
    if (packages === 0) return `No packages in ${filter.marketplace}'s VTR window as of ${filter.asOf ?? 'today'}: nothing to measure yet.`;
    if (filter.carrier || filter.category) return 'No defects for this filter: every package it matches has valid tracking.';
    return 'No defects: every package in the window has valid tracking.';
  }

  private async load(): Promise<void> {
    const filter = this.filter();
    if (!filter || !this.context) return;
    this.table.setEmptyText(this.emptyText(filter, this.context.packages));
    const generation = ++this.generation;
    const section = byId('defects');
    section.setAttribute('aria-busy', 'true');
    try {
      const page = await this.api.defects(filter);
      if (generation !== this.generation) return;
      this.table.setRows(page.items);
      this.renderCount(page, filter.metric ?? 'vtr');
    } catch (error) {
      if (generation === this.generation) this.onError(error);
    } finally {
      if (generation === this.generation) section.removeAttribute('aria-busy');
    }
  }

  private renderCount(page: DefectPage, metric: DefectMetric): void {
    const [one, many] = DEFECT_NOUNS[metric];
    byId('defects-count').textContent =
      page.items.length < page.total
        ? `${plural(page.total, one, many)}; the first ${count(page.items.length)} are listed, the CSV has them all`
        : plural(page.total, one, many);
  }

  private async download(): Promise<void> {
    const filter = this.filter();
    if (!filter) return;
    this.csvButton.disabled = true;
    try {
      const blob = await this.api.defectsCsv(filter);
      saveBlob(blob, csvFileName(filter));
    } catch (error) {
      this.onError(error);
    } finally {
      this.csvButton.disabled = false;
    }
  }
}
