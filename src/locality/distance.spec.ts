import { greatCircleKm } from './distance.js';

// One degree of latitude on the R = 6371.0088 km sphere: 6371.0088 × π / 180 = 111.195080 km.
const KM_PER_DEG = 111.195080233533;

describe('greatCircleKm', () => {
  it('measures great-circle distance with R = 6371.0088 km', () => {
    expect(greatCircleKm({ lat: 30, lon: 120 }, { lat: 31, lon: 120 })).toBeCloseTo(KM_PER_DEG, 6);
    // a quarter of the equator: π/2 × 6371.0088 = 10007.557221
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 90 })).toBeCloseTo(10007.557221, 5);
    // Hangzhou (30.29, 120.15) to Ningbo (29.87, 121.55), haversine: 142.5726 km
    expect(greatCircleKm({ lat: 30.29, lon: 120.15 }, { lat: 29.87, lon: 121.55 })).toBeCloseTo(142.5726, 3);
    expect(greatCircleKm({ lat: 30.29, lon: 120.15 }, { lat: 30.29, lon: 120.15 })).toBe(0);
  });
});
