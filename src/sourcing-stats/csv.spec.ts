import { csvCell, toCsv, UTF8_BOM, type CsvColumn } from './csv.js';

describe('CSV', () => {
  it('quotes only what needs it', () => {
    expect(csvCell('宁波市', 'text')).toBe('宁波市');
    expect(csvCell('a,b', 'text')).toBe('"a,b"');
    expect(csvCell('say "hi"', 'text')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines', 'text')).toBe('"two\nlines"');
    expect(csvCell(null, 'text')).toBe('');
    expect(csvCell(12.5, 'number')).toBe('12.5');
  });

  it('defuses text a spreadsheet would run as a formula, not negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")', 'text')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+86 574', 'text')).toBe("'+86 574");
    expect(csvCell('@SUM(A1)', 'text')).toBe("'@SUM(A1)");
    expect(csvCell('-5.5', 'number')).toBe('-5.5');
  });

  it('writes a BOM, a header and CRLF lines', () => {
    const columns: CsvColumn<{ name: string; value: string }>[] = [
      { header: '名称 Name', kind: 'text', value: (r) => r.name },
      { header: '金额 Value', kind: 'number', value: (r) => r.value },
    ];
    expect(toCsv(columns, [{ name: '座椅', value: '1.50' }])).toBe(`${UTF8_BOM}名称 Name,金额 Value\r\n座椅,1.50\r\n`);
    expect(UTF8_BOM).toBe('\uFEFF');
  });
});
