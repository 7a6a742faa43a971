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

/** A hard filter the supplier fails, as the qualification rule names it (src/matching/qualification.ts). */
export interface QualificationFailure {
  filter: string;
  reason: string;
}

/**
 * Who may quote: a supplier the buyer invited, or one that passes the qualification rule with
 * the plant it quotes from. An invited supplier that fails the filters may still quote — the
 * buyer chose it — and its quote carries the failures (`eligible: false`); awarding it then needs
 * an explicit override. Returns why a quote is refused, or null when it may be made.
 */
export function quoteGateRefusal(invited: boolean, failures: readonly QualificationFailure[]): string | null {
  if (invited || failures.length === 0) return null;
  return `Not invited to quote on this requirement and not qualified for it: ${failures.map((f) => `${f.filter}: ${f.reason}`).join('; ')}`;
}
