/**
 * One sortable table for every list on the dashboard (defects, no-scan watch, carrier scorecard).
 * Sorting is driven by real <button>s in the header cells, so it works with Tab + Enter/Space, and the
 * sorted column carries `aria-sort` so screen readers announce the order.
 */
import { h, replaceChildren } from './dom.js';

export type SortDirection = 'ascending' | 'descending';
export type SortValue = string | number | null;

export interface Column<Row> {
  key: string;
  label: string;
  /** Sort key; a column without one is not sortable. */
  sortValue?: (row: Row) => SortValue;
  cell: (row: Row) => Node | string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

export interface SortState {
  key: string;
  direction: SortDirection;
}

export interface TableOptions<Row> {
  caption: string;
  columns: readonly Column<Row>[];
  emptyText: string;
  sort?: SortState;
  /** Row identity for `data-key`, which lets tests and links address a row. */
  rowKey?: (row: Row) => string;
  /** Rows per page; the whole (sorted) list is paged, so sorting always covers every loaded row. */
  pageSize?: number;
}

/** Nulls last in either direction: a missing figure is never "the best" or "the worst". */
export function compareSortValues(a: SortValue, b: SortValue, direction: SortDirection): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order =
    typeof a === 'number' && typeof b === 'number'
      ? a - b
      : String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
  return direction === 'ascending' ? order : -order;
}

export function sortRows<Row>(rows: readonly Row[], column: Column<Row>, direction: SortDirection): Row[] {
  const value = column.sortValue;
  if (!value) return [...rows];
  // Decorate first: sort keys are computed once per row, and index ties keep the sort stable.
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => compareSortValues(a.key, b.key, direction) || a.index - b.index)
    .map((entry) => entry.row);
}

export class SortableTable<Row> {
  readonly element: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly headerCells = new Map<string, HTMLTableCellElement>();
  private rows: readonly Row[] = [];
  private sort: SortState | null;
  private page = 0;
  private readonly pager: HTMLElement;
  private emptyText: string;

  constructor(private readonly options: TableOptions<Row>) {
    this.sort = options.sort ?? null;
    this.emptyText = options.emptyText;
    this.body = h('tbody');
    const headRow = h('tr');
    for (const column of options.columns) {
      const th = h('th', { scope: 'col', class: column.numeric ? 'num' : null });
      if (column.sortValue) {
        const button = h(
          'button',
          { type: 'button', class: 'sort', 'data-sort': column.key },
          column.label,
          h('span', { class: 'sort-icon', 'aria-hidden': 'true' }),
        );
        button.addEventListener('click', () => this.toggleSort(column.key));
        th.append(button);
      } else {
        th.textContent = column.label;
      }
      this.headerCells.set(column.key, th);
      headRow.append(th);
    }
    this.table = h('table', {}, h('caption', { class: 'visually-hidden' }, options.caption), h('thead', {}, headRow), this.body);
    // A scrollable region must be focusable so keyboard users can scroll it at phone width (WCAG 2.1.1).
    // Named apart from its section (whose heading often reads the same): two landmarks must not share a name.
    const scroller = h('div', { class: 'table-scroll', role: 'region', tabindex: 0, 'aria-label': `${options.caption}, table` }, this.table);
    this.pager = h('nav', { class: 'pager', 'aria-label': `${options.caption}: pages` });
    this.element = h('div', {}, scroller, this.pager);
    this.updateHeader();
  }

  /** What the table says when it has no rows: it depends on why (no data at all, or a filter that matches none). */
  setEmptyText(text: string): void {
    this.emptyText = text;
  }

  setRows(rows: readonly Row[]): void {
    this.rows = rows;
    this.page = 0;
    this.render();
  }

  private toggleSort(key: string): void {
    const direction: SortDirection =
      this.sort?.key === key && this.sort.direction === 'ascending' ? 'descending' : 'ascending';
    this.sort = { key, direction };
    this.page = 0;
    this.updateHeader();
    this.render();
  }

  private updateHeader(): void {
    for (const [key, th] of this.headerCells) {
      if (this.sort?.key === key) th.setAttribute('aria-sort', this.sort.direction);
      else th.removeAttribute('aria-sort');
    }
  }

  private render(): void {
    const { columns, rowKey } = this.options;
    const emptyText = this.emptyText;
    const column = this.sort ? columns.find((c) => c.key === this.sort?.key) : undefined;
    const sorted = column && this.sort ? sortRows(this.rows, column, this.sort.direction) : this.rows;
    const size = this.options.pageSize ?? Math.max(1, sorted.length);
    const pages = Math.max(1, Math.ceil(sorted.length / size));
    this.page = Math.min(this.page, pages - 1);
    const rows = sorted.slice(this.page * size, (this.page + 1) * size);
    this.renderPager(pages, sorted.length, size);
    if (rows.length === 0) {
      replaceChildren(this.body, h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, emptyText)));
      return;
    }
    const fragment = document.createDocumentFragment();
    for (const row of rows) {
      const tr = h('tr', { 'data-key': rowKey ? rowKey(row) : null });
      // `data-label` names each cell where the phone layout turns rows into cards (ops.css): no column hides off-screen.
      for (const c of columns) tr.append(h('td', { class: c.numeric ? 'num' : null, 'data-col': c.key, 'data-label': c.label }, c.cell(row)));
      fragment.append(tr);
    }
    this.body.replaceChildren(fragment);
  }

  private renderPager(pages: number, total: number, size: number): void {
    if (pages <= 1) {
      replaceChildren(this.pager);
      return;
    }
    const go = (page: number, focus: 'prev' | 'next') => (): void => {
      this.page = page;
      this.render();
      // Re-rendering replaced the buttons; keep the keyboard where it was.
      this.pager.querySelector<HTMLButtonElement>(`button[data-page="${focus}"]:not([disabled])`)?.focus();
    };
    const prev = h('button', { type: 'button', class: 'button', 'data-page': 'prev', disabled: this.page === 0 }, 'Previous');
    const next = h('button', { type: 'button', class: 'button', 'data-page': 'next', disabled: this.page >= pages - 1 }, 'Next');
    prev.addEventListener('click', go(this.page - 1, 'prev'));
    next.addEventListener('click', go(this.page + 1, 'next'));
    const first = this.page * size + 1;
    const last = Math.min(total, (this.page + 1) * size);
    replaceChildren(this.pager, prev, h('span', { 'aria-live': 'polite' }, `Rows ${first}–${last} of ${total}`), next);
  }
}
