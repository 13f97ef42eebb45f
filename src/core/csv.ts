/**
 * The one writer of CSV cells: every CSV vtrguard writes (defect exports, import rejects, the demo's files) goes
 * through `csvRow`, so a cell can never reach a spreadsheet as a live formula.
 *
 * OWASP's CSV-injection advice: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a
 * formula (or becomes one) in Excel, LibreOffice and Google Sheets; prefix it with `'`, which they show as text,
 * and quote every cell that holds the separator, a quote or a line break (RFC 4180). The price: such a cell
 * reads back with its `'` (a negative number is `'-3`), which a person sees and a program can strip.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 quoting only: for text that is data inside a cell (a rejected row as it was read), not a cell. */
export function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One cell as a spreadsheet may open it: formulas neutralised, then quoted as needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return quoteField(FORMULA_START.test(text) ? `'${text}` : text);
}

/** One CSV line (without its line end). */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}
