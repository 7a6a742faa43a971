/**
 * The one CSV reader of the imports (suppliers, recorded contracts): RFC 4180 through
 * csv-parse, a UTF-8 byte-order mark ignored, blank lines skipped, short or long rows kept
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
import { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { AppError } from './app-error.js';
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

type ParsedRow = { record: Record<string, string>; info: { lines: number } };

/** The parser's options, the same for a string and a stream; `onHeader` receives the lower-cased names. */
function options(onHeader: (header: string[]) => void) {
  return {
    columns: (names: string[]) => {
      const header = names.map((name) => name.trim().toLowerCase());
      onHeader(header);
      return header;
    },
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  };
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

/** A row with the cells the text policy refuses, if any. */
function recordOf(record: Record<string, string>, line: number, shape: CsvShape): CsvRecord {
  const problems = Object.entries(record).flatMap(([column, cell]) => {
    const problem = typeof cell === 'string' ? forbiddenCharacter(cell, shape.freeText?.includes(column) ? 'text' : 'line') : null;
    return problem ? [{ column, message: problem }] : [];
  });
  return problems.length > 0 ? { line, raw: record, problems } : { line, raw: record };
}

function tooManyRows(shape: CsvShape): AppError {
  return AppError.badInput('csv', `at most ${shape.maxRows} rows per import`);
}

export function readCsv(csv: string, shape: CsvShape): CsvRecord[] {
  let header: string[] = [];
  let rows: ParsedRow[];
  try {
    rows = parse(csv, options((names) => (header = names))) as never;
  } catch (error) {
    throw notCsv(error);
  }
  checkHeader(header, shape);
  if (rows.length > shape.maxRows) throw tooManyRows(shape);
  return rows.map(({ record, info }) => recordOf(record, info.lines, shape));
}

/** As `readCsv`, from text or a stream of UTF-8 chunks, read as it arrives. */
export async function readCsvStream(source: string | AsyncIterable<Uint8Array | string>, shape: CsvShape): Promise<CsvRecord[]> {
  let header: string[] | null = null;
  let headerError: AppError | null = null;
  const parser = parseStream(
    options((names) => {
      header = names;
      try {
        checkHeader(names, shape);
      } catch (error) {
        headerError = error as AppError;
        // Stops the parser at once: the rest of the file is not read.
        throw error;
      }
    }),
  );
  const input = Readable.from(typeof source === 'string' ? [source] : source, { objectMode: false });
  let sourceError: unknown = null;
  input.once('error', (error) => {
    sourceError = error;
    parser.destroy(error);
  });
  input.pipe(parser);
  const records: CsvRecord[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<ParsedRow>) {
      if (records.length === shape.maxRows) throw tooManyRows(shape);
      records.push(recordOf(record, info.lines, shape));
    }
  } catch (error) {
    if (sourceError) throw sourceError;
    if (headerError) throw headerError;
    if (error instanceof AppError) throw error;
    throw notCsv(error);
  } finally {
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
  }
  // An empty file has no header: the required columns are missing.
  if (header === null) checkHeader([], shape);
  return records;
}
