import { RequirementStatus as S, canTransition, isEditable } from './requirement-status.js';

describe('requirement status machine', () => {
  it.each([
    [S.DRAFT, S.OPEN, true],
    [S.DRAFT, S.CANCELLED, true],
    [S.DRAFT, S.CLOSED, false],
    [S.DRAFT, S.AWARDED, false],
    [S.OPEN, S.AWARDED, true],
    [S.OPEN, S.CLOSED, true],
    [S.OPEN, S.CANCELLED, true],
    [S.OPEN, S.DRAFT, false],
    [S.CLOSED, S.OPEN, false],
    [S.AWARDED, S.CANCELLED, false],
    [S.CANCELLED, S.OPEN, false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('allows edits only before a final state', () => {
    expect([S.DRAFT, S.OPEN, S.AWARDED, S.CLOSED, S.CANCELLED].map(isEditable)).toEqual([true, true, false, false, false]);
  });
});
