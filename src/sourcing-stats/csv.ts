/**
 * CSV for the exports (RFC 4180): comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break. The file starts with a UTF-8 byte-order mark so that
 * Excel opens Chinese text correctly. Text cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) get a leading apostrophe; number cells are written as
 * they are. Pure.
 */
export const UTF8_BOM = '\uFEFF';

export interface CsvColumn<T> {
  /** The header, e.g. `本地配套率 Local rate`. */
  header: string;
  kind: 'text' | 'number';
  value: (row: T) => string | number | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined, kind: 'text' | 'number'): string {
  if (value == null) return '';
  let text = String(value);
  if (kind === 'text' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine<T>(columns: readonly CsvColumn<T>[], row: T): string {
  return columns.map((c) => csvCell(c.value(row), c.kind)).join(',') + '\r\n';
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return columns.map((c) => csvCell(c.header, 'text')).join(',') + '\r\n';
}

/** A whole document: BOM, header line, one line per row. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return UTF8_BOM + csvHeader(columns) + rows.map((row) => csvLine(columns, row)).join('');
}
