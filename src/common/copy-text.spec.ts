import { copyJson, copyLine, copyText, copyTextArray, copyValue } from './copy-text.js';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return', () => {
    expect(copyText('plain 线控制动')).toBe('plain 线控制动');
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
  });

  it('writes NULL, booleans and numbers', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(false)).toBe('f');
    expect(copyValue(30.2995)).toBe('30.2995');
    expect(() => copyValue(Number.NaN)).toThrow(RangeError);
  });

  it('quotes array elements and escapes them for COPY', () => {
    expect(copyTextArray([])).toBe('{}');
    expect(copyTextArray(['EHB', 'one-box'])).toBe('{"EHB","one-box"}');
    // An element `a"b\c` is `"a\"b\\c"` in the array literal, whose backslashes COPY doubles.
    expect(copyTextArray(['a"b\\c'])).toBe('{"a\\\\"b\\\\\\\\c"}');
  });

  it('writes JSON as text and null as NULL', () => {
    expect(copyJson([{ key: '温度', value: '-40~125 °C' }])).toBe('[{"key":"温度","value":"-40~125 °C"}]');
    expect(copyJson({ note: 'line\nbreak' })).toBe('{"note":"line\\\\nbreak"}');
    expect(copyJson(null)).toBe('\\N');
  });

  it('joins a row with tabs and ends it with a newline', () => {
    expect(copyLine(['a', '\\N', 't'])).toBe('a\t\\N\tt\n');
  });
});
