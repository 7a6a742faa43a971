import { inOrder } from './date-order.js';

describe('inOrder', () => {
  it('compares dates as YYYY-MM-DD strings, the same day being in order', () => {
    expect(inOrder('2027-01-01', '2027-01-02')).toBe(true);
    expect(inOrder('2027-01-01', '2027-01-01')).toBe(true);
    expect(inOrder('2027-01-02', '2027-01-01')).toBe(false);
  });

  it('compares instants by time', () => {
    expect(inOrder(new Date('2027-01-01T08:00:00+08:00'), new Date('2027-01-01T00:00:00Z'))).toBe(true);
    expect(inOrder(new Date('2027-01-01T00:00:01Z'), new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });

  it('takes a missing end as in order', () => {
    expect(inOrder(null, '2027-01-01')).toBe(true);
    expect(inOrder('2027-01-01', undefined)).toBe(true);
  });
});
