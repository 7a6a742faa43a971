import { Decimal } from 'decimal.js';
import { contractValue, contractValueProblem, unitPriceProblem } from './money.js';

describe('contract value', () => {
  it('rounds contract values half up to the fen', () => {
    expect(contractValue(new Decimal('0.0005'), 1).toFixed(2)).toBe('0.00');
    expect(contractValue(new Decimal('0.005'), 1).toFixed(2)).toBe('0.01');
    expect(contractValue(new Decimal('1.2345'), 3).toFixed(2)).toBe('3.70');
  });
});

describe('money bounds', () => {
  it('keeps unit prices and contract values well inside their columns', () => {
    expect(['0.0001', '9999999999.9999'].map((p) => unitPriceProblem(new Decimal(p)))).toEqual([null, null]);
    expect(['0', '-1', '1.00001', '10000000000'].map((p) => unitPriceProblem(new Decimal(p)))).toEqual(['must be greater than 0', 'must be greater than 0', 'at most 4 decimal places', 'must be less than 10000000000']);
    expect(['0.01', '9999999999999999.99'].map((v) => contractValueProblem(new Decimal(v)))).toEqual([null, null]);
    expect(['0', '0.001', '1e16'].map((v) => contractValueProblem(new Decimal(v)))).toEqual(['must be greater than 0', 'at most 2 decimal places', 'must be less than 10000000000000000']);
  });
});
