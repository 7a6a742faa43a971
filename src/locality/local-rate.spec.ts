import { Decimal } from 'decimal.js';
import { additionalLocalValueNeeded, awardImpact, localRate, trailingYearQuarters, localShortfallAtTotal, progressToTarget, rateImpactPp, targetFiguresOf, targetRateOf } from './local-rate.js';

const d = (value: string | number) => new Decimal(value);
/** Presentation rounding, as a string so the comparison is exact. */
const fixed = (value: Decimal | null, places = 4) => (value == null ? null : value.toFixed(places));

describe('localRate', () => {
  it('divides local by total', () => {
    // 300 / 1000 = 0.3
    expect(fixed(localRate(d(300), d(1000)))).toBe('0.3000');
    // 1 / 3 = 0.3333…
    expect(fixed(localRate(d(1), d(3)))).toBe('0.3333');
    expect(localRate(d(0), d(50))?.isZero()).toBe(true);
    expect(localRate(d(50), d(50))?.equals(1)).toBe(true);
  });

  it('stays exact on cents where floating point would not', () => {
    // 0.1 + 0.2 = 0.3 exactly in decimal: (0.1 + 0.2) / 0.6 = 0.5
    expect(localRate(d('0.1').plus(d('0.2')), d('0.6'))?.toString()).toBe('0.5');
  });

  it('is null when nothing was bought', () => {
    expect(localRate(d(0), d(0))).toBeNull();
  });

  it('rejects negative values and local above total', () => {
    expect(() => localRate(d(-1), d(10))).toThrow(RangeError);
    expect(() => localRate(d(11), d(10))).toThrow(RangeError);
  });
});

describe('rateImpactPp', () => {
  const basis = { local: d(300), total: d(1000) }; // rate 0.30

  it('raises the rate for a local contract', () => {
    // (300 + 200) / (1000 + 200) = 0.416667; (0.416667 − 0.3) × 100 = 11.6667 pp
    expect(fixed(rateImpactPp(basis, d(200), true))).toBe('11.6667');
  });

  it('lowers the rate for a non-local contract', () => {
    // 300 / 1200 = 0.25; (0.25 − 0.30) × 100 = −5 pp exactly
    expect(rateImpactPp(basis, d(200), false).toString()).toBe('-5');
  });

  it('works on a realistic requirement value', () => {
    // province: 450 000 000 of 1 000 000 000 local (45 %); requirement 100 000/yr × 123.45 = 12 345 000.00
    const province = { local: d('450000000'), total: d('1000000000') };
    const value = d(100_000).times(d('123.45'));
    expect(value.toFixed(2)).toBe('12345000.00');
    // local: 462 345 000 / 1 012 345 000 = 0.45670695; − 0.45 = 0.00670695 → +0.6707 pp
    expect(fixed(rateImpactPp(province, value, true))).toBe('0.6707');
    // not local: 450 000 000 / 1 012 345 000 = 0.44451249; − 0.45 → −0.5488 pp
    expect(fixed(rateImpactPp(province, value, false))).toBe('-0.5488');
  });

  it('takes the previous rate as 0 when nothing was bought yet', () => {
    const empty = { local: d(0), total: d(0) };
    // 500 / 500 = 1 → (1 − 0) × 100 = 100 pp
    expect(rateImpactPp(empty, d(500), true).toString()).toBe('100');
    // 0 / 500 = 0 → 0 pp
    expect(rateImpactPp(empty, d(500), false).isZero()).toBe(true);
    expect(rateImpactPp(empty, d(0), true).isZero()).toBe(true);
  });

  it('is 0 for a contract of no value and rejects a negative one', () => {
    expect(rateImpactPp(basis, d(0), true).isZero()).toBe(true);
    expect(() => rateImpactPp(basis, d(-1), true)).toThrow(RangeError);
  });
});

describe('progressToTarget', () => {
  // baseline 45 %, target baseline + 10 pp = 55 %
  const baseline = d('0.45');
  const target = d('0.55');

  it('measures the share of the way covered', () => {
    // (0.48 − 0.45) / (0.55 − 0.45) = 0.03 / 0.10 = 0.3
    expect(progressToTarget(d('0.48'), baseline, target)?.toString()).toBe('0.3');
    expect(progressToTarget(d('0.55'), baseline, target)?.toString()).toBe('1');
  });

  it('is not clamped below the baseline or past the target', () => {
    // (0.40 − 0.45) / 0.10 = −0.5; (0.60 − 0.45) / 0.10 = 1.5
    expect(progressToTarget(d('0.40'), baseline, target)?.toString()).toBe('-0.5');
    expect(progressToTarget(d('0.60'), baseline, target)?.toString()).toBe('1.5');
  });

  it('is null when the target equals the baseline', () => {
    expect(progressToTarget(d('0.5'), d('0.45'), d('0.45'))).toBeNull();
  });
});

describe('additionalLocalValueNeeded', () => {
  const basis = { local: d(300), total: d(1000) }; // rate 0.30

  it('solves (L + x) / (T + x) = t', () => {
    // x = (0.5 × 1000 − 300) / (1 − 0.5) = 200 / 0.5 = 400; check: 700 / 1400 = 0.5
    expect(additionalLocalValueNeeded(basis, d('0.5'))?.toString()).toBe('400');
    // x = (0.4 × 1000 − 300) / 0.6 = 100 / 0.6 = 166.6667; check: 466.6667 / 1166.6667 = 0.4
    const x = additionalLocalValueNeeded(basis, d('0.4'));
    expect(fixed(x)).toBe('166.6667');
    expect(fixed(localRate(d(300).plus(x ?? 0), d(1000).plus(x ?? 0)), 10)).toBe('0.4000000000');
  });

  it('is 0 when the target is already met', () => {
    expect(additionalLocalValueNeeded(basis, d('0.3'))?.isZero()).toBe(true);
    expect(additionalLocalValueNeeded(basis, d('0.2'))?.isZero()).toBe(true);
    expect(additionalLocalValueNeeded(basis, d(0))?.isZero()).toBe(true);
  });

  it('is null for a 100 % target not yet met, 0 when it is', () => {
    expect(additionalLocalValueNeeded(basis, d(1))).toBeNull();
    expect(additionalLocalValueNeeded({ local: d(10), total: d(10) }, d(1))?.isZero()).toBe(true);
  });

  it('is 0 when nothing was bought yet: any local purchase makes the rate 100 %', () => {
    expect(additionalLocalValueNeeded({ local: d(0), total: d(0) }, d('0.55'))?.isZero()).toBe(true);
  });

  it('rejects a target that is not a fraction', () => {
    expect(() => additionalLocalValueNeeded(basis, d('1.2'))).toThrow(RangeError);
    expect(() => additionalLocalValueNeeded(basis, d('-0.1'))).toThrow(RangeError);
    expect(() => additionalLocalValueNeeded(basis, d(55))).toThrow(RangeError);
  });
});

describe('localShortfallAtTotal', () => {
  const basis = { local: d(300), total: d(1000) }; // rate 0.30

  it('is t·T − L: the non-local value to move to local suppliers, total unchanged', () => {
    // 0.5 × 1000 − 300 = 200; check: 500 / 1000 = 0.5
    expect(localShortfallAtTotal(basis, d('0.5')).toString()).toBe('200');
    // 0.4 × 1000 − 300 = 100
    expect(localShortfallAtTotal(basis, d('0.4')).toString()).toBe('100');
    // a 100 % target: everything not local yet, 1000 − 300 = 700
    expect(localShortfallAtTotal(basis, d(1)).toString()).toBe('700');
  });

  it('is 0 when the target is met or nothing was bought', () => {
    expect(localShortfallAtTotal(basis, d('0.3')).isZero()).toBe(true);
    expect(localShortfallAtTotal(basis, d('0.1')).isZero()).toBe(true);
    expect(localShortfallAtTotal({ local: d(0), total: d(0) }, d('0.55')).isZero()).toBe(true);
  });

  it('rejects a target that is not a fraction, and a bad basis', () => {
    expect(() => localShortfallAtTotal(basis, d('1.01'))).toThrow(RangeError);
    expect(() => localShortfallAtTotal(basis, d('-0.01'))).toThrow(RangeError);
    expect(() => localShortfallAtTotal({ local: d(11), total: d(10) }, d('0.5'))).toThrow(RangeError);
  });
});

describe('targets', () => {
  it('adds the increase in percentage points, capped at 100 %', () => {
    expect(targetRateOf(d('0.45'), d(10)).toString()).toBe('0.55');
    expect(targetRateOf(d('0.95'), d(10)).toString()).toBe('1');
    expect(targetRateOf(d('0.4'), d('12.5')).toString()).toBe('0.525');
  });

  it('measures progress and what is still needed, on value', () => {
    // current 300 / 1000 = 0.30, baseline 0.25, target 0.35
    const f = targetFiguresOf({ local: d(300), total: d(1000) }, d('0.25'), d(10), 'VALUE');
    expect(f.targetRate.toString()).toBe('0.35');
    // (0.30 − 0.25) × 100 = 5 pp; 5 / 10 = 0.5
    expect(f.changePp?.toString()).toBe('5');
    expect(f.progress?.toString()).toBe('0.5');
    // (0.35 × 1000 − 300) / 0.65 = 50 / 0.65 = 76.923… → 76.93 (up to the fen); at the total: 350 − 300 = 50
    expect(f.additionalLocalNeeded?.toString()).toBe('76.93');
    expect(f.localShiftNeeded.toString()).toBe('50');
  });

  it('rounds up to whole contracts on the count basis', () => {
    // 3 of 10 local, target 0.5: (5 − 3) / 0.5 = 4 new contracts; at the total 2
    const f = targetFiguresOf({ local: d(3), total: d(10) }, d('0.4'), d(10), 'COUNT');
    expect([f.additionalLocalNeeded?.toString(), f.localShiftNeeded.toString()]).toEqual(['4', '2']);
    // 3 of 10, target 0.45: (4.5 − 3) / 0.55 = 2.727… → 3; at the total 1.5 → 2
    const g = targetFiguresOf({ local: d(3), total: d(10) }, d('0.35'), d(10), 'COUNT');
    expect([g.additionalLocalNeeded?.toString(), g.localShiftNeeded.toString()]).toEqual(['3', '2']);
  });

  it('is met, past the target, or without a current rate', () => {
    const met = targetFiguresOf({ local: d(600), total: d(1000) }, d('0.45'), d(10), 'VALUE');
    expect([met.additionalLocalNeeded?.toString(), met.localShiftNeeded.toString(), met.progress?.toString()]).toEqual(['0', '0', '1.5']);
    const none = targetFiguresOf({ local: d(0), total: d(0) }, d('0.45'), d(10), 'VALUE');
    expect([none.changePp, none.progress]).toEqual([null, null]);
    // A 100 % target cannot be reached by adding contracts when some purchasing is not local.
    const full = targetFiguresOf({ local: d(90), total: d(100) }, d('0.95'), d(10), 'VALUE');
    expect([full.targetRate.toString(), full.additionalLocalNeeded, full.localShiftNeeded.toString()]).toEqual(['1', null, '10']);
  });
});

describe('awardImpact', () => {
  const none = { local: d(0), total: d(0) };
  const buyer = { local: d(6_000_000), total: d(10_000_000) }; // 60 %
  const province = { local: d(300_000_000), total: d(1_000_000_000) }; // 30 %

  it('measures on the buyer\'s own rate when the buyer bought in the trailing year, rounded to 2 decimals', () => {
    // 16 / 20 = 80 % → +20 pp; 6 / 20 = 30 % → −30 pp.
    expect(awardImpact(buyer, province, d(10_000_000), true)).toEqual({ impactPp: d('20.00'), basis: 'BUYER_TRAILING_YEAR' });
    expect(awardImpact(buyer, province, d(10_000_000), false).impactPp.toFixed(2)).toBe('-30.00');
    // (300 + 200) / (1000 + 200) − 0.3 = 0.116666… → 11.67 pp (half up from 11.6667).
    expect(awardImpact({ local: d(300), total: d(1000) }, province, d(200), true).impactPp.toFixed(2)).toBe('11.67');
  });

  it('falls back to the province\'s rate for a buyer with no purchases, instead of +100 pp', () => {
    // (300 + 10) / (1000 + 10) − 0.3 = 0.306931 − 0.3 → +0.69 pp; non-local: 300 / 1010 − 0.3 → −0.30 pp.
    expect(awardImpact(none, province, d(10_000_000), true)).toEqual({ impactPp: d('0.69'), basis: 'PROVINCE_TRAILING_YEAR' });
    expect(awardImpact(none, province, d(10_000_000), false).impactPp.toFixed(2)).toBe('-0.30');
    // The old definition against an undefined rate:
    expect(rateImpactPp(none, d(10_000_000), true).toFixed(0)).toBe('100');
  });

  it('says NONE, 0 pp, when nothing was bought in the province', () => {
    expect(awardImpact(none, none, d(10_000_000), true)).toEqual({ impactPp: d(0), basis: 'NONE' });
    expect(awardImpact(none, none, d(10_000_000), true).impactPp.toFixed(2)).toBe('0.00');
  });
});

describe('trailingYearQuarters', () => {
  it('is the quarter of the day and the three before it', () => {
    expect(trailingYearQuarters('2026-12-04')).toEqual({ from: { year: 2026, quarter: 1 }, to: { year: 2026, quarter: 4 } });
    expect(trailingYearQuarters('2027-01-10')).toEqual({ from: { year: 2026, quarter: 2 }, to: { year: 2027, quarter: 1 } });
    expect(trailingYearQuarters('2026-06-30')).toEqual({ from: { year: 2025, quarter: 3 }, to: { year: 2026, quarter: 2 } });
    expect(trailingYearQuarters('2026-07-01')).toEqual({ from: { year: 2025, quarter: 4 }, to: { year: 2026, quarter: 3 } });
  });

  it('rejects what is not a date', () => {
    expect(() => trailingYearQuarters('2026-13-01')).toThrow(RangeError);
    expect(() => trailingYearQuarters('soon')).toThrow(RangeError);
  });
});
