/** The VTR defects table: filter by carrier and category, sort, page, and download the same rows as CSV. */
import type { Api, DefectFilter, DefectPage, DefectRow } from '../api.js';
import { byId, h, setOptions } from '../dom.js';
import { count, plural, reasonText } from '../format.js';
import { SortableTable } from '../table.js';

const ANY = '';

/** `vtrguard-defects-US-2026-11-20-UPS-toys-games.csv`: says what was filtered, safe on every file system. */
export function csvFileName(filter: DefectFilter): string {
  const parts = ['vtrguard-defects', filter.marketplace, filter.asOf, filter.carrier, filter.category];
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

export class DefectsView {
  private readonly table = new SortableTable<DefectRow>({
    caption: 'VTR defects',
    emptyText: 'No defects.',
    rowKey: (r) => `${r.orderId}/${r.packageRef ?? ''}`,
    pageSize: 25,
    columns: [
      { key: 'order', label: 'Order', sortValue: (r) => r.orderId, cell: (r) => h('span', { class: 'mono' }, r.orderId) },
      { key: 'tracking', label: 'Tracking number', sortValue: (r) => r.trackingNumber, cell: (r) => h('span', { class: 'mono' }, r.trackingNumber ?? '—') },
      { key: 'carrier', label: 'Carrier', sortValue: (r) => carrierText(r), cell: (r) => carrierText(r) ?? '—' },
      { key: 'category', label: 'Category', sortValue: (r) => r.categories.join(', '), cell: (r) => r.categories.join(', ') },
      { key: 'promised', label: 'Promised by', sortValue: (r) => r.promisedDeliveryDate, cell: (r) => r.promisedDeliveryDate ?? '—' },
      {
        key: 'reason',
        label: 'Reason',
        sortValue: (r) => r.reasons[0] ?? null,
        cell: (r) => h('span', {}, ...r.reasons.map((code) => h('span', { class: 'reason', 'data-reason': code }, reasonText(code)))),
      },
    ],
  });
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
    if (this.category.value === category) return;
    this.category.value = category;
    void this.load();
  }

  filter(): DefectFilter | null {
    if (!this.context) return null;
    return {
      marketplace: this.context.marketplace,
      asOf: this.context.asOf,
      carrier: this.carrier.value || undefined,
      category: this.category.value || undefined,
    };
  }

  private emptyText(filter: DefectFilter, packages: number): string {
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
      this.renderCount(page);
    } catch (error) {
      if (generation === this.generation) this.onError(error);
    } finally {
      if (generation === this.generation) section.removeAttribute('aria-busy');
    }
  }

  private renderCount(page: DefectPage): void {
    byId('defects-count').textContent =
      page.items.length < page.total
        ? `${plural(page.total, 'defect')}; the first ${count(page.items.length)} are listed, the CSV has them all`
        : plural(page.total, 'defect');
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
