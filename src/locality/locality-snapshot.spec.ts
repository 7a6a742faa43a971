import { localitySnapshot } from './locality-snapshot.js';

const beilun = { countryCode: 'CN', regionCode: '330206', lat: 29.89, lon: 121.85 };

describe('locality snapshot', () => {
  it.each([
    ['same county', { countryCode: 'CN', regionCode: '330206', lat: 29.9, lon: 121.84 }, [true, true, true]],
    ['same city', { countryCode: 'CN', regionCode: '330212', lat: 29.82, lon: 121.55 }, [false, true, true]],
    ['same province', { countryCode: 'CN', regionCode: '330109', lat: 30.16, lon: 120.26 }, [false, false, true]],
    ['neighbouring province', { countryCode: 'CN', regionCode: '320505', lat: 31.3, lon: 120.57 }, [false, false, false]],
    ['abroad', { countryCode: 'de', regionCode: null, lat: 48.78, lon: 9.18 }, [false, false, false]],
  ])('%s', (_name, supplier, [sameCounty, sameCity, sameProvince]) => {
    const snapshot = localitySnapshot(beilun, supplier);
    expect(snapshot).toMatchObject({ buyerRegionCode: '330206', supplierRegionCode: supplier.regionCode, supplierCountryCode: supplier.countryCode.toUpperCase(), sameCounty, sameCity, sameProvince });
  });

  it('measures the great-circle distance to the metre', () => {
    expect(localitySnapshot(beilun, { countryCode: 'CN', regionCode: '330212', lat: 29.82, lon: 121.55 }).distanceKm).toBe(29.96);
    expect(localitySnapshot(beilun, beilun).distanceKm).toBe(0);
  });

  it('treats a municipality as one city', () => {
    const pudong = { countryCode: 'CN', regionCode: '310115', lat: 31.22, lon: 121.54 };
    expect(localitySnapshot(pudong, { countryCode: 'CN', regionCode: '310112', lat: 31.11, lon: 121.38 })).toMatchObject({ sameCounty: false, sameCity: true, sameProvince: true });
  });

  it('needs the buyer plant in China', () => {
    expect(() => localitySnapshot({ countryCode: 'DE', regionCode: null, lat: 48, lon: 9 }, beilun)).toThrow(RangeError);
  });
});
