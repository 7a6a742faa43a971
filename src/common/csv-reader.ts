/**
 * The one CSV reader of the imports (suppliers, recorded contracts): RFC 4180 through
 * csv-parser.ts, a UTF-8 byte-order mark ignored, blank lines skipped, short or long rows kept
 * (each row's checker reports what is missing). The header is checked against the columns
 * the import knows (names trimmed and lower-cased); every row carries its line number in the
 * file, the header being line 1, so a rejected row can be named. A file that is not CSV, a
 * header that lacks a required column or names an unknown one, and a file over the row limit
 * are refused as a whole with `BAD_USER_INPUT` on the field `csv`. Every cell is held to the
 * text policy (`text-policy.ts`: one line, or free text in the `freeText` columns); a cell it
 * refuses is reported on its record (`problems`), for the import to reject that row alone.
 * Writing CSV is `src/sourcing-stats/csv.ts`.
 *
 * `readCsvStream` reads the same way from a stream (an upload, a file) as it arrives, chunk
 * by chunk, and stops reading as soon as the header or the row count is refused; the imports
 * call it for strings too (one code path). An error the stream itself raises (a body over
 * its limit) comes out unchanged.
 */
import { AppError } from './app-error.js';
import { CsvParser, CsvSyntaxError, type CsvRow } from './csv-parser.js';
import { forbiddenCharacter } from './text-policy.js';

export interface CsvRecord {
  /** Line in the file where the row ends; the header is line 1. */
  line: number;
  /** Cells by lower-cased header name, untrimmed. */
  raw: Record<string, string>;
  /** Cells the text policy refuses; absent when there are none. */
  problems?: { column: string; message: string }[];
}

export interface CsvShape {
  /** Every column the import knows, in the order its messages list them. */
  columns: readonly string[];
  /** Columns the header must name. */
  required: readonly string[];
  /** Most data rows one file may hold. */
  maxRows: number;
  /** Columns of free text, where tabs and line breaks are allowed; every other cell is one line. */
  freeText?: readonly string[];
}

function notCsv(error: unknown): AppError {
  return AppError.badInput('csv', `not readable as CSV: ${(error as Error).message.split('\n')[0]}`);
}

function checkHeader(header: string[], shape: CsvShape): void {
  const missing = shape.required.filter((column) => !header.includes(column));
  if (missing.length > 0) throw AppError.badInput('csv', `the header lacks ${missing.join(', ')}`);
  const unknown = header.filter((name) => !shape.columns.includes(name));
  if (unknown.length > 0) throw AppError.badInput('csv', `unknown columns: ${unknown.join(', ')} (expected ${shape.columns.join(', ')})`);
}

/**
 * Reads records as they come: the first is the header (names trimmed and lower-cased, checked
 * at once), each later one a row by header name with the cells the text policy refuses, if any.
 * Cells past the header's are dropped; a short row lacks the names it does not reach.
 */
class RecordReader {
  private header: string[] | null = null;
  private kinds: ('text' | 'line')[] = [];
  readonly records: CsvRecord[] = [];

  constructor(private readonly shape: CsvShape) {}

  get sawHeader(): boolean {
    return this.header !== null;
  }

  take(rows: CsvRow[]): void {
    for (const row of rows) {
      if (this.header === null) {
        this.header = row.cells.map((name) => name.trim().toLowerCase());
        checkHeader(this.header, this.shape);
        this.kinds = this.header.map((name) => (this.shape.freeText?.includes(name) ? 'text' : 'line'));
        continue;
      }
      if (this.records.length === this.shape.maxRows) throw tooManyRows(this.shape);
      this.records.push(this.recordOf(row));
    }
  }

  private recordOf({ cells, line }: CsvRow): CsvRecord {
    const header = this.header as string[];
    const raw: Record<string, string> = {};
    let problems: { column: string; message: string }[] | undefined;
    const count = Math.min(cells.length, header.length);
    for (let i = 0; i < count; i += 1) {
      const cell = cells[i];
      raw[header[i]] = cell;
      const problem = forbiddenCharacter(cell, this.kinds[i]);
      if (problem) (problems ??= []).push({ column: header[i], message: problem });
    }
    return problems ? { line, raw, problems } : { line, raw };
  }
}

function tooManyRows(shape: CsvShape): AppError {
  return AppError.badInput('csv', `at most ${shape.maxRows} rows per import`);
}

/** Hands the parser's rows to the reader; a syntax error is the file's, reported as not CSV. */
function take(reader: RecordReader, rows: () => CsvRow[]): void {
  try {
    reader.take(rows());
  } catch (error) {
    throw error instanceof CsvSyntaxError ? notCsv(error) : error;
  }
}

/** The records read; an empty file has no header, so the required columns are missing. */
function recordsOf(reader: RecordReader, shape: CsvShape): CsvRecord[] {
  if (!reader.sawHeader) checkHeader([], shape);
  return reader.records;
}

export function readCsv(csv: string, shape: CsvShape): CsvRecord[] {
  const reader = new RecordReader(shape);
  const parser = new CsvParser();
  take(reader, () => parser.push(csv));
  take(reader, () => parser.end());
  return recordsOf(reader, shape);
}

/**
 * As `readCsv`, from text or a stream of UTF-8 chunks, read as it arrives; reading stops at a
 * refused header or one row past the limit. An error of the stream itself comes out unchanged.
 */
export async function readCsvStream(source: string | AsyncIterable<Uint8Array | string>, shape: CsvShape): Promise<CsvRecord[]> {
  if (typeof source === 'string') return readCsv(source, shape);
  const reader = new RecordReader(shape);
  const parser = new CsvParser();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    take(reader, () => parser.push(text));
  }
  const rest = decoder.decode();
  take(reader, () => [...parser.push(rest), ...parser.end()]);
  return recordsOf(reader, shape);
}
