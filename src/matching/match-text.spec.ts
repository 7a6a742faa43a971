import { CompiledText, looseText, parseTsvector, weightMask } from './match-text.js';
import { relevanceOfUnits } from '../search/search-index.port.js';

const W = [10_000, 9_000, 8_000, 6_000] as const;
const concept = (...alternatives: [string, boolean][][]) => ({ alternatives: alternatives.map((alt) => alt.map(([value, prefix]) => ({ value, prefix }))), worths: W });

describe('text relevance in process', () => {
  const dictionary = ['brake', 'brakes', 'brass', 'motor', 'sensor', '线控', '线控制动'].sort();
  const id = (value: string) => dictionary.indexOf(value);
  // A supplier: lexemes brake, brakes, motor, 线控制动; strong: brakes at A, motor at C.
  const lex = Int32Array.from(['brake', 'brakes', 'motor', '线控制动'].map(id).sort((a, b) => a - b));
  const strongRows = [
    { lexeme: 'brakes', mask: weightMask('A') },
    { lexeme: 'motor', mask: weightMask('C') },
  ].sort((a, b) => id(a.lexeme) - id(b.lexeme));
  const strong = Int32Array.from(strongRows.map((r) => id(r.lexeme)));
  const masks = Uint8Array.from(strongRows.map((r) => r.mask));
  const loose = looseText(['motor', 'brakes', '线控制动', 'brake'], strongRows);

  const units = (...concepts: ReturnType<typeof concept>[]) => {
    const compiled = new CompiledText(concepts, dictionary);
    const byIds = compiled.unitsOfIds(lex, 0, lex.length, strong, masks, 0, strong.length);
    expect(compiled.unitsOfLoose(loose)).toBe(byIds);
    return byIds;
  };

  it('scores a concept by the strongest field it matches in, a prefix as a range of lexemes', () => {
    expect(units(concept([['brake', true]]))).toBe(10_000); // brakes at A
    expect(units(concept([['brake', false]]))).toBe(6_000); // brake only in the lexemes
    expect(units(concept([['motor', false]]))).toBe(8_000); // strong at C
    expect(units(concept([['线控', true]]))).toBe(6_000);
    expect(units(concept([['sensor', false]]))).toBe(0);
    expect(units(concept([['bra', true]]))).toBe(10_000);
  });

  it('needs every lexeme of an alternative, at the same weight for a weighted tier', () => {
    expect(units(concept([['brakes', false], ['motor', false]]))).toBe(8_000); // both in strong, not both at A
    expect(units(concept([['brakes', false], ['sensor', false]]))).toBe(0);
    expect(units(concept([['sensor', false]], [['brake', false]]))).toBe(6_000); // any alternative
    expect(units(concept([['brakes', false]]), concept([['sensor', false]]))).toBe(10_000);
  });

  it('turns worth into relevance as PostgreSQL numeric division and float8 do', () => {
    expect(relevanceOfUnits(16_000, 3)).toBe(Number('0.53333333333333333333'));
    expect(relevanceOfUnits(20_000, 3)).toBe(Number('0.66666666666666666667'));
    expect(relevanceOfUnits(4_800, 7)).toBe(Number('0.06857142857142857143'));
    expect(relevanceOfUnits(0, 3)).toBe(0);
    expect(relevanceOfUnits(30_000, 3)).toBe(1);
  });

  it('reads a tsvector\'s text form: quotes and backslashes doubled, weights per position (none: D)', () => {
    expect(parseTsvector(`'a''b':1A,2 'c\\\\d':3B 'plain' '线控':4C,5A`)).toEqual({ lexemes: ["a'b", 'c\\d', 'plain', '线控'], masks: [1 | 8, 2, 15, 4 | 1] });
    expect(parseTsvector('')).toEqual({ lexemes: [], masks: [] });
  });
});
