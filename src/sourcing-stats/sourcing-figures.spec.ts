import { Decimal } from 'decimal.js';
import { Basis, NO_SUMS, Scope, addSums, figureOf, sumAll, sumBy, targetFiguresOf, targetRateOf, type ContractSums } from './sourcing-figures.js';

const d = (value: string | number) => new Decimal(value);
const sums = (value: number, provinceLocal: number, cityLocal: number, counted: number, countedProvince: number, countedCity: number, contracts = counted): ContractSums => ({
  contracts, counted, countedProvinceLocal: countedProvince, countedCityLocal: countedCity,
  value: d(value), valueProvinceLocal: d(provinceLocal), valueCityLocal: d(cityLocal),
});

describe('figureOf', () => {
  // 4 contracts signed, 3 count: 1000 in all, 600 from the province, 250 from the city; by count 2 and 1 of 3.
  const s = sums(1000, 600, 250, 3, 2, 1, 4);

  it('reads the basis and scope asked for', () => {
    expect(figureOf(s, Basis.VALUE, Scope.PROVINCE)).toEqual({ numerator: d(600), denominator: d(1000), rate: d('0.6'), contracts: 4 });
    expect(figureOf(s, Basis.VALUE, Scope.CITY).rate?.toString()).toBe('0.25');
    // 2 / 3 and 1 / 3
    expect(figureOf(s, Basis.COUNT, Scope.PROVINCE).rate?.toFixed(4)).toBe('0.6667');
    expect(figureOf(s, Basis.COUNT, Scope.CITY)).toMatchObject({ numerator: d(1), denominator: d(3) });
  });

  it('has no rate when nothing counts', () => {
    expect(figureOf(NO_SUMS, Basis.VALUE, Scope.PROVINCE)).toEqual({ numerator: d(0), denominator: d(0), rate: null, contracts: 0 });
  });
});

describe('summing', () => {
  it('adds field by field', () => {
    const total = sumAll([sums(100, 50, 10, 1, 1, 1), sums(300, 0, 0, 2, 0, 0, 3)]);
    expect(total).toEqual(sums(400, 50, 10, 3, 1, 1, 4));
    expect(addSums(NO_SUMS, total)).toEqual(total);
  });

  it('groups by a key, keeping first-seen order', () => {
    const rows = [{ k: 'b', s: sums(1, 1, 0, 1, 1, 0) }, { k: 'a', s: sums(2, 0, 0, 1, 0, 0) }, { k: 'b', s: sums(3, 0, 0, 1, 0, 0) }];
    const grouped = sumBy(rows, (r) => r.k, (r) => r.s);
    expect([...grouped.keys()]).toEqual(['b', 'a']);
    expect(grouped.get('b')?.value.toString()).toBe('4');
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
    const f = targetFiguresOf({ local: d(300), total: d(1000) }, d('0.25'), d(10), Basis.VALUE);
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
    const f = targetFiguresOf({ local: d(3), total: d(10) }, d('0.4'), d(10), Basis.COUNT);
    expect([f.additionalLocalNeeded?.toString(), f.localShiftNeeded.toString()]).toEqual(['4', '2']);
    // 3 of 10, target 0.45: (4.5 − 3) / 0.55 = 2.727… → 3; at the total 1.5 → 2
    const g = targetFiguresOf({ local: d(3), total: d(10) }, d('0.35'), d(10), Basis.COUNT);
    expect([g.additionalLocalNeeded?.toString(), g.localShiftNeeded.toString()]).toEqual(['3', '2']);
  });

  it('is met, past the target, or without a current rate', () => {
    const met = targetFiguresOf({ local: d(600), total: d(1000) }, d('0.45'), d(10), Basis.VALUE);
    expect([met.additionalLocalNeeded?.toString(), met.localShiftNeeded.toString(), met.progress?.toString()]).toEqual(['0', '0', '1.5']);
    const none = targetFiguresOf({ local: d(0), total: d(0) }, d('0.45'), d(10), Basis.VALUE);
    expect([none.changePp, none.progress]).toEqual([null, null]);
    // A 100 % target cannot be reached by adding contracts when some purchasing is not local.
    const full = targetFiguresOf({ local: d(90), total: d(100) }, d('0.95'), d(10), Basis.VALUE);
    expect([full.targetRate.toString(), full.additionalLocalNeeded, full.localShiftNeeded.toString()]).toEqual(['1', null, '10']);
  });
});
