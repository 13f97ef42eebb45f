/**
 * The VTR trend of the last 60 days (solid) joined to the 14-day forecast (dashed), per category, against
 * the target. chart.js is imported piecemeal so the bundle carries only the line chart.
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { ForecastReport, GroupForecast, RatePoint, TrendReport } from '../api.js';
import { byId, setOptions } from '../dom.js';
import { percent } from '../format.js';
import { axisMin } from './vtr.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export const ALL_CATEGORIES = '';
const OVERALL = 'Overall';
const FORECAST_SUFFIX = ' (forecast)';

/** Okabe–Ito hues darkened where needed so every line is >= 3:1 against white and tells apart in colour blindness. */
const PALETTE = ['#0072b2', '#c24e00', '#007a5a', '#b3478f', '#8a6100', '#4b3b9a', '#1f6f8b', '#9c2f2f'];
const TARGET_COLOUR = '#1f2328';

type LineDataset = ChartDataset<'line', (number | null)[]>;

export interface TrendInput {
  trend: TrendReport;
  forecast: ForecastReport | null;
  /** '' for every category at once. */
  category: string;
}

export interface SeriesSummary {
  name: string;
  latest: number | null;
  forecastEnd: number | null;
  forecastEndDay: string | null;
}

/**
 * Points over fewer packages than this do not set the y axis: a young window's 1-of-2 (50%) would squash
 * every real trend into a flat band at the top. A small category whose window never reaches this many
 * packages is judged by its own largest windows instead, so its line (often the worst one) stays on the chart.
 */
export const AXIS_MIN_PACKAGES = 20;

/** The lower end of the y axis: every series' meaningful points, history and forecast, lie above it. */
export function trendAxisMin(series: readonly Series[]): number {
  const rates: (number | null)[] = [];
  for (const s of series) {
    const points = [...s.history, ...(s.forecast?.days ?? [])];
    const largest = Math.max(0, ...points.map((p) => p.total));
    const floor = Math.max(1, Math.min(AXIS_MIN_PACKAGES, largest));
    for (const p of points) if (p.rate !== null && p.total >= floor) rates.push(p.rate);
  }
  return axisMin(rates);
}

/** Every day on the x axis: the trend's days, then the forecast's days after them, in order. */
export function chartDays(trend: TrendReport, forecasts: readonly GroupForecast[]): string[] {
  const days = new Set<string>(trend.overall.map((p) => p.date));
  for (const series of trend.byCategory) for (const p of series.points) days.add(p.date);
  for (const f of forecasts) for (const p of f.days) days.add(p.date);
  return [...days].sort();
}

function align(days: readonly string[], points: readonly RatePoint[]): (number | null)[] {
  const byDay = new Map(points.map((p) => [p.date, p.rate]));
  return days.map((d) => byDay.get(d) ?? null);
}

/**
 * The forecast line starts at the trend's last point so the two read as one line that turns dashed
 * where the future begins.
 */
function forecastLine(days: readonly string[], history: readonly RatePoint[], forecast: GroupForecast): (number | null)[] {
  const last = [...history].reverse().find((p) => p.rate !== null);
  const points = last && !forecast.days.some((p) => p.date === last.date) ? [last, ...forecast.days] : forecast.days;
  return align(days, points);
}

export interface Series {
  name: string;
  history: RatePoint[];
  forecast: GroupForecast | null;
}

export function seriesFor(input: TrendInput): Series[] {
  const forecasts = input.forecast?.categories ?? [];
  const forecastOf = (category: string): GroupForecast | null => forecasts.find((f) => f.category === category) ?? null;
  if (input.category === OVERALL) return [{ name: OVERALL, history: input.trend.overall, forecast: input.forecast?.overall ?? null }];
  const categories = input.trend.byCategory.filter((s) => input.category === ALL_CATEGORIES || s.category === input.category);
  return categories.map((s) => ({ name: s.category, history: s.points, forecast: forecastOf(s.category) }));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-20" → "20 Nov": the year is in the page title, and short ticks fit a phone's axis. */
export function shortDay(day: string): string {
  const month = MONTHS[Number(day.slice(5, 7)) - 1];
  return month ? `${Number(day.slice(8, 10))} ${month}` : day;
}

export function summarise(series: readonly Series[]): SeriesSummary[] {
  return series.map((s) => {
    const latest = [...s.history].reverse().find((p) => p.rate !== null)?.rate ?? null;
    const end = s.forecast?.days.at(-1) ?? null;
    return { name: s.name, latest, forecastEnd: end?.rate ?? null, forecastEndDay: end?.date ?? null };
  });
}

export function summaryText(summaries: readonly SeriesSummary[], target: number): string {
  if (summaries.length === 0) return 'No packages in the last 60 days.';
  return summaries
    .map((s) => {
      const now = `${s.name} ${percent(s.latest)} now`;
      if (s.forecastEnd === null || s.forecastEndDay === null) return now;
      const verdict = s.forecastEnd >= target ? 'on target' : 'below target';
      return `${now}, ${percent(s.forecastEnd)} by ${s.forecastEndDay} if nothing new ships (${verdict})`;
    })
    .join('; ')
    .concat('.');
}

export class TrendChart {
  private chart: Chart<'line', (number | null)[], string> | null = null;
  private readonly canvas = byId<HTMLCanvasElement>('trend-chart');
  private readonly picker = byId<HTMLSelectElement>('trend-category');
  private last: { trend: TrendReport; forecast: ForecastReport | null } | null = null;
  /** A category asked for before the first data arrived. */
  private wanted: string | null = null;

  constructor() {
    this.picker.addEventListener('change', () => {
      if (this.last) this.draw({ ...this.last, category: this.picker.value });
    });
  }

  update(trend: TrendReport, forecast: ForecastReport | null): void {
    this.last = { trend, forecast };
    setOptions(this.picker, [
      { value: ALL_CATEGORIES, label: 'All categories' },
      { value: OVERALL, label: 'Overall' },
      ...trend.byCategory.map((s) => ({ value: s.category, label: s.category })),
    ]);
    if (this.wanted !== null && [...this.picker.options].some((o) => o.value === this.wanted)) this.picker.value = this.wanted;
    this.wanted = null;
    this.draw({ trend, forecast, category: this.picker.value });
  }

  /** Shows one category's line ('' for all), as the page's category filter asks; kept until its data is there. */
  showCategory(category: string): void {
    if (!this.last) {
      this.wanted = category;
      return;
    }
    if (![...this.picker.options].some((o) => o.value === category) || this.picker.value === category) return;
    this.picker.value = category;
    this.draw({ ...this.last, category });
  }

  private draw(input: TrendInput): void {
    const series = seriesFor(input);
    const forecasts = series.flatMap((s) => (s.forecast ? [s.forecast] : []));
    const days = chartDays(input.trend, forecasts);
    const target = input.trend.target;
    const datasets: LineDataset[] = [];
    series.forEach((s, i) => {
      const colour = PALETTE[i % PALETTE.length] ?? TARGET_COLOUR;
      datasets.push({
        label: s.name,
        data: align(days, s.history),
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 2,
        pointRadius: 0,
        pointHitRadius: 6,
        spanGaps: true,
      });
      if (s.forecast) {
        datasets.push({
          label: `${s.name}${FORECAST_SUFFIX}`,
          data: forecastLine(days, s.history, s.forecast),
          borderColor: colour,
          backgroundColor: colour,
          borderDash: [6, 4],
          borderWidth: 2,
          pointRadius: 0,
          pointHitRadius: 6,
          spanGaps: true,
        });
      }
    });
    datasets.push({
      label: `Target ${percent(target, 0)}`,
      data: days.map(() => target),
      borderColor: TARGET_COLOUR,
      backgroundColor: TARGET_COLOUR,
      borderDash: [2, 3],
      borderWidth: 1.5,
      pointRadius: 0,
      pointHitRadius: 0,
    });
    const min = trendAxisMin(series);

    const summary = summaryText(summarise(series), target);
    byId('trend-summary').textContent = `Solid lines: the last ${input.trend.days} days; dashed: the forecast if nothing new ships. ${summary}`;
    this.canvas.setAttribute('aria-label', `Line chart of the VTR per day against the target. ${summary}`);

    if (this.chart) {
      this.chart.data = { labels: days, datasets };
      const y = this.chart.options.scales?.y;
      if (y) y.min = min;
      this.chart.update('none');
      return;
    }
    this.chart = new Chart<'line', (number | null)[], string>(this.canvas, {
      type: 'line',
      data: { labels: days, datasets },
      options: {
        // Drawn once per data change: no animation keeps it cheap on phones and screenshots deterministic.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            ticks: {
              maxTicksLimit: 7,
              maxRotation: 0,
              color: '#57606a',
              callback: (_value, index) => shortDay(this.chart?.data.labels?.[index] ?? days[index] ?? ''),
            },
            grid: { display: false },
          },
          y: {
            min,
            max: 1,
            ticks: { callback: (value) => percent(Number(value), 0), color: '#57606a' },
          },
        },
        plugins: {
          // Forecast lines share their category's colour and are told apart by the dash, which the note
          // under the chart explains; listing them too would double a legend that is already long on phones.
          legend: {
            position: 'bottom',
            labels: { boxWidth: 18, boxHeight: 2, color: '#1f2328', filter: (item) => !item.text.endsWith(FORECAST_SUFFIX) },
          },
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${percent(item.parsed.y)}` },
          },
        },
      },
    });
  }
}
