import { cityOf, codeLevel, isWithin, provinceOf, regionPrefix } from './region-codes.js';

describe('GB/T 2260 code helpers', () => {
  it('reads the level from the code', () => {
    expect(codeLevel('330000')).toBe('PROVINCE');
    expect(codeLevel('330200')).toBe('CITY');
    expect(codeLevel('330114')).toBe('COUNTY');
  });

  it('finds province and city', () => {
    expect(provinceOf('330206')).toBe('330000');
    expect(cityOf('330206')).toBe('330200');
    expect(cityOf('330000')).toBeNull();
  });

  it('tests containment by prefix', () => {
    expect(regionPrefix('330200')).toBe('3302');
    expect(isWithin('330206', '330200')).toBe(true);
    expect(isWithin('330206', '330000')).toBe(true);
    expect(isWithin('330114', '330200')).toBe(false);
    expect(isWithin('330114', '330114')).toBe(true);
    expect(isWithin('320506', '330000')).toBe(false);
  });
});
