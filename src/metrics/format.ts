import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import type { DefectRow } from './defects.js';
import { csvRow } from '../core/csv.js';
import { DEFECT_COLUMNS } from './defects.js';
import type { ForecastReport, MetricsReport } from './report.js';
import type { MetricStatus } from './rates.js';

/** Human output: plain tables, red/amber/green when the terminal supports colour (picocolors decides). */

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(2)}%`;
}

export function paint(status: MetricStatus, text: string): string {
  if (status === 'good') return pc.green(text);
  if (status === 'bad') return pc.red(text);
  if (status === 'at_risk') return pc.yellow(text);
  return pc.dim(text);
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  // Width ignores colour escapes so that painted cells still line up.
  const plain = stripVTControlCharacters;
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => plain(r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - plain(c).length))).join('  ').trimEnd();
  return [line(headers.map((h) => pc.bold(h))), ...rows.map(line)].join('\n');
}

const rateCell = (rate: number | null, status: MetricStatus) => paint(status, `${percent(rate)} ${status}`);

export function metricsText(r: MetricsReport): string {
  const out: string[] = [];
  const view = r.view === 'amazon' ? `, ${pc.bold('amazon view')}: VTR ${r.vtr.lagDays} days behind, as Seller Central shows it` : '';
  out.push(pc.bold(`${r.marketplace} as of ${r.asOf}`) + pc.dim(` (from ${r.source}${view})`));
  out.push(`VTR ${r.vtr.window.from} … ${r.vtr.window.to}, target ≥ ${percent(r.vtr.target)}, by ${r.vtr.attribution.replace('_', ' ')} date`);
  out.push(
    table(
      ['', 'valid', 'total', 'rate', 'to recover'],
      [
        ['overall', String(r.vtr.overall.valid), String(r.vtr.overall.total), rateCell(r.vtr.overall.rate, r.vtr.overall.status), ''],
        [`last 7 days (${r.vtr.d7.window.from} …)`, String(r.vtr.d7.valid), String(r.vtr.d7.total), rateCell(r.vtr.d7.rate, r.vtr.d7.status), ''],
        ...r.vtr.byCategory.map((c) => [c.category, String(c.valid), String(c.total), rateCell(c.rate, c.status), c.neededToRecover ? String(c.neededToRecover) : '']),
      ],
    ),
  );
  out.push('');
  out.push(table(['carrier', 'valid', 'total', 'rate'], r.vtr.byCarrier.map((c) => [c.carrier, String(c.valid), String(c.total), rateCell(c.rate, c.status)])));
  out.push('');
  out.push(
    table(
      ['metric', 'window', 'count', 'total', 'rate', 'target'],
      [
        ['LSR 10d', `${r.lsr.d10.window.from} … ${r.lsr.d10.window.to}`, String(r.lsr.d10.late), String(r.lsr.d10.total), rateCell(r.lsr.d10.rate, r.lsr.d10.status), `< ${percent(r.lsr.target)}`],
        ['LSR 30d', `${r.lsr.d30.window.from} … ${r.lsr.d30.window.to}`, String(r.lsr.d30.late), String(r.lsr.d30.total), rateCell(r.lsr.d30.rate, r.lsr.d30.status), `< ${percent(r.lsr.target)}`],
        ['CR', `${r.cr.window.from} … ${r.cr.window.to}`, String(r.cr.cancelled), String(r.cr.total), rateCell(r.cr.rate, r.cr.status), `< ${percent(r.cr.target)}`],
        [`OTDR (${r.otdr.unit}s)`, `${r.otdr.window.from} … ${r.otdr.window.to}`, String(r.otdr.onTime), String(r.otdr.total), rateCell(r.otdr.rate, r.otdr.status), `≥ ${percent(r.otdr.target)}`],
      ],
    ),
  );
  const sfp = r.sfp;
  if (sfp) {
    const window = (w: { from: string; to: string }) => `${w.from} … ${w.to}`;
    out.push('');
    out.push(pc.bold('Seller Fulfilled Prime'));
    out.push(
      table(
        ['metric', 'window', 'count', 'total', 'rate', 'target'],
        [
          ['on-time shipment', window(sfp.onTimeShipment.window), String(sfp.onTimeShipment.onTime), String(sfp.onTimeShipment.total), rateCell(sfp.onTimeShipment.rate, sfp.onTimeShipment.status), `≥ ${percent(sfp.onTimeShipment.target)}`],
          ['cancel rate', window(sfp.cancelRate.window), String(sfp.cancelRate.cancelled), String(sfp.cancelRate.total), rateCell(sfp.cancelRate.rate, sfp.cancelRate.status), `≤ ${percent(sfp.cancelRate.target)}`],
          ['OTDR', window(sfp.otdr.window), String(sfp.otdr.onTime), String(sfp.otdr.total), rateCell(sfp.otdr.rate, sfp.otdr.status), `≥ ${percent(sfp.otdr.target)}`],
          ['VTR', window(sfp.vtr.window), String(sfp.vtr.valid), String(sfp.vtr.total), rateCell(sfp.vtr.rate, sfp.vtr.status), `≥ ${percent(sfp.vtr.target)}`],
        ],
      ),
    );
  }
  return out.join('\n');
}

export function forecastText(f: ForecastReport, category?: string): string {
  const groups = category
    ? f.categories.filter((c) => c.category.toLowerCase() === category.toLowerCase())
    : f.categories;
  const out = [pc.bold(`${f.marketplace} VTR forecast from ${f.asOf}`) + ` (target ≥ ${percent(f.target)})`];
  for (const g of groups) {
    out.push('');
    out.push(`${pc.bold(g.category)}: ${rateCell(g.rate, g.status)} (${g.valid}/${g.total})${g.neededToRecover ? `, ${g.neededToRecover} valid packages to recover` : ''}`);
    out.push('  ' + g.days.map((d) => `${d.date.slice(5)} ${percent(d.rate)}`).join('  '));
    if (g.defectExits.length) out.push('  defects leave: ' + g.defectExits.map((e) => `${e.date} (${e.count})`).join(', '));
  }
  if (groups.length === 0) out.push(pc.dim('no packages in the window'));
  return out.join('\n');
}

function cellText(row: DefectRow, column: (typeof DEFECT_COLUMNS)[number]): string {
  const value = row[column];
  if (Array.isArray(value)) return value.join('|');
  return value ?? '';
}

/** RFC 4180 CSV, header row of DEFECT_COLUMNS, lists joined with `|`, formulas neutralised (core/csv.ts). */
export function defectsCsv(rows: readonly DefectRow[]): string {
  const lines = [csvRow(DEFECT_COLUMNS), ...rows.map((r) => csvRow(DEFECT_COLUMNS.map((c) => cellText(r, c))))];
  return `${lines.join('\r\n')}\r\n`;
}

export function defectsText(rows: readonly DefectRow[]): string {
  if (rows.length === 0) return pc.green('no defects');
  return table(DEFECT_COLUMNS, rows.map((r) => DEFECT_COLUMNS.map((c) => cellText(r, c))));
}
