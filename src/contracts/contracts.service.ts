import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Contract, ContractAmendment, ContractStatus, ReviewStatus } from './contract.entity.js';
import { isImplausibleValue } from './contract-review.js';
import { buyerValueHistory } from './contracts.repository.js';
import { canTransitionContract, isAmendable } from './contract-status.js';
import { canReadContract } from './contract-access.js';
import { planAmendment } from './contract-amendment.js';
import { ContractsRepository } from './contracts.repository.js';
import type { AmendContractInput, ContractFilter, ContractStatusChangeInput, ReviewContractInput, SupplierContractAnswerInput, TerminateContractInput } from './dto/contract.inputs.js';
import { confirmationAfterAmendment, confirmationProblem, type ConfirmationAnswer } from './contract-confirmation.js';
import { AppError, type FieldError } from '../common/app-error.js';
import { toConnection, whenAsked, type Connection } from '../common/pagination.js';
import { dateIdCursor } from '../common/cursor-keys.js';
import { todayInChina } from '../common/local-date.scalar.js';
import { Role, type Principal } from '../access/role.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';

/**
 * Reading contracts (the two parties; a bureau within its jurisdiction, read-only) and the
 * buyer's changes to them: status along the contract state machine, termination, and
 * amendments with their history. Every change is a guarded UPDATE on the version the client
 * read, with its audit event and outbox row in the same transaction.
 */
@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ContractsRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async get(actor: Principal, id: string): Promise<Contract> {
    const contract = await this.dataSource.getRepository(Contract).findOneBy({ id });
    if (!contract || !canReadContract(actor, contract)) throw AppError.notFound('Contract');
    return contract;
  }

  /** Contracts the caller may read, most recently signed first. */
  async list(actor: Principal, filter: ContractFilter, first: number, after: string | null | undefined): Promise<Connection<Contract>> {
    const query = this.repository.visibleTo(actor, filter);
    // Counted only if the client selects totalCount (see Connection).
    const counting = query.clone();
    const totalCount = whenAsked(() => counting.getCount());
    const cursor = dateIdCursor(after);
    if (cursor) query.andWhere('(k.signed_date, k.id) < (:signed::date, :id::uuid)', { signed: cursor[0], id: cursor[1] });
    const rows = await query.orderBy('k.signed_date', 'DESC').addOrderBy('k.id', 'DESC').take(first + 1).getMany();
    return toConnection(rows, first, totalCount, (k) => [k.signedDate, k.id]);
  }

  /** SIGNED → ACTIVE, or ACTIVE → COMPLETED. */
  async transition(actor: Principal, input: ContractStatusChangeInput, to: ContractStatus.ACTIVE | ContractStatus.COMPLETED): Promise<Contract> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.buyerForWrite(manager, actor, input.id);
      if (!canTransitionContract(before.status, to)) throw AppError.conflict(`A ${before.status} contract cannot become ${to}`);
      return this.update(manager, actor, before, input.version, { status: to }, `contract.${to.toLowerCase()}`);
    });
  }

  /** SIGNED or ACTIVE → TERMINATED, with the reason and, if known, the value delivered. */
  async terminate(actor: Principal, input: TerminateContractInput): Promise<Contract> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.buyerForWrite(manager, actor, input.id);
      if (!canTransitionContract(before.status, ContractStatus.TERMINATED)) throw AppError.conflict(`A ${before.status} contract cannot be terminated`);
      const delivered = input.deliveredValue ?? null;
      const problems: FieldError[] = [];
      if (delivered !== null) {
        if (delivered.isNegative()) problems.push({ field: 'input.deliveredValue', message: 'must not be negative' });
        if (delivered.greaterThan(before.totalValue)) problems.push({ field: 'input.deliveredValue', message: `must not exceed the contract value ${before.totalValue.toFixed()}` });
        if (delivered.decimalPlaces() > 2) problems.push({ field: 'input.deliveredValue', message: 'at most 2 decimal places' });
      }
      if (input.reason.trim() === '') problems.push({ field: 'input.reason', message: 'give the reason' });
      if (problems.length > 0) throw AppError.invalid(problems);
      const after = await this.update(manager, actor, before, input.version, { status: ContractStatus.TERMINATED, terminationReason: input.reason.trim(), deliveredValue: delivered }, 'contract.terminate');
      await this.outbox.publish(manager, { kind: 'ContractTerminated', payload: { contractId: before.id } }, { actorUserId: actor.userId });
      return after;
    });
  }

  /** Changes value, volume or dates of a SIGNED or ACTIVE contract; the change is kept in its history. */
  async amend(actor: Principal, input: AmendContractInput): Promise<Contract> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.buyerForWrite(manager, actor, input.id);
      if (!isAmendable(before.status)) throw AppError.conflict(`A ${before.status} contract can no longer be amended`);
      if (before.version !== input.version) throw AppError.staleVersion('Contract', input.version, before.version);
      const plan = planAmendment(before, { unitPrice: input.unitPrice, volume: input.volume, totalValue: input.totalValue, startDate: input.startDate, endDate: input.endDate });
      if (!plan.ok) throw AppError.invalid(plan.problems);
      // A new value implausible for this buyer puts the contract (back) on hold for review.
      const newValue = plan.terms.totalValue;
      const hold = newValue !== undefined && newValue !== null && !newValue.equals(before.totalValue) && before.reviewStatus !== ReviewStatus.REJECTED
        && isImplausibleValue(newValue, await buyerValueHistory(manager, before.buyerOrganizationId, before.id));
      const after = await this.update(manager, actor, before, input.version, {
        ...plan.terms, supplierConfirmation: confirmationAfterAmendment(before), ...(hold ? { reviewStatus: ReviewStatus.HELD } : {}),
      }, 'contract.amend');
      const [{ next }] = await manager.query<{ next: number }[]>('SELECT COALESCE(MAX(sequence), 0)::int + 1 AS next FROM contract_amendments WHERE contract_id = $1', [before.id]);
      const amendment = manager.create(ContractAmendment, {
        contractId: before.id,
        sequence: next,
        before: plan.diff.before,
        after: plan.diff.after,
        reason: input.reason.trim(),
        effectiveDate: input.effectiveDate ?? todayInChina(),
        amendedBy: actor.userId,
      });
      await manager.save(amendment);
      await this.outbox.publish(manager, { kind: 'ContractAmended', payload: { contractId: before.id } }, { actorUserId: actor.userId });
      return after;
    });
  }

  /** Contracts held for review that the caller may review, most recently signed first. */
  async heldForReview(actor: Principal, first: number, after: string | null | undefined): Promise<Connection<Contract>> {
    const query = this.repository.heldFor(actor);
    // Counted only if the client selects totalCount (see Connection).
    const counting = query.clone();
    const totalCount = whenAsked(() => counting.getCount());
    const cursor = dateIdCursor(after);
    if (cursor) query.andWhere('(k.signed_date, k.id) < (:signed::date, :id::uuid)', { signed: cursor[0], id: cursor[1] });
    const rows = await query.orderBy('k.signed_date', 'DESC').addOrderBy('k.id', 'DESC').take(first + 1).getMany();
    return toConnection(rows, first, totalCount, (k) => [k.signedDate, k.id]);
  }

  /**
   * Releases (it counts) or rejects (it never counts) a contract held for review: a platform
   * admin, or a bureau analyst whose jurisdiction holds the buyer plant; a reason is required.
   */
  async review(actor: Principal, input: ReviewContractInput, decision: ReviewStatus.RELEASED | ReviewStatus.REJECTED): Promise<Contract> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(Contract, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      const mayReview = before !== null && (actor.role === Role.PLATFORM_ADMIN || (actor.role === Role.BUREAU_ANALYST && canReadContract(actor, before)));
      if (!before || !mayReview) throw AppError.notFound('Contract');
      if (before.reviewStatus !== ReviewStatus.HELD) throw AppError.conflict(`The contract is not held for review (${before.reviewStatus})`);
      const note = input.reason.trim();
      if (note === '') throw AppError.badInput('input.reason', 'give the reason for the decision');
      return this.update(manager, actor, before, before.version, { reviewStatus: decision, reviewNote: note, reviewedBy: actor.userId, reviewedAt: new Date() },
        decision === ReviewStatus.RELEASED ? 'contract.review_release' : 'contract.review_reject');
    });
  }

  /** The supplier named by a recorded contract confirms or disputes it (audit logged). */
  async answerAsSupplier(actor: Principal, input: SupplierContractAnswerInput, answer: ConfirmationAnswer): Promise<Contract> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(Contract, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!before || !canReadContract(actor, before)) throw AppError.notFound('Contract');
      const problem = confirmationProblem(actor, before, answer, input.note);
      if (problem?.code === 'FORBIDDEN') throw AppError.forbidden(problem.message);
      if (problem?.code === 'CONFLICT') throw AppError.conflict(problem.message);
      if (problem) throw AppError.badInput('input.note', problem.message);
      const note = input.note.trim();
      return this.update(manager, actor, before, input.version, {
        supplierConfirmation: answer, supplierConfirmationNote: note === '' ? null : note, supplierConfirmedAt: new Date(), supplierConfirmedBy: actor.userId,
      }, answer === 'CONFIRMED' ? 'contract.supplier_confirm' : 'contract.supplier_dispute');
    });
  }

  /** The contract locked for change by its buyer; others who can read it get FORBIDDEN, the rest NOT_FOUND. */
  private async buyerForWrite(manager: EntityManager, actor: Principal, id: string): Promise<Contract> {
    const contract = await manager.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!contract || !canReadContract(actor, contract)) throw AppError.notFound('Contract');
    if (actor.role !== Role.OEM_BUYER || contract.buyerOrganizationId !== actor.organizationId) throw AppError.forbidden('Only the buyer may change a contract');
    return contract;
  }

  private async update(manager: EntityManager, actor: Principal, before: Contract, version: number, changes: Partial<Contract>, action: string): Promise<Contract> {
    const result = await manager
      .createQueryBuilder()
      .update(Contract)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: before.id, version })
      .execute();
    if (result.affected !== 1) throw AppError.staleVersion('Contract', version, before.version);
    const after = await manager.findOneByOrFail(Contract, { id: before.id });
    await this.audit.record(manager, actor, { action, entityType: 'Contract', entityId: before.id, before, after });
    await this.outbox.enqueue(manager, 'Contract', before.id);
    return after;
  }
}
