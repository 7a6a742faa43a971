/**
 * When a quote may change, as pure functions.
 *
 * A quote's life: SUBMITTED → (ACCEPTED | REJECTED | WITHDRAWN). The award decides ACCEPTED
 * or REJECTED; the supplier may withdraw, and may submit again after withdrawing (the same
 * quote, as a new revision) while the requirement is OPEN and its deadline has not passed.
 * After the quote deadline every quote on the requirement is frozen for its supplier.
 */
import { QuoteStatus } from './quote.entity.js';
import { RequirementStatus } from '../requirements/requirement-status.js';

const TRANSITIONS: Readonly<Record<QuoteStatus, readonly QuoteStatus[]>> = {
  [QuoteStatus.SUBMITTED]: [QuoteStatus.ACCEPTED, QuoteStatus.REJECTED, QuoteStatus.WITHDRAWN],
  [QuoteStatus.WITHDRAWN]: [QuoteStatus.SUBMITTED],
  [QuoteStatus.ACCEPTED]: [],
  [QuoteStatus.REJECTED]: [],
};

export function canTransitionQuote(from: QuoteStatus, to: QuoteStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Why suppliers can no longer submit, revise or withdraw quotes on this requirement, or null
 * while they can: it must be OPEN and before its quote deadline (the deadline instant itself
 * is already too late).
 */
export function quoteWindowClosed(requirement: { status: RequirementStatus; quoteDeadline: Date }, now: Date): string | null {
  if (requirement.status !== RequirementStatus.OPEN) return `The requirement is ${requirement.status}: quotes are closed`;
  if (now.getTime() >= requirement.quoteDeadline.getTime()) return `The quote deadline (${requirement.quoteDeadline.toISOString()}) has passed: quotes are frozen`;
  return null;
}
