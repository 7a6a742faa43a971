import { Decimal } from 'decimal.js';
import { planAmendment, type ContractTerms } from './contract-amendment.js';

const current: ContractTerms = { unitPrice: new Decimal('98.5'), volume: 60000, totalValue: new Decimal('5910000.00'), startDate: '2027-01-01', endDate: null };

describe('planAmendment', () => {
  it('recomputes the total when the volume changes, and records only what changed', () => {
    const plan = planAmendment(current, { volume: 70000 });
    expect(plan.ok && plan.terms.totalValue.toFixed(2)).toBe('6895000.00');
    expect(plan.ok && plan.diff).toEqual({ before: { volume: 60000, totalValue: '5910000' }, after: { volume: 70000, totalValue: '6895000' } });
  });

  it('keeps an explicit total even when the price changes', () => {
    const plan = planAmendment(current, { unitPrice: new Decimal('97'), totalValue: new Decimal('5800000') });
    expect(plan.ok && plan.diff.after).toEqual({ unitPrice: '97', totalValue: '5800000' });
  });

  it('changes dates alone without touching the money', () => {
    const plan = planAmendment(current, { endDate: '2028-12-31' });
    expect(plan.ok && plan.diff).toEqual({ before: { endDate: null }, after: { endDate: '2028-12-31' } });
  });

  it.each([
    ['nothing', {}, 'input'],
    ['the same volume', { volume: 60000 }, 'input'],
    ['a zero price', { unitPrice: new Decimal(0) }, 'input.unitPrice'],
    ['a price with 5 decimals', { unitPrice: new Decimal('1.00001') }, 'input.unitPrice'],
    ['a total with 3 decimals', { totalValue: new Decimal('1.001') }, 'input.totalValue'],
    ['an end before the start', { endDate: '2026-12-31' }, 'input.endDate'],
    ['a start after the end', { startDate: '2029-01-01', endDate: '2028-01-01' }, 'input.endDate'],
  ])('refuses %s', (_name, change, field) => {
    const plan = planAmendment(current, change);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.problems.map((p) => p.field)).toContain(field);
  });
});
