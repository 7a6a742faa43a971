import { firstReaching, fitTrend, pacePoints, project, t95 } from './pace.js';

describe('pace', () => {
  it('fits an exact line with no spread', () => {
    // 0.40, 0.41, 0.42, 0.43 at x = 0..3: slope 0.01, intercept 0.40, residuals 0
    const trend = fitTrend([0, 1, 2, 3].map((x) => ({ x, rate: 0.4 + 0.01 * x })));
    expect(trend.slope).toBeCloseTo(0.01, 12);
    expect(trend.intercept).toBeCloseTo(0.4, 12);
    expect(trend.residualSd).toBeCloseTo(0, 12);
    const at5 = project(trend, 5);
    expect(at5.rate).toBeCloseTo(0.45, 12);
    expect(at5.low).toBeCloseTo(0.45, 12);
    expect(at5.high).toBeCloseTo(0.45, 12);
  });

  it('widens the band with the residual spread and the distance from the data', () => {
    // y = 0.5, 0.6, 0.5, 0.6: slope 0.02, mean x 1.5, Sxx 5; intercept 0.52; residuals −0.02, 0.06, −0.06, 0.02 → SSR 0.008, s = √0.004
    const trend = fitTrend([0.5, 0.6, 0.5, 0.6].map((rate, x) => ({ x, rate })));
    expect(trend.slope).toBeCloseTo(0.02, 12);
    expect(trend.residualSd).toBeCloseTo(Math.sqrt(0.004), 12);
    const near = project(trend, 4);
    // half width at x = 4: 2.92 · s · √(1 + 1/4 + 2.5²/5)
    expect(near.high - near.rate).toBeCloseTo(2.92 * Math.sqrt(0.004) * Math.sqrt(1 + 0.25 + 6.25 / 5), 12);
    expect(near.rate - near.low).toBeCloseTo(near.high - near.rate, 12);
    // A tenth of the spread, so that nothing is clipped: wider further out.
    const calm = fitTrend([0.5, 0.51, 0.5, 0.51].map((rate, x) => ({ x, rate })));
    const [at4, at10] = [project(calm, 4), project(calm, 10)];
    expect(at10.high - at10.rate).toBeGreaterThan(at4.high - at4.rate);
  });

  it('clips to 0–100 %', () => {
    const trend = fitTrend([0.9, 0.95, 0.97, 0.99].map((rate, x) => ({ x, rate })));
    expect(project(trend, 20).rate).toBe(1);
    expect(project(trend, 20).high).toBe(1);
  });

  it('needs 4 rated quarters and keeps the last 8', () => {
    expect(pacePoints([{ x: 0, rate: 0.1 }, { x: 1, rate: null }, { x: 2, rate: 0.2 }, { x: 3, rate: 0.3 }])).toBeNull();
    const series = Array.from({ length: 12 }, (_, x) => ({ x, rate: x === 5 ? null : x / 100 }));
    expect(pacePoints(series)?.map((p) => p.x)).toEqual([3, 4, 6, 7, 8, 9, 10, 11]);
    expect(() => fitTrend([{ x: 0, rate: 0 }, { x: 1, rate: 0 }, { x: 2, rate: 0 }])).toThrow(RangeError);
  });

  it('finds the first quarter at or above the target', () => {
    const trend = fitTrend([0, 1, 2, 3].map((x) => ({ x, rate: 0.4 + 0.01 * x })));
    const horizon = [4, 5, 6, 7, 8].map((x) => project(trend, x));
    expect(firstReaching(horizon, 0.46)).toBe(6);
    expect(firstReaching(horizon, 0.6)).toBeNull();
  });

  it('uses t quantiles by degrees of freedom', () => {
    expect(t95(2)).toBe(2.92);
    expect(t95(6)).toBe(1.943);
    expect(t95(11)).toBe(1.812);
    expect(t95(40)).toBe(1.645);
  });
});
