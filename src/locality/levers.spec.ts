import { Decimal } from 'decimal.js';
import { leverPp, projectedRate, sumValues } from './levers.js';

const d = (value: string | number) => new Decimal(value);

describe('lever arithmetic', () => {
  const basis = { local: d(5_700_000), total: d(9_300_000) };

  it('adds a local purchase to both local value and total', () => {
    // (5.7 + 1) / (9.3 + 1) = 6.7 / 10.3
    expect(projectedRate(basis, d(1_000_000))?.toString()).toBe(d(6.7).dividedBy(10.3).toString());
    // pp = (6.7/10.3 − 5.7/9.3) × 100 ≈ 3.7582
    expect(leverPp(basis, d(1_000_000))?.toFixed(4)).toBe('3.7582');
  });

  it('is 0 pp for nothing added and null without purchases', () => {
    expect(leverPp(basis, d(0))?.isZero()).toBe(true);
    expect(leverPp({ local: d(0), total: d(0) }, d(100))).toBeNull();
    expect(projectedRate({ local: d(0), total: d(0) }, d(0))).toBeNull();
    expect(projectedRate({ local: d(0), total: d(0) }, d(5))?.toString()).toBe('1');
  });

  it('does not add pp across items: the combined figure is less than the sum', () => {
    const a = leverPp(basis, d(1_000_000)) as Decimal;
    const b = leverPp(basis, d(2_000_000)) as Decimal;
    const both = leverPp(basis, sumValues([d(1_000_000), d(2_000_000)])) as Decimal;
    expect(both.lessThan(a.plus(b))).toBe(true);
    // (5.7 + 3) / (9.3 + 3) − 5.7/9.3, × 100 ≈ 9.4414
    expect(both.toFixed(4)).toBe('9.4414');
  });

  it('refuses a negative value and an inconsistent basis', () => {
    expect(() => leverPp(basis, d(-1))).toThrow(RangeError);
    expect(() => leverPp({ local: d(2), total: d(1) }, d(1))).toThrow(RangeError);
  });
});
