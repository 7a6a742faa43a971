import { cityUnitOf, isProvinciallyLocal, localityTier, type LocalityTier, type TierPlace } from './locality-tier.js';

describe('localityTier', () => {
  const at = (regionCode: string | null, countryCode = 'CN'): TierPlace => ({ regionCode, countryCode });

  it('finds the tier from region codes', () => {
    expect(localityTier(at('330206'), at('330206'))).toEqual({ tier: 'SAME_COUNTY', value: 1 });
    expect(localityTier(at('330282'), at('330206'))).toEqual({ tier: 'SAME_CITY', value: 0.85 });
    expect(localityTier(at('330206'), at('330114'))).toEqual({ tier: 'SAME_PROVINCE', value: 0.7 });
    expect(localityTier(at('330206'), at('310115'))).toEqual({ tier: 'YRD_NEIGHBOUR', value: 0.4 });
    expect(localityTier(at('310115'), at('320583'))).toEqual({ tier: 'YRD_NEIGHBOUR', value: 0.4 });
    expect(localityTier(at('330206'), at('340104'))).toEqual({ tier: 'YRD_NEIGHBOUR', value: 0.4 });
    expect(localityTier(at('330206'), at('440305'))).toEqual({ tier: 'CHINA', value: 0.2 });
    expect(localityTier(at('330206'), at(null, 'DE'))).toEqual({ tier: 'ABROAD', value: 0 });
  });

  it('treats a municipality as one city', () => {
    // 310115 Pudong and 310104 Xuhui are both in city 3101; 310230 (old Chongming county code) too
    expect(localityTier(at('310104'), at('310115')).tier).toBe('SAME_CITY');
    expect(localityTier(at('310115'), at('310115')).tier).toBe('SAME_COUNTY');
    expect(localityTier(at('310115'), at('310230')).tier).toBe('SAME_CITY');
    expect(localityTier(at('500103'), at('500229')).tier).toBe('SAME_CITY');
  });

  it('handles cities without counties and codes known only to city or province level', () => {
    // 东莞 441900 has no counties: the same code is the same county-level unit
    expect(localityTier(at('441900'), at('441900')).tier).toBe('SAME_COUNTY');
    // 宁波 330200 known only as a city: same city, county unknown
    expect(localityTier(at('330200'), at('330200')).tier).toBe('SAME_CITY');
    expect(localityTier(at('330206'), at('330200')).tier).toBe('SAME_CITY');
    expect(localityTier(at('330206'), at('330000')).tier).toBe('SAME_PROVINCE');
    // 仙桃 429004 and 潜江 429005 are county-level cities directly under Hubei, not one city
    expect(localityTier(at('429004'), at('429005')).tier).toBe('SAME_PROVINCE');
    expect(localityTier(at('429004'), at('429004')).tier).toBe('SAME_COUNTY');
  });

  it('falls back to CHINA with an unknown region and to ABROAD outside China', () => {
    expect(localityTier(at('330206'), at(null)).tier).toBe('CHINA');
    expect(localityTier(at(null, 'HU'), at('330206')).tier).toBe('ABROAD');
  });
});

describe('cityUnitOf', () => {
  it('is the prefecture-level city, the municipality, or the directly administered county-level unit itself', () => {
    expect(cityUnitOf('330206')).toBe('330200');
    expect(cityUnitOf('330200')).toBe('330200');
    expect(cityUnitOf('310115')).toBe('310000');
    expect(cityUnitOf('500229')).toBe('500000');
    expect(cityUnitOf('429004')).toBe('429004');
    expect(cityUnitOf('469024')).toBe('469024');
    expect(cityUnitOf('330000')).toBeNull();
  });
});

describe('isProvinciallyLocal', () => {
  it('counts county, city and province as local for the provincial rate', () => {
    const local: LocalityTier[] = ['SAME_COUNTY', 'SAME_CITY', 'SAME_PROVINCE'];
    const notLocal: LocalityTier[] = ['YRD_NEIGHBOUR', 'CHINA', 'ABROAD'];
    expect(local.map(isProvinciallyLocal)).toEqual([true, true, true]);
    expect(notLocal.map(isProvinciallyLocal)).toEqual([false, false, false]);
    expect(isProvinciallyLocal(null)).toBe(false);
  });
});
