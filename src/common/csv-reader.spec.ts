import { AppError } from './app-error.js';
import { readCsv, type CsvShape } from './csv-reader.js';

// `name` is free text here so that the reading of a quoted line break can be seen on its own.
const SHAPE: CsvShape = { columns: ['code', 'name', 'note'], required: ['code', 'name'], maxRows: 3, freeText: ['name'] };

function refusal(csv: string, shape: CsvShape = SHAPE): string {
  try {
    readCsv(csv, shape);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('readCsv', () => {
  it('reads rows by lower-cased header with their line numbers, the header being line 1', () => {
    const records = readCsv('\uFEFF Code ,NAME\nA1,"甲, 乙"\n\nB2,"two\nlines"\nC3,x,extra\n', SHAPE);
    expect(records).toEqual([
      { line: 2, raw: { code: 'A1', name: '甲, 乙' } },
      { line: 5, raw: { code: 'B2', name: 'two\nlines' } },
      { line: 6, raw: expect.objectContaining({ code: 'C3', name: 'x' }) },
    ]);
  });

  it('reads CRLF line ends', () => {
    expect(readCsv('code,name\r\nA,b\r\nC,d\r\n', SHAPE)).toEqual([{ line: 2, raw: { code: 'A', name: 'b' } }, { line: 3, raw: { code: 'C', name: 'd' } }]);
  });

  it('keeps cells untrimmed and short rows short', () => {
    expect(readCsv('code,name,note\n A ,b\n', SHAPE)).toEqual([{ line: 2, raw: { code: ' A ', name: 'b' } }]);
  });

  it('refuses a header without a required column or with an unknown one', () => {
    expect(refusal('code,note\nA,b\n')).toBe('csv: the header lacks name');
    expect(refusal('')).toBe('csv: the header lacks code, name');
    expect(refusal('code,name,colour\nA,b,red\n')).toBe('csv: unknown columns: colour (expected code, name, note)');
  });

  it('refuses a file that is not CSV or has too many rows', () => {
    expect(refusal('code,name\n"A,b\n')).toMatch(/^csv: not readable as CSV: /);
    expect(refusal('code,name\n1,a\n2,b\n3,c\n4,d\n')).toBe('csv: at most 3 rows per import');
    expect(readCsv('code,name\n1,a\n2,b\n3,c\n', SHAPE)).toHaveLength(3);
  });

  it('holds every cell to the text policy, naming the row and column of a refused one', () => {
    const records = readCsv('code,name,note\nA\u0000,ok,"two\nlines"\nB,"x\ty",\u202eevil\nC,"free\ttext\r\nhere",fine\n', { ...SHAPE, freeText: ['name'] });
    expect(records).toEqual([
      { line: 3, raw: { code: 'A\u0000', name: 'ok', note: 'two\nlines' }, problems: [
        { column: 'code', message: 'contains a control character (U+0000) at position 2' },
        { column: 'note', message: 'contains a line break (U+000A) at position 4' },
      ] },
      { line: 4, raw: { code: 'B', name: 'x\ty', note: '\u202eevil' }, problems: [{ column: 'note', message: 'contains a bidirectional control (U+202E) at position 1' }] },
      { line: 7, raw: { code: 'C', name: 'free\ttext\r\nhere', note: 'fine' } },
    ]);
  });
});
