import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AnswerVisibility, ClarificationQuestion } from './question.entity.js';
import { askRefusal, questionWindowClosed } from './question-rules.js';
import { questionModel, visibleQuestions } from './question-visibility.js';
import { QuestionsRepository } from './questions.repository.js';
import type { ClarificationQuestionModel } from './question.models.js';
import type { AnswerQuestionInput, AskQuestionInput } from './dto/question.inputs.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { Principal } from '../access/role.js';
import { Requirement } from '../requirements/requirement.entity.js';
import { RequirementsService } from '../requirements/requirements.service.js';
import { RequirementStatus } from '../requirements/requirement-status.js';
import { Site } from '../organizations/site.entity.js';
import { QuoteInvitation } from '../quotes/quote.entity.js';
import { MatchingService } from '../matching/matching.service.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';

/**
 * Clarification questions on requirements (the rules in question-rules.ts): suppliers invited or
 * qualified ask while the requirement is OPEN and before its quote deadline; the buyer answers
 * each once, privately or published to every supplier taking part, without the asker's name.
 */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: QuestionsRepository,
    private readonly requirements: RequirementsService,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async ask(actor: Principal, input: AskQuestionInput): Promise<ClarificationQuestionModel> {
    const text = input.question.trim();
    if (text === '') throw AppError.badInput('input.question', 'must not be empty');
    const question = await this.dataSource.transaction(async (manager) => {
      // A supplier reads every OPEN requirement; anything else it may not ask about is NOT_FOUND.
      const requirement = await manager.findOne(Requirement, { where: { id: input.requirementId }, lock: { mode: 'pessimistic_read' } });
      if (!requirement) throw AppError.notFound('Requirement');
      // Not OPEN: NOT_FOUND unless the supplier may still read it (involved), which then hears why it is closed.
      if (requirement.status !== RequirementStatus.OPEN) await this.requirements.get(actor, requirement.id);
      const closed = questionWindowClosed(requirement, new Date());
      if (closed) throw AppError.conflict(closed);
      const invited = await manager.existsBy(QuoteInvitation, { requirementId: requirement.id, supplierId: actor.organizationId });
      const refusal = askRefusal(invited, invited || (await this.qualifies(actor.organizationId, requirement.id)));
      if (refusal) throw AppError.forbidden(refusal);
      const row = manager.create(ClarificationQuestion, { requirementId: requirement.id, supplierId: actor.organizationId, askedBy: actor.userId, question: text, answer: null, visibility: null, answeredBy: null, answeredAt: null });
      await manager.save(row);
      await this.audit.record(manager, actor, { action: 'question.ask', entityType: 'ClarificationQuestion', entityId: row.id, after: row });
      // The buyer is told (notifications); the event commits with the question.
      await this.outbox.publish(manager, { kind: 'QuestionAsked', payload: { questionId: row.id, requirementId: row.requirementId, askerOrganizationId: row.supplierId } }, { actorUserId: actor.userId });
      return row;
    });
    return questionModel(actor, question, true);
  }

  async answer(actor: Principal, input: AnswerQuestionInput): Promise<ClarificationQuestionModel> {
    const text = input.answer.trim();
    if (text === '') throw AppError.badInput('input.answer', 'must not be empty');
    const question = await this.dataSource.transaction(async (manager) => {
      const peek = await manager.findOneBy(ClarificationQuestion, { id: input.id });
      const requirement = peek ? await manager.findOne(Requirement, { where: { id: peek.requirementId }, lock: { mode: 'pessimistic_read' } }) : null;
      // Only the buyer that posted the requirement knows of its questions: anyone else, NOT_FOUND.
      if (!peek || !requirement || requirement.organizationId !== actor.organizationId) throw AppError.notFound('Question');
      const closed = questionWindowClosed(requirement, new Date());
      if (closed) throw AppError.conflict(closed);
      const before = await manager.findOneOrFail(ClarificationQuestion, { where: { id: peek.id }, lock: { mode: 'pessimistic_write' } });
      if (before.answer !== null) throw AppError.conflict('This question is already answered');
      const visibility = input.publish ? AnswerVisibility.PUBLISHED : AnswerVisibility.PRIVATE;
      const result = await manager.createQueryBuilder().update(ClarificationQuestion)
        .set({ answer: text, visibility, answeredBy: actor.userId, answeredAt: () => 'now()', version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: before.id, version: input.version })
        .execute();
      if (result.affected !== 1) throw AppError.staleVersion('Question', input.version, before.version);
      const after = await manager.findOneByOrFail(ClarificationQuestion, { id: before.id });
      // The asker alone is told of a private answer; of a published one, every supplier taking part, never naming the asker.
      await this.outbox.publish(manager, { kind: 'AnswerGiven', payload: { questionId: after.id, requirementId: after.requirementId, askerOrganizationId: after.supplierId, published: after.visibility === AnswerVisibility.PUBLISHED } }, { actorUserId: actor.userId });
      await this.audit.record(manager, actor, { action: 'question.answer', entityType: 'ClarificationQuestion', entityId: after.id, before: { version: before.version }, after: { answer: after.answer, visibility: after.visibility, version: after.version } });
      return after;
    });
    return questionModel(actor, question, true);
  }

  /** A question the caller may read (canReadQuestion); NOT_FOUND otherwise, whether or not it exists. */
  async get(actor: Principal, id: string): Promise<ClarificationQuestionModel> {
    const question = await this.dataSource.getRepository(ClarificationQuestion).findOneBy({ id });
    if (!question) throw AppError.notFound('Question');
    const [visible] = await this.visible(actor, [question]);
    if (!visible) throw AppError.notFound('Question');
    return visible;
  }

  /** The questions on a requirement the caller may read (NOT_FOUND when it may not read the requirement). */
  async onRequirement(actor: Principal, requirementId: string): Promise<ClarificationQuestionModel[]> {
    await this.requirements.get(actor, requirementId);
    return this.visible(actor, await this.repository.onRequirements([requirementId]));
  }

  private visible(actor: Principal, questions: ClarificationQuestion[]): Promise<ClarificationQuestionModel[]> {
    return visibleQuestions(this.dataSource, actor, questions);
  }

  /** Whether the supplier passes the hard filters with at least one of its plants (the quote gate's rule). */
  private async qualifies(supplierId: string, requirementId: string): Promise<boolean> {
    const sites = await this.dataSource.getRepository(Site).find({ select: { id: true }, where: { organizationId: supplierId } });
    if (sites.length === 0) return false;
    try {
      const failures = await this.matching.plantQualifications(this.dataSource.manager, requirementId, sites.map((s) => ({ supplierId, siteId: s.id })));
      return failures.some((f) => f.length === 0);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return false;
      throw error;
    }
  }
}
