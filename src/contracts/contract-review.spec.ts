import { Decimal } from 'decimal.js';
import { REVIEW_FLOOR_CNY, isImplausibleValue } from './contract-review.js';

const history = (median: string | null, contracts = 10) => ({ contracts, median: median === null ? null : new Decimal(median) });

describe('implausible contract values', () => {
  it('never holds a value at or below the floor, whatever the history', () => {
    expect(isImplausibleValue(REVIEW_FLOOR_CNY, history('1'))).toBe(false);
    expect(isImplausibleValue(new Decimal('1000000'), history(null, 0))).toBe(false);
  });

  it('holds a value above the floor and more than 100 × the buyer\'s median', () => {
    expect(isImplausibleValue(new Decimal('900000000000'), history('1200000'))).toBe(true);
    expect(isImplausibleValue(new Decimal('120000001'), history('1200000'))).toBe(true);
    expect(isImplausibleValue(new Decimal('120000000'), history('1200000'))).toBe(false);
    expect(isImplausibleValue(new Decimal('60000000'), history('5000000'))).toBe(false);
  });

  it('holds a value above the floor when the buyer has no usual scale yet', () => {
    expect(isImplausibleValue(new Decimal('60000000'), history(null, 0))).toBe(true);
    expect(isImplausibleValue(new Decimal('60000000'), history('59000000', 2))).toBe(true);
    expect(isImplausibleValue(new Decimal('60000000'), history('59000000', 3))).toBe(false);
  });
});
