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
 */
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

export function readCsv(csv: string, shape: CsvShape): CsvRecord[] {
  const text = csv.replace(/^\uFEFF/, '');
  let header: string[] = [];
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, {
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as never;
  } catch (error) {
    throw AppError.badInput('csv', `not readable as CSV: ${(error as Error).message.split('\n')[0]}`);
  }
  const missing = shape.required.filter((column) => !header.includes(column));
  if (missing.length > 0) throw AppError.badInput('csv', `the header lacks ${missing.join(', ')}`);
  const unknown = header.filter((name) => !shape.columns.includes(name));
  if (unknown.length > 0) throw AppError.badInput('csv', `unknown columns: ${unknown.join(', ')} (expected ${shape.columns.join(', ')})`);
  if (rows.length > shape.maxRows) throw AppError.badInput('csv', `at most ${shape.maxRows} rows per import`);
  return rows.map(({ record, info }) => {
    const problems = Object.entries(record).flatMap(([column, cell]) => {
      const problem = typeof cell === 'string' ? forbiddenCharacter(cell, shape.freeText?.includes(column) ? 'text' : 'line') : null;
      return problem ? [{ column, message: problem }] : [];
    });
    return problems.length > 0 ? { line: info.lines, raw: record, problems } : { line: info.lines, raw: record };
  });
}
