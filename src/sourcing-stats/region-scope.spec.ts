import { mayReadRegion, regionRange } from './region-scope.js';

describe('region scope', () => {
  it('turns an area into a code range', () => {
    expect(regionRange('330000')).toEqual(['330000', '339999']);
    expect(regionRange('330200')).toEqual(['330200', '330299']);
    expect(regionRange('330206')).toEqual(['330206', '330206']);
  });

  it('lets a bureau read its jurisdiction and what lies within it, a platform admin everything', () => {
    const ningbo = { role: 'BUREAU_ANALYST', jurisdictionCode: '330200' };
    expect(mayReadRegion(ningbo, '330200')).toBe(true);
    expect(mayReadRegion(ningbo, '330206')).toBe(true);
    expect(mayReadRegion(ningbo, '330100')).toBe(false);
    expect(mayReadRegion(ningbo, '330000')).toBe(false);
    expect(mayReadRegion({ role: 'BUREAU_ANALYST', jurisdictionCode: null }, '330200')).toBe(false);
    expect(mayReadRegion({ role: 'OEM_BUYER', jurisdictionCode: null }, '330200')).toBe(false);
    expect(mayReadRegion({ role: 'PLATFORM_ADMIN', jurisdictionCode: null }, '110000')).toBe(true);
  });
});
