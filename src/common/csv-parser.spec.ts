import { parse } from 'csv-parse/sync';
import { CsvParser, CsvSyntaxError, type CsvRow } from './csv-parser.js';

/** csv-parse with the options the reader used before csv-parser.ts: the reference. */
function reference(text: string): { cells: string[]; line: number }[] | 'refused' {
  try {
    const rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return rows.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch {
    return 'refused';
  }
}

/** The parser fed `text` in pieces of `size` characters. */
function parsed(text: string, size: number): CsvRow[] | 'refused' {
  const parser = new CsvParser();
  const rows: CsvRow[] = [];
  try {
    for (let i = 0; i < text.length; i += size) rows.push(...parser.push(text.slice(i, i + size)));
    rows.push(...parser.end());
  } catch (error) {
    if (error instanceof CsvSyntaxError) return 'refused';
    throw error;
  }
  return rows;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CsvParser', () => {
  it('splits quoted cells, doubled quotes, CRLF and a last line without a break', () => {
    expect(parsed('\uFEFFa,b\r\n"x,""y""",\r\n\r\n"two\nlines",z', 3)).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['x,"y"', ''], line: 2 },
      { cells: ['two\nlines', 'z'], line: 5 },
    ]);
  });

  it('refuses a quote inside an unquoted cell, text after a closing quote, and an open quote at the end', () => {
    for (const text of ['a,b\nx"y,z\n', 'a,b\n"x"y,z\n', 'a,b\n"x,y\n']) expect(parsed(text, 100)).toBe('refused');
  });

  it('reads 1,500 random texts as csv-parse read them (cells, line numbers, refusals), however they are split', () => {
    const next = random(15);
    const alphabet = ['a', 'b', '甲', ' ', ',', ',', '"', '"', '\n', '\n', '\r\n', '\r', '\uFEFF'];
    for (let n = 0; n < 1500; n += 1) {
      const length = Math.floor(next() * 30);
      let text = '';
      for (let i = 0; i < length; i += 1) text += alphabet[Math.floor(next() * alphabet.length)];
      const expected = reference(text);
      for (const size of [1, 2, 5, 1000]) expect({ text: JSON.stringify(text), size, rows: parsed(text, size) }).toEqual({ text: JSON.stringify(text), size, rows: expected });
    }
  });
});
