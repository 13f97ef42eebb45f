/**
 * Import in the browser (issue 19, item 10): drop a file on the zone or choose it (a real file input, so Tab and
 * Enter reach it), see the upload's progress, then the summary and each rejected row with its line, field and
 * reason, downloadable as the CSV the server wrote. The server decides the format (it sniffs the first line);
 * the page only tells a SKU → category list apart, which has its own route.
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { ApiError } from '../api.js';
import type { ImportSummary, OpsApi, SkuCategoriesSummary, UploadKind } from '../ops-api.js';
import { byId, h, replaceChildren } from '../dom.js';
import { count, plural } from '../format.js';
import { SortableTable } from '../table.js';

export interface RejectedRow {
  line: number;
  field: string;
  reason: string;
}

/** The rejects file's rows (`line,field,reason,row`); its header and blank lines are not rows. */
export function rejectedRows(csv: string): RejectedRow[] {
  return (parse(csv, { relax_column_count: true }) as string[][])
    .slice(1)
    .filter((cells) => cells.length >= 3)
    .map(([line, field, reason]) => ({ line: Number(line), field: field ?? '', reason: reason ?? '' }));
}

/** A SKU → category list is told apart by its header: the columns sku and category, and no order id. */
export function looksLikeSkuCategories(firstLine: string): boolean {
  const columns = firstLine.toLowerCase().split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  return columns.includes('sku') && columns.includes('category') && columns.length <= 3;
}

const isImport = (summary: ImportSummary | SkuCategoriesSummary): summary is ImportSummary => 'rowsRead' in summary;

export class UploadView {
  private readonly input = h('input', { id: 'upload-file', type: 'file', accept: '.csv,.tsv,.txt,.jsonl,.gz,text/csv,text/plain', 'aria-describedby': 'upload-help' });
  private readonly kind = h(
    'select',
    { id: 'upload-kind' },
    h('option', { value: 'auto' }, 'Detect: shipments, tracking events, Amazon order or confirmation report, SKU list'),
    h('option', { value: 'import' }, 'Shipments, tracking events or an Amazon report'),
    h('option', { value: 'sku-categories' }, 'SKU → category list'),
  );
  private readonly skipInvalid = h('input', { id: 'upload-skip', type: 'checkbox', checked: true });
  private readonly progress = h('progress', { id: 'upload-progress', max: 100, value: 0, 'aria-labelledby': 'upload-progress-label' });
  private readonly progressLabel = h('span', { id: 'upload-progress-label' });
  private readonly progressBox = h('div', { class: 'upload-progress', hidden: true }, this.progressLabel, this.progress);
  private readonly result = byId('upload-result');
  private readonly rejects = new SortableTable<RejectedRow>({
    caption: 'Rejected rows of the last import',
    emptyText: 'No row was rejected.',
    rowKey: (r) => String(r.line),
    pageSize: 25,
    sort: { key: 'line', direction: 'ascending' },
    columns: [
      { key: 'line', label: 'Line', numeric: true, sortValue: (r) => r.line, cell: (r) => String(r.line) },
      { key: 'field', label: 'Field', sortValue: (r) => r.field, cell: (r) => h('span', { class: 'mono' }, r.field) },
      { key: 'reason', label: 'Reason', cell: (r) => r.reason },
    ],
  });

  constructor(
    private readonly api: OpsApi,
    /** After a file is in: the figures changed, so the page reloads them. */
    private readonly onImported: () => void,
  ) {
    const zone = h(
      'div',
      { class: 'dropzone', id: 'upload-zone' },
      h('p', { class: 'dropzone-text' }, 'Drop a file here, or'),
      h('label', { for: 'upload-file', class: 'field' }, 'Choose a file to import'),
      this.input,
    );
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('dragging');
      const file = event.dataTransfer?.files[0];
      if (file) void this.send(file);
    });
    this.input.addEventListener('change', () => {
      const file = this.input.files?.[0];
      if (file) void this.send(file);
    });
    replaceChildren(
      byId('upload-form'),
      h('div', { class: 'field' }, h('label', { for: 'upload-kind' }, 'What is in the file'), this.kind),
      h('div', { class: 'field checkbox' }, this.skipInvalid, h('label', { for: 'upload-skip' }, 'Keep the good rows and list the rejected ones (else a bad row stops the import, nothing kept)')),
      zone,
      h('p', { class: 'muted small', id: 'upload-help' }, 'CSV, tab-separated or JSON lines, gzip-compressed or not. The same file twice changes nothing.'),
      this.progressBox,
    );
  }

  private async kindOf(file: File): Promise<UploadKind> {
    const chosen = this.kind.value;
    if (chosen !== 'auto') return chosen as UploadKind;
    if (file.name.endsWith('.gz')) return 'import';
    const head = await file.slice(0, 4096).text();
    return looksLikeSkuCategories(head.split(/\r?\n/)[0] ?? '') ? 'sku-categories' : 'import';
  }

  private async send(file: File): Promise<void> {
    const kind = await this.kindOf(file);
    this.progressBox.hidden = false;
    this.progress.value = 0;
    this.progressLabel.textContent = `Uploading ${file.name}: 0%`;
    replaceChildren(this.result);
    try {
      const summary = await this.api.upload(file, {
        kind,
        skipInvalid: this.skipInvalid.checked,
        onProgress: (sent, total) => {
          const share = total > 0 ? Math.round((sent / total) * 100) : 100;
          this.progress.value = share;
          this.progressLabel.textContent = share < 100 ? `Uploading ${file.name}: ${share}%` : `Uploaded ${file.name}; importing…`;
        },
      });
      this.progress.value = 100;
      this.progressLabel.textContent = `Imported ${summary.fileName}`;
      this.showSummary(summary);
      this.onImported();
    } catch (error) {
      this.progressLabel.textContent = `${file.name} was not imported`;
      this.showError(error);
    } finally {
      // The same file chosen again must fire `change` again.
      this.input.value = '';
    }
  }

  private showSummary(summary: ImportSummary | SkuCategoriesSummary): void {
    if (!isImport(summary)) {
      replaceChildren(this.result, h('p', { class: 'upload-ok', role: 'status' }, `${summary.fileName}: ${plural(summary.skus, 'SKU')} mapped to categories; the next Amazon sync applies them.`));
      return;
    }
    const skipped = Object.entries(summary.skipped).filter(([, n]) => n > 0);
    const facts: [string, string][] = [
      ['Format', summary.format],
      ['Rows read', count(summary.rowsRead)],
      ['Rows imported', count(summary.rowsImported)],
      ['Rows rejected', count(summary.rowsRejected)],
      ...skipped.map(([reason, n]): [string, string] => [`Skipped (${reason})`, count(n)]),
      ['Alerts changed', count(summary.alertChanges)],
    ];
    const headline = summary.alreadyImported
      ? `${summary.fileName} was imported before: nothing changed.`
      : `${summary.fileName}: ${plural(summary.rowsImported, 'row')} imported${summary.rowsRejected > 0 ? `, ${plural(summary.rowsRejected, 'row')} rejected` : ''}.`;
    const parts: Node[] = [
      h('p', { class: summary.rowsRejected > 0 ? 'upload-warn' : 'upload-ok', role: 'status' }, headline),
      h('dl', { class: 'summary' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    ];
    if (summary.rejectedCsv) {
      const rows = rejectedRows(summary.rejectedCsv);
      this.rejects.setRows(rows);
      const download = h('a', {
        class: 'button', id: 'upload-rejects-csv',
        href: URL.createObjectURL(new Blob([summary.rejectedCsv], { type: 'text/csv' })),
        download: `${summary.fileName.replace(/\.(csv|tsv|txt|jsonl)(\.gz)?$/i, '')}.rejected.csv`,
      }, 'Download the rejected rows (CSV)');
      parts.push(h('h3', { id: 'upload-rejects-title' }, 'Rejected rows'), download, this.rejects.element);
      if (rows.length < summary.rowsRejected) parts.push(h('p', { class: 'muted small' }, `The first ${count(rows.length)} of ${count(summary.rowsRejected)} are shown and in the file.`));
    }
    replaceChildren(this.result, ...parts);
  }

  private showError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof ApiError ? ` (${error.code})` : '';
    replaceChildren(this.result, h('p', { class: 'upload-error', role: 'alert' }, h('strong', {}, 'Nothing was imported: '), message, code));
  }
}
