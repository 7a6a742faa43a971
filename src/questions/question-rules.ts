/**
 * Clarification questions, as pure rules.
 *
 * Who reads a question: the buyer organisation that posted the requirement reads every question
 * on it, with the asker; the asking supplier reads its own; a supplier taking part in the
 * requirement (invited to it, quoting on it, or having asked on it) reads the questions whose
 * answer the buyer published, without the asker. Nobody else — not another OEM, not a bureau,
 * not the platform: a question may reveal a supplier's plans.
 *
 * When: questions are asked and answered while the requirement is OPEN and before its quote
 * deadline (the deadline instant itself is too late); each question is answered once.
 */
import { Role, type Principal } from '../access/role.js';
import { RequirementStatus } from '../requirements/requirement-status.js';
import { AnswerVisibility } from './question.entity.js';

export interface QuestionFacts {
  supplierId: string;
  visibility: AnswerVisibility | null;
}

/** `requirementOwnerId`: who posted the requirement; `participant`: the reader's supplier organisation takes part in it. */
export function canReadQuestion(actor: Principal, question: QuestionFacts, requirementOwnerId: string, participant: boolean): boolean {
  switch (actor.role) {
    case Role.OEM_BUYER:
      return requirementOwnerId === actor.organizationId;
    case Role.SUPPLIER_ADMIN:
      return question.supplierId === actor.organizationId || (participant && question.visibility === AnswerVisibility.PUBLISHED);
    case Role.BUREAU_ANALYST:
    case Role.PLATFORM_ADMIN:
      return false;
    default: {
      const unknownRole: never = actor.role;
      throw new Error(`unknown role ${String(unknownRole)}`);
    }
  }
}

/** Whether the reader may see which supplier asked: the buyer and the asker only. */
export function canSeeAsker(actor: Principal, question: QuestionFacts, requirementOwnerId: string): boolean {
  return (actor.role === Role.OEM_BUYER && requirementOwnerId === actor.organizationId) || (actor.role === Role.SUPPLIER_ADMIN && question.supplierId === actor.organizationId);
}

/** Why questions can no longer be asked or answered on this requirement, or null while they can. */
export function questionWindowClosed(requirement: { status: RequirementStatus; quoteDeadline: Date }, now: Date): string | null {
  if (requirement.status !== RequirementStatus.OPEN) return `The requirement is ${requirement.status}: questions are closed`;
  if (now.getTime() >= requirement.quoteDeadline.getTime()) return `The quote deadline (${requirement.quoteDeadline.toISOString()}) has passed: questions are closed`;
  return null;
}

/** Who may ask: a supplier the buyer invited, or one that qualifies for the requirement with one of its plants. */
export function askRefusal(invited: boolean, qualified: boolean): string | null {
  if (invited || qualified) return null;
  return 'Only suppliers invited to this requirement, or qualified for it with one of their plants, may ask about it';
}
