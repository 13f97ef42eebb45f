/**
 * The Amazon panel: the seller's SP-API connection as `vtrguard amazon status` shows it — marketplaces, the last
 * sync and its lag, held confirmations (each can be released), refusals with their fixes, the confirmation feeds
 * (`vtrguard amazon feeds`), packages Amazon holds differently from what was sent, and Amazon's latest performance
 * report beside vtrguard's `amazon` view.
 */
import type { AmazonFeed, AmazonStatus, ConfirmationOutcome, FigureGap, PackageDifference } from '../api.js';
import { byId, h, replaceChildren, statusBadge } from '../dom.js';
import { count, percent, plural, reasonText, statusLabel } from '../format.js';
import { SortableTable } from '../table.js';

const when = (ms: number | null): string => (ms === null ? 'never' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC');

function lagText(minutes: number | null): string {
  if (minutes === null) return '';
  if (minutes < 90) return `${plural(minutes, 'minute')} ago`;
  if (minutes < 48 * 60) return `${plural(Math.round(minutes / 60), 'hour')} ago`;
  return `${plural(Math.round(minutes / 1440), 'day')} ago`;
}

/** A difference past the tolerance the `amazon_figures` alert uses: in words and symbol, not colour alone. */
const BEYOND_TOLERANCE = { text: 'Beyond tolerance', symbol: '✕', tone: 'bad' } as const;

/** A feed Amazon still works on, in words and symbol. */
const PROCESSING = { text: 'Processing', symbol: '…', tone: 'at_risk' } as const;

/** What became of a feed's packages, or why it ended without confirming them. */
function feedOutcome(f: AmazonFeed): string {
  if (f.reason) return f.reason;
  if (f.processed === null) return '';
  return `${count(f.successful ?? 0)} of ${count(f.processed)} rows accepted`;
}

const METRIC_NAMES: Readonly<Record<string, string>> = { vtr: 'Valid tracking', lsr: 'Late shipment', cr: 'Cancellation', otdr: 'On-time delivery' };

/** The reason (a partial package's: what Amazon kept) and each problem with its fix. */
function whyText(o: ConfirmationOutcome): string {
  return [o.reason, ...o.problems.map((p) => `${p.message} — fix: ${p.fix}`)].filter(Boolean).join('; ');
}

/** How VTR will judge Amazon's version; where Amazon holds another number, its scans decide. */
function becomesText(d: PackageDifference): string {
  if (d.becomes) return `VTR defect: ${reasonText(d.becomes)}`;
  return d.amazonScans?.firstCarrierScanAt ? 'Valid: Amazon\'s number has a carrier scan' : 'Valid once scanned';
}

export class AmazonView {
  private readonly held: SortableTable<ConfirmationOutcome>;
  private readonly refused = new SortableTable<ConfirmationOutcome>({
    caption: 'Refused, failed and partial confirmations, newest first',
    emptyText: 'No confirmation was refused or failed.',
    rowKey: (o) => o.confirmationId,
    pageSize: 10,
    columns: [
      { key: 'order', label: 'Order', sortValue: (o) => o.orderId, cell: (o) => h('span', { class: 'mono' }, o.orderId) },
      { key: 'state', label: 'State', sortValue: (o) => o.state, cell: (o) => o.state },
      { key: 'why', label: 'Why, and the fix', cell: whyText },
    ],
  });
  private readonly feeds = new SortableTable<AmazonFeed>({
    caption: 'Confirmation feeds, newest first',
    emptyText: 'No confirmation was sent by feed.',
    rowKey: (f) => `${f.marketplace}/${f.feedId ?? ''}/${f.createdAt}`,
    pageSize: 10,
    columns: [
      { key: 'feed', label: 'Feed', sortValue: (f) => f.feedId, cell: (f) => h('span', { class: 'mono' }, f.feedId ?? '—') },
      { key: 'marketplace', label: 'Marketplace', sortValue: (f) => f.marketplace, cell: (f) => f.marketplace },
      { key: 'sent', label: 'Sent', sortValue: (f) => f.createdAt, cell: (f) => when(f.createdAt) },
      { key: 'packages', label: 'Packages', numeric: true, sortValue: (f) => f.packages, cell: (f) => count(f.packages) },
      { key: 'state', label: 'State', sortValue: (f) => f.state, cell: (f) => (f.finishedAt === null ? statusBadge(PROCESSING, f.state) : f.state) },
      { key: 'outcome', label: 'Outcome', cell: feedOutcome },
    ],
  });
  private readonly differences = new SortableTable<PackageDifference>({
    caption: 'Packages Amazon holds differently from what was sent',
    emptyText: 'Amazon holds every package as it was sent.',
    rowKey: (d) => `${d.orderId}/${d.packageRef}`,
    pageSize: 10,
    columns: [
      { key: 'order', label: 'Order', sortValue: (d) => d.orderId, cell: (d) => h('span', { class: 'mono' }, `${d.orderId} #${d.packageRef}`) },
      { key: 'sent', label: 'Sent', cell: (d) => `${d.meant.carrierCode ?? '—'} ${d.meant.trackingNumber ?? ''}` },
      { key: 'amazon', label: 'Amazon recorded', cell: (d) => `${d.amazon.carrier ?? '—'} ${d.amazon.trackingNumber ?? ''}` },
      { key: 'becomes', label: 'Becomes', sortValue: (d) => d.becomes, cell: becomesText },
    ],
  });
  private readonly figures = new SortableTable<FigureGap>({
    caption: 'Amazon\'s figures beside vtrguard\'s Amazon view',
    emptyText: 'The report has no figures.',
    rowKey: (g) => `${g.marketplace}/${g.metric}`,
    columns: [
      { key: 'marketplace', label: 'Marketplace', sortValue: (g) => g.marketplace, cell: (g) => g.marketplace },
      { key: 'metric', label: 'Metric', sortValue: (g) => g.metric, cell: (g) => METRIC_NAMES[g.metric] ?? g.metric },
      { key: 'amazon', label: 'Amazon', numeric: true, sortValue: (g) => g.amazon.rate, cell: (g) => `${percent(g.amazon.rate)} (${count(g.amazon.hits)}/${count(g.amazon.total)})` },
      { key: 'ours', label: 'vtrguard', numeric: true, sortValue: (g) => g.ours?.rate ?? null, cell: (g) => (g.ours ? `${percent(g.ours.rate)} (${count(g.ours.hits)}/${count(g.ours.total)})` : '—') },
      {
        key: 'gap', label: 'Difference', numeric: true, sortValue: (g) => g.gapPoints,
        cell: (g) => (g.gapPoints === null ? '—' : g.beyondTolerance ? statusBadge(BEYOND_TOLERANCE, `${g.gapPoints} pts`) : `${g.gapPoints} pts`),
      },
      { key: 'why', label: 'Likely reason', cell: (g) => g.likelyReason ?? '' },
    ],
  });

  constructor(private readonly release: (confirmationId: string) => Promise<void>) {
    this.held = new SortableTable<ConfirmationOutcome>({
      caption: 'Held until the first carrier scan',
      emptyText: 'No confirmation is held.',
      rowKey: (o) => o.confirmationId,
      pageSize: 10,
      sort: { key: 'until', direction: 'ascending' },
      columns: [
        { key: 'order', label: 'Order', sortValue: (o) => o.orderId, cell: (o) => h('span', { class: 'mono' }, `${o.orderId} #${o.packageRef}`) },
        { key: 'until', label: 'Sent by', sortValue: (o) => o.holdUntil, cell: (o) => when(o.holdUntil) },
        { key: 'release', label: 'Release', cell: (o) => this.releaseButton(o) },
      ],
    });
  }

  private releaseButton(o: ConfirmationOutcome): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'button', 'aria-label': `Send now: order ${o.orderId} package ${o.packageRef}` }, 'Send now');
    button.addEventListener('click', () => {
      button.disabled = true;
      void this.release(o.confirmationId).finally(() => {
        button.disabled = false;
      });
    });
    return button;
  }

  update(status: AmazonStatus, feeds: readonly AmazonFeed[]): void {
    const body = byId('amazon-body');
    if (!status.connected) {
      byId('amazon-sync').textContent = 'not connected';
      replaceChildren(body, h('p', {}, 'This seller is not connected to Amazon. Connect it with ', h('code', {}, 'vtrguard amazon connect'),
        ': orders then come in as they happen and confirmations go out through the gateway.'));
      return;
    }
    const { sync, confirmations: c } = status;
    byId('amazon-sync').textContent = `last sync ${when(sync.lastSuccessAt)}${sync.lagMinutes !== null ? `, ${lagText(sync.lagMinutes)}` : ''}`;
    const facts: [string, Node | string][] = [
      ['Marketplaces', status.marketplaces.map((m) => m.marketplace ?? m.id).join(', ') || '—'],
      ['Last sync', `${when(sync.lastSuccessAt)}${sync.lagMinutes !== null ? ` (${lagText(sync.lagMinutes)})` : ''}${sync.resumable ? ', a run to resume' : ''}`],
      ['Orders synced', count(sync.ordersSynced)],
      ['Confirmations', `${count(c.counts.sent)} sent, ${count(c.counts.held)} held, ${c.counts.sending ? `${count(c.counts.sending)} sending (in a feed Amazon is processing), ` : ''}${c.counts.partial ? `${count(c.counts.partial)} partial (Amazon refused some items), ` : ''}${count(c.counts.refused)} refused, ${count(c.counts.failed)} failed, ${count(c.counts.skipped)} skipped`],
    ];
    if (status.rotation) {
      const line = `due ${when(status.rotation.dueAt).slice(0, 10)} (${plural(status.rotation.daysLeft, 'day')})`;
      facts.push(['Client secret rotation', status.rotation.warn ? statusBadge(statusLabel('at_risk'), line) : line]);
    }
    if (sync.lastError) facts.push(['Last sync error', statusBadge(statusLabel('bad'), `${when(sync.lastErrorAt)}: ${sync.lastError}`)]);
    this.held.setRows(c.held);
    this.refused.setRows(c.refused);
    this.feeds.setRows(feeds);
    this.differences.setRows(status.differences);
    const report = status.report;
    const reportPart: (Node | string)[] = [h('h3', {}, 'Amazon\'s latest performance report')];
    if (!report) {
      reportPart.push(h('p', { class: 'muted' }, 'None fetched yet (vtrguard amazon report, or daily under vtrguard serve).'));
    } else {
      reportPart.push(h('p', { class: 'muted small' }, `Report ${report.reportId}: ${report.state}, requested ${when(report.requestedAt)}.`));
      if (report.reconciliation) {
        this.figures.setRows(report.reconciliation);
        reportPart.push(this.figures.element);
      }
    }
    replaceChildren(
      body,
      h('dl', { class: 'facts' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
      h('h3', {}, 'Held until the first carrier scan'), this.held.element,
      h('h3', {}, 'Refused and failed'), this.refused.element,
      h('h3', {}, 'Confirmation feeds'), this.feeds.element,
      h('h3', {}, 'Packages Amazon holds differently from what was sent'), this.differences.element,
      ...reportPart,
    );
  }
}
