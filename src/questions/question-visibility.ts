import { In, type DataSource } from 'typeorm';
import { Role, type Principal } from '../access/role.js';
import { Requirement } from '../requirements/requirement.entity.js';
import type { ClarificationQuestion } from './question.entity.js';
import type { ClarificationQuestionModel } from './question.models.js';
import { canReadQuestion, canSeeAsker } from './question-rules.js';
import { QuestionsRepository } from './questions.repository.js';

/**
 * Of these questions, those the reader may read (canReadQuestion), as the reader sees them (the
 * asker named only to the buyer and the asker). Two queries whatever the number of questions.
 * QuestionsService uses it for the root queries, the question loader for `Requirement.questions`.
 */
export async function visibleQuestions(dataSource: DataSource, actor: Principal, questions: readonly ClarificationQuestion[]): Promise<ClarificationQuestionModel[]> {
  if (questions.length === 0 || (actor.role !== Role.OEM_BUYER && actor.role !== Role.SUPPLIER_ADMIN)) return [];
  const requirementIds = [...new Set(questions.map((q) => q.requirementId))];
  const owners = new Map((await dataSource.getRepository(Requirement).find({ select: { id: true, organizationId: true }, where: { id: In(requirementIds) } })).map((r) => [r.id, r.organizationId]));
  const participating = actor.role === Role.SUPPLIER_ADMIN ? await new QuestionsRepository(dataSource).participatingIn(actor.organizationId, requirementIds) : new Set<string>();
  return questions
    .filter((q) => canReadQuestion(actor, q, owners.get(q.requirementId) ?? '', participating.has(q.requirementId)))
    .map((q) => questionModel(actor, q, canSeeAsker(actor, q, owners.get(q.requirementId) ?? '')));
}

export function questionModel(actor: Principal, q: ClarificationQuestion, showAsker: boolean): ClarificationQuestionModel {
  return {
    id: q.id,
    requirementId: q.requirementId,
    question: q.question,
    answer: q.answer,
    visibility: q.visibility,
    askedAt: q.createdAt,
    answeredAt: q.answeredAt,
    mine: q.supplierId === actor.organizationId,
    supplierId: showAsker ? q.supplierId : null,
    version: q.version,
  };
}
