/**
 * An RFC 4180 record splitter, fed text piece by piece (pure: no I/O). Cells are separated by
 * commas and records by the file's line break (LF, CRLF or CR: the first one outside quotes;
 * another kind is read as a character of its cell, as csv-parse read it); a cell that starts with a double
 * quote runs to the matching closing quote, may hold commas and line breaks, and writes a quote
 * as two. Cells are kept as written (untrimmed); a record that is an empty line is skipped.
 * Each record carries the line of the file where it ends (the first line is 1).
 *
 * What it refuses (`CsvSyntaxError`): a quote inside an unquoted cell, anything but a comma or a
 * line break right after a closing quote, and a quoted cell still open at the end of the text.
 *
 * It replaces csv-parse in the imports' reader (csv-reader.ts): reading the import bench's file
 * (20,000 rows of 20 columns) took 2.1–2.6 s with csv-parse and 0.24–0.31 s with this, on the
 * shared machine at load average ~11 — a tenth of the import's time had gone to splitting CSV.
 */
export class CsvSyntaxError extends Error {}

export interface CsvRow {
  cells: string[];
  /** Line where the record ends. */
  line: number;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvParser {
  private cells: string[] = [];
  /** The cell being read (it may span `push` calls). */
  private cell = '';
  private inQuotes = false;
  /** In a quoted cell, just after a quote: either the closing one or the first of a pair. */
  private quotePending = false;
  /** Inside a cell that is not quoted (at least one character read). */
  private inCell = false;
  /** After a closing quote: only a comma or the record delimiter may follow. */
  private closed = false;
  /** The file's record delimiter: its first line break outside quotes. */
  private delimiter: '\n' | '\r\n' | '\r' | null = null;
  /** A CR outside quotes ended the last text: what it is depends on the next character. */
  private crPending = false;
  private line = 1;
  private started = false;

  /** The records completed by `text` (the rest is kept for the next call). */
  push(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    if (this.crPending && i < n) {
      this.crPending = false;
      i = this.carriageReturn(text.charCodeAt(i) === LF, i, rows);
    }
    while (i < n) {
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (text.charCodeAt(i) === QUOTE) {
            this.cell += '"';
            i += 1;
            continue;
          }
          this.inQuotes = false;
          this.closed = true;
          continue;
        }
        // Up to the next quote in one slice; line breaks inside are counted.
        const q = text.indexOf('"', i);
        const end = q < 0 ? n : q;
        const piece = text.slice(i, end);
        this.countBreaks(piece);
        this.cell += piece;
        if (q < 0) break;
        this.quotePending = true;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        this.endCell();
        i += 1;
        continue;
      }
      if (c === LF) {
        this.delimiter ??= '\n';
        if (this.delimiter === '\n') {
          this.endRecord(rows);
          this.line += 1;
        } else {
          this.breakInCell('\n');
        }
        i += 1;
        continue;
      }
      if (c === CR) {
        if (i + 1 === n) {
          this.crPending = true;
          break;
        }
        i = this.carriageReturn(text.charCodeAt(i + 1) === LF, i + 1, rows);
        continue;
      }
      if (this.closed) throw new CsvSyntaxError(`Invalid Closing Quote: got "${text[i]}" after a closing quote at line ${this.line}`);
      if (c === QUOTE) {
        if (this.inCell) throw new CsvSyntaxError(`Invalid Opening Quote: a quote is found inside a field at line ${this.line}`);
        this.inQuotes = true;
        i += 1;
        continue;
      }
      // An unquoted run up to the next comma, line break or quote.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === COMMA || d === LF || d === CR || d === QUOTE) break;
        j += 1;
      }
      this.cell += text.slice(i, j);
      this.inCell = true;
      i = j;
    }
    return rows;
  }

  /** The last record, when the text does not end with a line break. */
  end(): CsvRow[] {
    if (this.inQuotes && !this.quotePending) throw new CsvSyntaxError(`Quote Not Closed: the text ends inside a quoted field at line ${this.line}`);
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
      this.closed = true;
    }
    const rows: CsvRow[] = [];
    if (this.crPending) {
      this.crPending = false;
      this.carriageReturn(false, 0, rows);
    }
    // A line break read as a character of the file's last cell, at its very end: csv-parse did
    // not count it as a line.
    const last = this.cell.charCodeAt(this.cell.length - 1);
    if (this.inCell && !this.closed && (last === CR || last === LF)) this.line -= 1;
    this.endRecord(rows);
    return rows;
  }

  /** A CR outside quotes, `lfNext` telling whether an LF follows at `next`; returns where to go on. */
  private carriageReturn(lfNext: boolean, next: number, rows: CsvRow[]): number {
    this.delimiter ??= lfNext ? '\r\n' : '\r';
    if (this.delimiter === '\r' || (this.delimiter === '\r\n' && lfNext)) {
      this.endRecord(rows);
      this.line += 1;
      return this.delimiter === '\r\n' ? next + 1 : next;
    }
    this.breakInCell('\r');
    return next;
  }

  /** A line break that is not the file's delimiter: a character of the cell (and a line). */
  private breakInCell(character: string): void {
    if (this.closed) throw new CsvSyntaxError(`Invalid Closing Quote: got a line break after a closing quote at line ${this.line}`);
    this.cell += character;
    this.inCell = true;
    this.line += 1;
  }

  /**
   * Inside a quoted cell every CR and every LF counts as a line (a CRLF there as two), as
   * csv-parse counted them: the line numbers of earlier reports stay the same.
   */
  private countBreaks(piece: string): void {
    for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) this.line += 1;
    for (let k = piece.indexOf('\r'); k >= 0; k = piece.indexOf('\r', k + 1)) this.line += 1;
  }

  private endCell(): void {
    this.cells.push(this.cell);
    this.cell = '';
    this.inCell = false;
    this.closed = false;
  }

  private endRecord(rows: CsvRow[]): void {
    const empty = this.cells.length === 0 && !this.inCell && !this.closed && this.cell === '';
    if (!empty) {
      this.endCell();
      rows.push({ cells: this.cells, line: this.line });
    }
    this.cells = [];
    this.cell = '';
    this.inCell = false;
    this.closed = false;
  }
}
