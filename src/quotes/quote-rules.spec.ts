import { QuoteStatus as Q } from './quote.entity.js';
import { canTransitionQuote, quoteWindowClosed } from './quote-rules.js';
import { RequirementStatus } from '../requirements/requirement-status.js';

describe('quote rules', () => {
  it.each([
    [Q.SUBMITTED, Q.ACCEPTED, true],
    [Q.SUBMITTED, Q.REJECTED, true],
    [Q.SUBMITTED, Q.WITHDRAWN, true],
    [Q.WITHDRAWN, Q.SUBMITTED, true],
    [Q.WITHDRAWN, Q.ACCEPTED, false],
    [Q.ACCEPTED, Q.WITHDRAWN, false],
    [Q.REJECTED, Q.SUBMITTED, false],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canTransitionQuote(from, to)).toBe(allowed);
  });

  const deadline = new Date('2026-06-30T10:00:00Z');
  it('is open on an OPEN requirement until the deadline instant', () => {
    expect(quoteWindowClosed({ status: RequirementStatus.OPEN, quoteDeadline: deadline }, new Date('2026-06-30T09:59:59.999Z'))).toBeNull();
    expect(quoteWindowClosed({ status: RequirementStatus.OPEN, quoteDeadline: deadline }, deadline)).toMatch(/deadline .* has passed/);
  });

  it.each([RequirementStatus.DRAFT, RequirementStatus.AWARDED, RequirementStatus.CLOSED, RequirementStatus.CANCELLED])('is closed on a %s requirement', (status) => {
    expect(quoteWindowClosed({ status, quoteDeadline: deadline }, new Date('2026-01-01T00:00:00Z'))).toMatch(status);
  });
});
