import { checkText, dateRangeProblem, forbiddenCharacter, instantRangeProblem } from './text-policy.js';

describe('forbiddenCharacter', () => {
  it('accepts ordinary text in every script, emoji (surrogate pairs) and zero-width joiners', () => {
    for (const kind of ['name', 'line', 'text'] as const) {
      expect(forbiddenCharacter('宁波 Brake-by-wire №7 «ÄÖ» 🚗⚙️ 👩‍🔧 עברית \u200e', kind)).toBeNull();
    }
  });

  it.each([
    ['NUL', '\u0000', 'a control character (U+0000)'],
    ['BEL', '\u0007', 'a control character (U+0007)'],
    ['ESC (ANSI escape)', '\u001b[31m', 'a control character (U+001B)'],
    ['unit separator', '\u001f', 'a control character (U+001F)'],
    ['DEL', '\u007f', 'a control character (U+007F)'],
    ['C1 start', '\u0080', 'a control character (U+0080)'],
    ['C1 NEL', '\u0085', 'a control character (U+0085)'],
    ['C1 CSI', '\u009b', 'a control character (U+009B)'],
    ['C1 end', '\u009f', 'a control character (U+009F)'],
    ['LRE', '\u202a', 'a bidirectional control (U+202A)'],
    ['RLO (right-to-left override)', '\u202e', 'a bidirectional control (U+202E)'],
    ['LRI', '\u2066', 'a bidirectional control (U+2066)'],
    ['PDI', '\u2069', 'a bidirectional control (U+2069)'],
    ['lone high surrogate', '\ud83d', 'an unpaired surrogate (U+D83D)'],
    ['lone low surrogate', '\ude97', 'an unpaired surrogate (U+DE97)'],
    ['swapped surrogates', '\ude97\ud83d', 'an unpaired surrogate (U+DE97)'],
    ['U+FFFE', '\ufffe', 'a noncharacter (U+FFFE)'],
    ['U+FFFF', '\uffff', 'a noncharacter (U+FFFF)'],
    ['U+FDD0', '\ufdd0', 'a noncharacter (U+FDD0)'],
    ['U+1FFFF', '\ud83f\udfff', 'a noncharacter (U+1FFFF)'],
  ])('refuses %s in every kind of text', (_name, character, description) => {
    for (const kind of ['name', 'line', 'text'] as const) {
      expect(forbiddenCharacter(`ab${character}c`, kind)).toBe(`contains ${description} at position 3`);
    }
  });

  it('allows tab, line feed and carriage return in free text only', () => {
    expect(forbiddenCharacter('a\tb\r\nc\n', 'text')).toBeNull();
    expect(forbiddenCharacter('a\tb', 'line')).toBe('contains a tab (U+0009) at position 2');
    expect(forbiddenCharacter('a\nb', 'line')).toBe('contains a line break (U+000A) at position 2');
    expect(forbiddenCharacter('a\rb', 'name')).toBe('contains a line break (U+000D) at position 2');
  });

  it('still refuses other C0 controls in free text', () => {
    expect(forbiddenCharacter('line\u000bfeed', 'text')).toBe('contains a control character (U+000B) at position 5');
  });

  it('counts positions in UTF-16 units past surrogate pairs', () => {
    expect(forbiddenCharacter('🚗\u0000', 'line')).toBe('contains a control character (U+0000) at position 3');
  });
});

describe('checkText', () => {
  it('trims names and keeps other text as sent', () => {
    expect(checkText('  前围板 \u3000', 'name')).toEqual({ value: '前围板', problem: null });
    expect(checkText('  spaced  ', 'line')).toEqual({ value: '  spaced  ', problem: null });
    expect(checkText('  note\n', 'text')).toEqual({ value: '  note\n', problem: null });
  });

  it('refuses a blank name: spaces, ideographic spaces, zero-width characters', () => {
    expect(checkText('   ', 'name')).toEqual({ value: '', problem: 'must not be blank' });
    expect(checkText('\u3000\u00a0', 'name').problem).toBe('must not be blank');
    expect(checkText(' \u200b\ufeff ', 'name').problem).toBe('must not be blank');
    expect(checkText('', 'name').problem).toBe('must not be blank');
  });

  it('lets an optional name be empty when allowed', () => {
    expect(checkText('  ', 'name', { allowEmpty: true })).toEqual({ value: '', problem: null });
  });

  it('reports a forbidden character before trimming', () => {
    expect(checkText(' a\u0000 ', 'name')).toEqual({ value: ' a\u0000 ', problem: 'contains a control character (U+0000) at position 3' });
  });

  it('never trims what is not a name (passwords keep their spaces)', () => {
    expect(checkText(' pass word ', 'line').value).toBe(' pass word ');
  });
});

describe('date ranges', () => {
  it('accepts dates from 2000-01-01 to 2100-12-31', () => {
    expect(dateRangeProblem('2000-01-01')).toBeNull();
    expect(dateRangeProblem('2100-12-31')).toBeNull();
    expect(dateRangeProblem('1999-12-31')).toBe('must lie between 2000-01-01 and 2100-12-31');
    expect(dateRangeProblem('2101-01-01')).toBe('must lie between 2000-01-01 and 2100-12-31');
  });

  it('accepts instants within the range, refuses far ones and invalid ones', () => {
    expect(instantRangeProblem(new Date('2027-06-30T12:00:00+08:00'))).toBeNull();
    expect(instantRangeProblem(new Date('2100-12-31T23:59:59-12:00'))).toBeNull();
    expect(instantRangeProblem(new Date('1999-12-31T23:59:59Z'))).toBe('must lie between 2000-01-01 and 2100-12-31');
    expect(instantRangeProblem(new Date(8.64e15))).toBe('must lie between 2000-01-01 and 2100-12-31');
    expect(instantRangeProblem(new Date(Number.NaN))).toBe('must be a valid instant');
  });
});
