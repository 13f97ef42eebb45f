import { StringDecoder } from 'node:string_decoder';

/** Something wrong with one record that does not stop the reading: the row is rejected, the next one is read. */
export interface RecordProblem {
  /** The field it is in (0-based position). */
  field: number;
  message: string;
}

export interface DelimitedRecord {
  fields: string[];
  /** The line the record starts on (1-based). */
  line: number;
  problem?: RecordProblem;
  /**
   * The first field holding a quote though not quoted (`SKU-12"inch`): the quote is read as a character, as
   * RFC 4180 readers and spreadsheets do (csv-spectrum's location_coordinates case), and the caller says so.
   */
  strayQuote?: number;
}

export interface DelimitedOptions {
  delimiter: string;
  /** RFC 4180 quoting; off for Amazon's flat files, which are never quoted (a stray `"` is just a character). */
  quoted: boolean;
  /** The longest record, in characters (MAX_RECORD_CHARS). */
  maxRecordChars?: number;
}

/**
 * No row of any format vtrguard reads comes near 1 Mi characters (an Amazon All Orders row is ~1 KB); a longer
 * one is a broken file (a quote that never closes, a file without line ends) or an attack, and is refused before
 * it is held in memory.
 */
export const MAX_RECORD_CHARS = 1 << 20;

/** The text cannot be read on: a quoted field never closes, or a record is longer than the limit. */
export class DelimitedSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

function tooLong(line: number, max: number): DelimitedSyntaxError {
  return new DelimitedSyntaxError(
    line,
    `the row starting on line ${line} is longer than ${max.toLocaleString('en-US')} characters (a quote that never closes, or no line ends?)`,
  );
}

/**
 * How lines end, told by the first line break: `\n` (or `\r\n`), or a lone `\r` (classic Mac OS, some
 * exporters) — then every `\r` is a line end. Null until a line break is seen.
 */
function crOnlyLineEnds(text: string, final: boolean): boolean | null {
  const cr = text.indexOf('\r');
  const lf = text.indexOf('\n');
  if (cr < 0 || (lf >= 0 && lf < cr)) return lf >= 0 ? false : null;
  if (cr === text.length - 1) return final ? true : null;
  return text.charCodeAt(cr + 1) !== LF;
}

/**
 * Streams records out of delimited text, a chunk's worth at a time. Most rows hold no quote and no carriage
 * return: those are split with one `String.split`. A row with either goes through `parseRecord`, the RFC 4180
 * state machine (a quoted field may hold delimiters, `""` and line breaks, and span chunks). Nothing is dropped
 * without a word: a row whose cells are all blank holds nothing and is skipped, a malformed row carries its `problem`, and text that cannot be read on throws
 * DelimitedSyntaxError with its line. Line ends may be `\n`, `\r\n` or (the whole file) `\r`.
 */
export async function* readDelimited(
  chunks: AsyncIterable<Buffer | string>,
  options: DelimitedOptions,
): AsyncGenerator<DelimitedRecord[]> {
  const decoder = new StringDecoder('utf8');
  const max = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const { delimiter, quoted } = options;
  let pending = '';
  let line = 1;
  let first = true;
  let crOnly: boolean | null = null;
  const take = (text: string, final: boolean): DelimitedRecord[] => {
    const records: DelimitedRecord[] = [];
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) {
        if (!final) break;
        end = text.length;
      }
      if (end - start > max) throw tooLong(line, max);
      const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end);
      if ((quoted && raw.includes('"')) || raw.includes('\r')) {
        const parsed = parseRecord(text, start, final, line, options, max);
        if (parsed === null) break;
        if (parsed.next - start > max) throw tooLong(line, max);
        if (!parsed.fields.every((f) => f.trim() === '')) {
          const { fields, problem, strayQuote } = parsed;
          records.push({ fields, line, ...(problem ? { problem } : {}), ...(strayQuote === undefined ? {} : { strayQuote }) });
        }
        line += parsed.lines;
        start = parsed.next;
        continue;
      }
      const recordLine = line;
      line++;
      start = end + 1;
      // Only a row that starts blank can be all blank (`,,,` as spreadsheets save empty rows): look no further.
      if (raw === '' || (raw.charCodeAt(0) <= 32 || raw.startsWith(delimiter)) && raw.split(delimiter).every((f) => f.trim() === '')) continue;
      records.push({ fields: raw.split(delimiter), line: recordLine });
    }
    pending = start >= text.length ? '' : text.slice(start);
    if (pending.length > max) throw tooLong(line, max);
    return records;
  };
  const next = (decoded: string, final: boolean): DelimitedRecord[] => {
    let text = pending + decoded;
    if (first && text !== '') {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    crOnly ??= crOnlyLineEnds(text, final);
    if (crOnly) text = text.replaceAll('\r', '\n');
    return take(text, final);
  };
  for await (const chunk of chunks) {
    const records = next(typeof chunk === 'string' ? chunk : decoder.write(chunk), false);
    if (records.length > 0) yield records;
  }
  const rest = next(decoder.end(), true);
  if (rest.length > 0) yield rest;
}

interface ParsedRecord {
  fields: string[];
  /** Where the next record starts. */
  next: number;
  /** Lines the record spans. */
  lines: number;
  problem?: RecordProblem;
  strayQuote?: number;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * One record from `start`, RFC 4180: a field that opens with `"` runs to the next lone `"` (`""` is one quote)
 * and may hold delimiters and line breaks; any other field runs to the next delimiter or line end, a `"` in it
 * being a character. Null when the text ends before the record does and more may follow.
 */
function parseRecord(text: string, start: number, final: boolean, line: number, options: DelimitedOptions, max: number): ParsedRecord | null {
  const { quoted } = options;
  const delimiter = options.delimiter.charCodeAt(0);
  const fields: string[] = [];
  let problem: RecordProblem | undefined;
  let strayQuote: number | undefined;
  const note = (message: string): void => {
    problem ??= { field: fields.length, message };
  };
  const more = (): null => {
    if (text.length - start > max) throw tooLong(line, max);
    return null;
  };
  let lines = 1;
  let i = start;
  for (;;) {
    let value = '';
    const opened = quoted && text.charCodeAt(i) === QUOTE;
    if (opened) {
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0 || (close === text.length - 1 && !final)) {
          if (!final) return more();
          throw new DelimitedSyntaxError(line, `a quoted field opened on line ${line} never closes (a missing quote?)`);
        }
        value += text.slice(from, close);
        lines += countLineFeeds(text, from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      // Only a delimiter or the line end may follow the closing quote.
      const after = text.charCodeAt(i);
      if (i < text.length && after !== delimiter && after !== LF && !(after === CR && text.charCodeAt(i + 1) === LF)) {
        note(`a quoted field must end at its closing quote, but ${JSON.stringify(text.slice(i, i + 10))} follows it`);
      }
    }
    // The (rest of the) field, up to the next delimiter or line end.
    let stray = opened;
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === delimiter || c === LF) break;
      if (c === CR) {
        if (j + 1 === text.length && !final) return more();
        if (text.charCodeAt(j + 1) === LF) break;
        note('a carriage return (CR) inside a field that is not quoted: the file mixes line ends');
      } else if (c === QUOTE && quoted && !stray) {
        stray = true;
        strayQuote ??= fields.length;
      }
    }
    if (j === text.length && !final) return more();
    value += text.slice(i, j);
    fields.push(value);
    if (j < text.length && text.charCodeAt(j) === delimiter) {
      i = j + 1;
      continue;
    }
    const next = j === text.length ? j : text.charCodeAt(j) === CR ? j + 2 : j + 1;
    return { fields, next, lines, ...(problem ? { problem } : {}), ...(strayQuote === undefined ? {} : { strayQuote }) };
  }
}
