/**
 * Wires the page: the marketplace and as-of pickers drive every section; each section loads on its own so
 * one failing endpoint leaves the others readable.
 */
import './styles.css';
import './ops.css';
import { Api, ApiError } from './api.js';
import type { DefectMetric, MarketplaceInfo, MetricsReport } from './api.js';
import { byId, h, replaceChildren, setOptions } from './dom.js';
import { AmazonView } from './views/amazon.js';
import { DefectsView } from './views/defects.js';
import type { DefectSelection } from './views/defects.js';
import { ScorecardView } from './views/scorecard.js';
import { AttentionView } from './views/attention.js';
import type { AttentionTarget } from './views/attention.js';
import { renderCompare } from './views/compare.js';
import { renderTiles } from './views/tiles.js';
import { TrendChart } from './views/trend.js';
import { ValidateView } from './views/validate.js';
import { renderVtr } from './views/vtr.js';
import { WatchView } from './views/watch.js';
import { OpsApi } from './ops-api.js';
import { SellersView } from './views/sellers.js';
import { SettingsView } from './views/settings.js';
import { UploadView } from './views/upload.js';

const KEY_STORAGE = 'vtrguard.apiKey';
/** The oldest waiting packages are the urgent ones; a few hundred is more than anyone works through. */
const WATCH_LIMIT = 500;

const notice = byId('notice');
const marketplaceSelect = byId<HTMLSelectElement>('marketplace');
const asOfInput = byId<HTMLInputElement>('as-of');

function readStoredKey(): string | null {
  try {
    return localStorage.getItem(KEY_STORAGE);
  } catch {
    // Storage can be disabled (private modes); the loopback demo needs no key anyway.
    return null;
  }
}

const api = new Api({ apiKey: readStoredKey() });

function showError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) {
    askForKey(error.message);
    return;
  }
  notice.className = 'notice error';
  const text = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  replaceChildren(notice, h('strong', {}, 'Could not load: '), text);
}

/** Outside the loopback demo the API wants a key; ask once, keep it in this browser only. */
function askForKey(reason: string): void {
  notice.className = 'notice error';
  const input = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true });
  const form = h(
    'form',
    { class: 'controls' },
    h('div', { class: 'field' }, h('label', { for: 'api-key' }, 'API key'), input),
    h('button', { type: 'submit', class: 'button primary' }, 'Use key'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      localStorage.setItem(KEY_STORAGE, input.value);
    } catch {
      // Not persisted; it still works for this page view.
    }
    api.setApiKey(input.value);
    clearNotice();
    void start();
  });
  replaceChildren(notice, h('p', {}, reason, ' Create one with ', h('code', {}, 'vtrguard keys create'), '.'), form);
  input.focus();
}

function clearNotice(): void {
  notice.className = 'notice';
  notice.replaceChildren();
}

/**
 * The category the page is narrowed to ('' for all): from the URL first (alert links carry `category=`),
 * then from a VTR bar or the defects filter. The bars, the defects filter and the trend follow it together.
 */
let category = new URLSearchParams(window.location.search).get('category') ?? '';
let lastMetrics: MetricsReport | null = null;

const trend = new TrendChart();
const watch = new WatchView();
const defects = new DefectsView(api, showError, (chosen) => selectCategory(chosen, false));
const scorecard = new ScorecardView((carrier) => openDefects({ metric: 'vtr', carrier }));

/** A tile, a carrier row or an attention item opens the defects behind its figure. */
function openDefects(selection: DefectSelection): void {
  defects.open(selection);
  byId('defects').scrollIntoView({ block: 'start' });
}

function renderBars(): void {
  if (lastMetrics) renderVtr(lastMetrics, { selected: category, onSelect: (chosen) => selectCategory(chosen, true) });
}

function selectCategory(chosen: string, showDefects: boolean): void {
  category = chosen;
  renderBars();
  defects.setCategory(chosen);
  trend.showCategory(chosen);
  writeUrl(marketplaceSelect.value, asOfInput.value);
  if (showDefects) byId('defects').scrollIntoView({ block: 'start' });
}
new ValidateView(api, showError, () => marketplaceSelect.value);
let marketplaces: MarketplaceInfo[] = [];
let loadGeneration = 0;

/** Selection lives in the URL so a view can be bookmarked or sent to a colleague. */
function writeUrl(marketplace: string, asOf: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set('marketplace', marketplace);
  url.searchParams.set('asOf', asOf);
  if (category) url.searchParams.set('category', category);
  else url.searchParams.delete('category');
  window.history.replaceState(null, '', url);
}

function categoriesOf(report: MetricsReport): string[] {
  return report.vtr.byCategory.map((c) => c.category).sort((a, b) => a.localeCompare(b));
}

function carriersOf(report: MetricsReport): string[] {
  return report.vtr.byCarrier.map((c) => c.carrier).sort((a, b) => a.localeCompare(b));
}

async function loadAll(): Promise<void> {
  const marketplace = marketplaceSelect.value;
  const asOf = asOfInput.value || undefined;
  if (!marketplace) return;
  const generation = ++loadGeneration;
  const main = byId('main');
  main.setAttribute('aria-busy', 'true');
  const current = (): boolean => generation === loadGeneration;
  const failed: unknown[] = [];
  const section = async <T>(load: Promise<T>, show: (value: T) => void): Promise<T | null> => {
    try {
      const value = await load;
      if (current()) show(value);
      return value;
    } catch (error) {
      failed.push(error);
      return null;
    }
  };

  const live = api.metrics(marketplace, asOf);
  const metricsTask = section(live, (report) => {
    const categories = categoriesOf(report);
    // A category this marketplace does not sell in narrows nothing.
    if (category && !categories.includes(category)) category = '';
    lastMetrics = report;
    renderBars();
    renderTiles(report, (metric: DefectMetric) => openDefects({ metric }));
    byId('title-context').textContent = `· ${report.marketplace} · as of ${report.asOf}`;
    if (!asOfInput.value) asOfInput.value = report.asOf;
    writeUrl(report.marketplace, report.asOf);
    defects.update({ marketplace, asOf: report.asOf, carriers: carriersOf(report), categories, category, packages: report.vtr.overall.total });
  });
  const trendTask = (async () => {
    const [trendReport, forecastReport] = await Promise.all([
      api.trend(marketplace, asOf, 60),
      // The chart still shows history when the forecast is unavailable.
      api.forecast(marketplace, asOf).catch((error: unknown) => {
        failed.push(error);
        return null;
      }),
    ]);
    return { trendReport, forecastReport };
  })();
  await Promise.all([
    metricsTask,
    // Seller Central's lagged view beside the live one; a failure leaves the live figures readable.
    section(Promise.all([live, api.metrics(marketplace, asOf, 'amazon')]), ([liveReport, amazonReport]) => renderCompare(liveReport, amazonReport)),
    section(trendTask, ({ trendReport, forecastReport }) => {
      trend.showCategory(category);
      trend.update(trendReport, forecastReport);
    }),
    section(api.scorecard(marketplace, asOf), (report) => scorecard.update(report)),
    section(api.watch(marketplace, asOf, WATCH_LIMIT), (rows) => {
      const info = marketplaces.find((m) => m.code === marketplace);
      const day = asOf ?? info?.today ?? '';
      watch.update(rows, { limit: WATCH_LIMIT, zone: info?.timeZone ?? 'UTC', marketplace, asOf: day, past: info !== undefined && day < info.today });
    }),
  ]);
  if (!current()) return;
  main.removeAttribute('aria-busy');
  if (failed.length > 0) showError(failed[0]);
  else clearNotice();
}

/** An attention item switches the page to its marketplace (as of today) and opens its defects, or its tile. */
function openAttention(target: AttentionTarget): void {
  marketplaceSelect.value = target.marketplace;
  setAsOfBounds();
  category = target.metric === 'vtr' ? (target.category ?? '') : '';
  void loadAll().then(() => {
    const metric = target.metric;
    if (metric) openDefects({ metric, ...(target.category ? { category: target.category } : {}) });
    else byId('other-metrics').scrollIntoView({ block: 'start' });
  });
}

/** Every marketplace's figures as of now, so a breach elsewhere is never one marketplace switch away. */
const attention = new AttentionView(api, {
  open: openAttention,
  zoneOf: (code) => marketplaces.find((m) => m.code === code)?.timeZone ?? 'UTC',
});

/** The seller's Amazon connection: one for every marketplace, so it does not follow the pickers. */
async function loadAmazon(): Promise<void> {
  try {
    const [status, feeds] = await Promise.all([api.amazonStatus(), api.amazonFeeds()]);
    amazon.update(status, feeds);
  } catch (error) {
    showError(error);
  }
}
const amazon = new AmazonView(async (confirmationId) => {
  try {
    await api.releaseConfirmation(confirmationId);
  } catch (error) {
    showError(error);
  }
  await loadAmazon();
});

/** Figures change as imports and carrier scans arrive: reload every few minutes rather than show stale ones. */
const REFRESH_MS = 5 * 60_000;

const ops = new OpsApi(api);
const settings = new SettingsView(ops);
/** An operator key's seller switch reloads the page for that seller (every view starts over). */
const sellers = new SellersView(ops, (sellerId) => {
  const url = new URL(window.location.href);
  url.search = new URLSearchParams({ seller: sellerId }).toString();
  url.hash = '';
  window.location.assign(url);
});
new UploadView(ops, () => {
  // The first import gives the page its first marketplace; later ones change the figures shown.
  if (marketplaces.length === 0) void start();
  else void loadAll();
});

/** With an operator (3PL) key the page acts for one of its sellers: the URL's `seller=`, else the worst one. */
async function chooseSeller(): Promise<void> {
  const wanted = new URLSearchParams(window.location.search).get('seller');
  const state = await sellers.load(wanted);
  if (!state.operator) return;
  const ids = state.overview.sellers.map((s) => s.sellerId);
  const seller = wanted && ids.includes(wanted) ? wanted : (ids[0] ?? null);
  api.setSeller(seller);
  if (seller) sellers.showCurrent(seller);
}

async function start(): Promise<void> {
  try {
    await chooseSeller();
    void settings.load();
    marketplaces = await api.marketplaces();
  } catch (error) {
    showError(error);
    byId('main').removeAttribute('aria-busy');
    return;
  }
  if (marketplaces.length === 0) {
    byId('main').removeAttribute('aria-busy');
    notice.className = 'notice';
    replaceChildren(notice, 'No data yet. Import orders with ', h('code', {}, 'vtrguard import'), ' or run ', h('code', {}, 'vtrguard demo'), '.');
    setOptions(marketplaceSelect, [{ value: '', label: 'None' }]);
    return;
  }
  const params = new URLSearchParams(window.location.search);
  setOptions(
    marketplaceSelect,
    marketplaces.map((m) => ({ value: m.code, label: m.code })),
    false,
  );
  const wanted = params.get('marketplace');
  if (wanted && marketplaces.some((m) => m.code === wanted)) marketplaceSelect.value = wanted;
  marketplaceSelect.disabled = false;
  const asOf = params.get('asOf');
  setAsOfBounds(asOf ?? undefined);
  attention.start();
  await Promise.all([loadAll(), loadAmazon()]);
  window.setInterval(() => {
    void loadAmazon();
    void loadAll();
  }, REFRESH_MS);
  // The browser looked for the link's #section before the sections had their content; look again now.
  if (window.location.hash) document.getElementById(window.location.hash.slice(1))?.scrollIntoView({ block: 'start' });
}

function setAsOfBounds(asOf?: string): void {
  const info = marketplaces.find((m) => m.code === marketplaceSelect.value);
  asOfInput.max = info?.today ?? '';
  asOfInput.value = asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : (info?.today ?? '');
}

marketplaceSelect.addEventListener('change', () => {
  // A new marketplace starts at its own "today": time zones differ, so the previous date may not exist yet.
  setAsOfBounds();
  void loadAll();
});
asOfInput.addEventListener('change', () => {
  if (asOfInput.value) void loadAll();
});

void start();
