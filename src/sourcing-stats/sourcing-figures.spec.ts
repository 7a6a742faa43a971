import { Decimal } from 'decimal.js';
import { Basis, NO_SUMS, Scope, addSums, figureOf, sumAll, sumBy, type ContractSums } from './sourcing-figures.js';

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
