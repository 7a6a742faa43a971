import { QuoteStatus as Q } from './quote.entity.js';
import { canTransitionQuote, quoteGateRefusal, quoteWindowClosed } from './quote-rules.js';
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

describe('quoteGateRefusal', () => {
  const failures = [
    { filter: 'CATEGORY', reason: 'no capability in CHASSIS.BRAKE_BY_WIRE' },
    { filter: 'CERTIFICATION', reason: 'ISO 26262 ASIL B held, ASIL D required' },
  ];

  it('lets an invited or a qualified supplier quote', () => {
    expect(quoteGateRefusal(true, [])).toBeNull();
    expect(quoteGateRefusal(false, [])).toBeNull();
    expect(quoteGateRefusal(true, failures)).toBeNull();
  });

  it('refuses an uninvited, unqualified supplier, naming both reasons and every failure', () => {
    const refusal = quoteGateRefusal(false, failures);
    expect(refusal).toBe('Not invited to quote on this requirement and not qualified for it: CATEGORY: no capability in CHASSIS.BRAKE_BY_WIRE; CERTIFICATION: ISO 26262 ASIL B held, ASIL D required');
    expect(quoteGateRefusal(false, failures.slice(1))).toContain('ASIL D required');
  });
});
