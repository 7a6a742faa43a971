import { Decimal } from 'decimal.js';
import { countedValue, countedValueSql, countsAsContract } from './counted-value.js';

describe('counted value', () => {
  it('counts a live or completed contract at its current total value', () => {
    for (const status of ['SIGNED', 'ACTIVE', 'COMPLETED']) {
      expect(countedValue({ status, totalValue: '1200.50', deliveredValue: '10' }).toString()).toBe('1200.5');
      expect(countsAsContract({ status, totalValue: '1200.50', deliveredValue: null })).toBe(true);
    }
  });

  it('counts a terminated contract only at what was delivered, nothing when unknown', () => {
    expect(countedValue({ status: 'TERMINATED', totalValue: '1000', deliveredValue: '250.25' })).toEqual(new Decimal('250.25'));
    expect(countedValue({ status: 'TERMINATED', totalValue: '1000', deliveredValue: null }).isZero()).toBe(true);
    expect(countsAsContract({ status: 'TERMINATED', totalValue: '1000', deliveredValue: '250.25' })).toBe(true);
    expect(countsAsContract({ status: 'TERMINATED', totalValue: '1000', deliveredValue: null })).toBe(false);
    expect(countsAsContract({ status: 'TERMINATED', totalValue: '1000', deliveredValue: '0.00' })).toBe(false);
  });

  it('states the same rule in SQL', () => {
    expect(countedValueSql('k')).toBe("CASE WHEN k.status = 'TERMINATED' THEN COALESCE(k.delivered_value, 0) ELSE k.total_value END");
  });
});
