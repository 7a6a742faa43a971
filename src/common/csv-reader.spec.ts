import { AppError } from './app-error.js';
import { readCsv, readCsvStream, type CsvShape } from './csv-reader.js';

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

/** The text in chunks of `size` bytes, so that characters and quoted cells split across chunks. */
async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function streamRefusal(source: string | AsyncIterable<Uint8Array | string>, shape: CsvShape = SHAPE): Promise<string> {
  try {
    await readCsvStream(source, shape);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('readCsvStream', () => {
  it('reads a stream as readCsv reads the text, however it is split', async () => {
    const text = '\uFEFF Code ,NAME\nA1,"甲, 乙"\n\nB2,"two\nlines"\nC3,x,extra\n';
    for (const size of [1, 2, 3, 7, 1000]) expect(await readCsvStream(chunks(text, size), SHAPE)).toEqual(readCsv(text, SHAPE));
    expect(await readCsvStream(text, SHAPE)).toEqual(readCsv(text, SHAPE));
    expect(await readCsvStream('code,name\r\nA,b\r\nC,d\r\n', SHAPE)).toEqual([{ line: 2, raw: { code: 'A', name: 'b' } }, { line: 3, raw: { code: 'C', name: 'd' } }]);
  });

  it('refuses what readCsv refuses, with the same messages', async () => {
    for (const text of ['code,note\nA,b\n', '', 'code,name,colour\nA,b,red\n', 'code,name\n1,a\n2,b\n3,c\n4,d\n']) {
      expect(await streamRefusal(chunks(text, 4))).toBe(refusal(text));
    }
    expect(await streamRefusal('code,name\n"A,b\n')).toMatch(/^csv: not readable as CSV: /);
  });

  it('stops reading at a refused header or one row past the limit', async () => {
    // An endless file: reading stops after the streams' buffers (16 KiB each) are full.
    let read = 0;
    async function* endless(first: string): AsyncGenerator<string> {
      yield first;
      for (;;) {
        read += 1;
        yield '9,z\n';
      }
    }
    expect(await streamRefusal(endless('code,colour\n'))).toMatch(/^csv: the header lacks name/);
    expect(read).toBeLessThan(20_000);
    read = 0;
    expect(await streamRefusal(endless('code,name\n'))).toBe('csv: at most 3 rows per import');
    expect(read).toBeLessThan(20_000);
  });

  it('passes on an error of the stream itself', async () => {
    const tooLarge = new Error('body over its limit');
    async function* failing(): AsyncGenerator<string> {
      yield 'code,name\nA,b\n';
      throw tooLarge;
    }
    await expect(readCsvStream(failing(), SHAPE)).rejects.toBe(tooLarge);
  });
});
