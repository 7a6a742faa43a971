import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Award, Contract, ContractSource, ContractStatus, SupplierConfirmation } from './contract.entity.js';
import { awardRequestHash, overrideReason, planAward, qualificationRefusal, type QuoteForAward } from './award-plan.js';
import { localitySnapshot, hasChineseRegion } from '../locality/locality-snapshot.js';
import { isRetryableConflict, isUniqueViolation } from '../common/db-errors.js';
import type { AwardRequirementInput } from './dto/contract.inputs.js';
import { AppError } from '../common/app-error.js';
import { todayInChina } from '../common/local-date.scalar.js';
import type { Principal } from '../access/role.js';
import { Requirement } from '../requirements/requirement.entity.js';
import { RequirementStatus } from '../requirements/requirement-status.js';
import { RequirementsService } from '../requirements/requirements.service.js';
import { Quote, QuoteStatus } from '../quotes/quote.entity.js';
import { Site } from '../organizations/site.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { MatchingService } from '../matching/matching.service.js';

export interface AwardOutcome {
  award: Award;
  contracts: Contract[];
  /** True when the call found the award an earlier call with the same key had made. */
  replayed: boolean;
}

const MAX_ATTEMPTS = 3;

/**
 * Turns quotes into contracts. One award per requirement, in one transaction: the
 * requirement becomes AWARDED, the chosen quotes ACCEPTED, the other live ones REJECTED,
 * one contract per chosen quote with its locality snapshot, audit events and outbox rows.
 *
 * Idempotency: the client's key is unique per buying organisation (awards_buyer_key) and an
 * award is unique per requirement (awards_requirement_key), so however many calls race, at
 * most one award and one set of contracts exist. A call whose key is already used gets that
 * award's contracts back if its input hashes the same, and CONFLICT otherwise; a call with a
 * new key on an awarded requirement gets CONFLICT. A unique violation from a race is turned
 * into the same answers, never a server error.
 */
@Injectable()
export class AwardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requirements: RequirementsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly matching: MatchingService,
  ) {}

  async award(actor: Principal, input: AwardRequirementInput): Promise<AwardOutcome> {
    const hash = awardRequestHash(input);
    const earlier = await this.findAward(this.dataSource.manager, actor.organizationId, input.idempotencyKey);
    if (earlier) return this.replay(this.dataSource.manager, earlier, hash);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.awardIn(manager, actor, input, hash));
      } catch (error) {
        if (isUniqueViolation(error)) {
          // Another call got there first: with this key (answer as a retry), or on this requirement.
          const winner = await this.findAward(this.dataSource.manager, actor.organizationId, input.idempotencyKey);
          if (winner) return this.replay(this.dataSource.manager, winner, hash);
          throw AppError.conflict('This requirement has already been awarded');
        }
        if (isRetryableConflict(error)) {
          if (attempt < MAX_ATTEMPTS) continue;
          throw AppError.conflict('The award collided with other changes: try again with the same idempotency key');
        }
        throw error;
      }
    }
  }

  private async awardIn(manager: EntityManager, actor: Principal, input: AwardRequirementInput, hash: string): Promise<AwardOutcome> {
    // The requirement row is the lock every award on it queues on.
    const requirement = await manager.findOne(Requirement, { where: { id: input.requirementId }, lock: { mode: 'pessimistic_write' } });
    if (!requirement) throw AppError.notFound('Requirement');
    if (requirement.organizationId !== actor.organizationId) {
      if (requirement.status === RequirementStatus.OPEN) throw AppError.forbidden('Only the buyer who posted a requirement may award it');
      throw AppError.notFound('Requirement');
    }
    // A call with the same key may have committed while this one waited for the lock.
    const earlier = await this.findAward(manager, actor.organizationId, input.idempotencyKey);
    if (earlier) return this.replay(manager, earlier, hash);
    if (requirement.status !== RequirementStatus.OPEN) throw AppError.conflict(`A ${requirement.status} requirement cannot be awarded`);

    const quotes = await manager.find(Quote, { where: { requirementId: requirement.id }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const facts = new Map<string, QuoteForAward>(quotes.map((q) => [q.id.toLowerCase(), q]));
    const plan = planAward(requirement.annualVolume, facts, input.lines, todayInChina());
    if (!plan.ok) {
      const { refusal } = plan;
      throw refusal.kind === 'CONFLICT' ? AppError.conflict(refusal.message) : AppError.badInput(refusal.field, refusal.message);
    }
    // The qualification gate: each chosen supplier with the plant it quoted from, on the SOP date,
    // read in this transaction; an ineligible one only with an override and its reason.
    const failures = await this.matching.plantQualifications(manager, requirement.id, plan.contracts.map((c) => ({ supplierId: c.quote.supplierId, siteId: c.quote.siteId })));
    const ungated = qualificationRefusal(input.lines, failures);
    if (ungated) throw ungated.kind === 'CONFLICT' ? AppError.conflict(ungated.message) : AppError.badInput(ungated.field, ungated.message);
    const startDate = input.startDate ?? requirement.sopDate;
    const endDate = input.endDate ?? null;
    if (endDate !== null && endDate < startDate) throw AppError.badInput('input.endDate', `must not be before the start date ${startDate}`);

    // The plants as they are now: the snapshot is taken from these rows, held still until commit.
    const sites = await manager.find(Site, { where: { id: In([requirement.deliverySiteId, ...plan.contracts.map((c) => c.quote.siteId)]) }, lock: { mode: 'pessimistic_read' } });
    const siteById = new Map(sites.map((s) => [s.id, s]));
    const buyerSite = siteById.get(requirement.deliverySiteId);
    if (!buyerSite || !hasChineseRegion(buyerSite)) throw AppError.conflict('Contracts are tracked for delivery plants in China: this requirement\'s plant has no region code');

    const award = manager.create(Award, { buyerOrganizationId: actor.organizationId, idempotencyKey: input.idempotencyKey, requestHash: hash, requirementId: requirement.id, awardedBy: actor.userId });
    await manager.save(award);
    const signedDate = todayInChina();
    const overriddenAt = new Date();
    const contracts = plan.contracts.map((planned, index) => {
      const reason = overrideReason(input.lines[index]);
      const supplierSite = siteById.get(planned.quote.siteId);
      if (!supplierSite) throw new Error(`site ${planned.quote.siteId} of quote ${planned.quote.id} is missing`);
      return manager.create(Contract, {
        source: ContractSource.AWARDED,
        awardId: award.id,
        requirementId: requirement.id,
        quoteId: planned.quote.id,
        buyerReference: null,
        buyerOrganizationId: requirement.organizationId,
        buyerSiteId: buyerSite.id,
        supplierOrganizationId: planned.quote.supplierId,
        supplierSiteId: supplierSite.id,
        supplierConfirmation: SupplierConfirmation.CONFIRMED,
        categoryCode: requirement.categoryCode,
        unitPrice: planned.unitPrice,
        volume: planned.volume,
        totalValue: planned.totalValue,
        deliveredValue: null,
        signedDate,
        startDate,
        endDate,
        status: ContractStatus.SIGNED,
        terminationReason: null,
        ...localitySnapshot(buyerSite, supplierSite),
        createdBy: actor.userId,
        qualificationOverrideReason: reason,
        qualificationOverrideFailures: reason === null ? null : failures[index],
        qualificationOverriddenAt: reason === null ? null : overriddenAt,
      });
    });
    await manager.save(contracts);

    const accepted = new Set(plan.contracts.map((c) => c.quote.id));
    for (const quote of quotes) {
      if (quote.status !== QuoteStatus.SUBMITTED) continue;
      const status = accepted.has(quote.id) ? QuoteStatus.ACCEPTED : QuoteStatus.REJECTED;
      await manager.update(Quote, { id: quote.id }, { status, version: () => 'version + 1' });
      await this.audit.record(manager, actor, { action: `quote.${status.toLowerCase()}`, entityType: 'Quote', entityId: quote.id, before: { status: quote.status, version: quote.version }, after: { status, version: quote.version + 1, awardId: award.id } });
    }
    await this.requirements.transitionIn(manager, actor, requirement, requirement.version, RequirementStatus.AWARDED);
    await this.audit.record(manager, actor, { action: 'award.create', entityType: 'Award', entityId: award.id, after: { ...award, contractIds: contracts.map((c) => c.id) } });
    for (const contract of contracts) {
      await this.audit.record(manager, actor, { action: 'contract.create', entityType: 'Contract', entityId: contract.id, after: contract });
      if (contract.qualificationOverrideReason !== null) {
        await this.audit.record(manager, actor, {
          action: 'contract.qualification_override',
          entityType: 'Contract',
          entityId: contract.id,
          after: { quoteId: contract.quoteId, supplierOrganizationId: contract.supplierOrganizationId, supplierSiteId: contract.supplierSiteId, reason: contract.qualificationOverrideReason, failures: contract.qualificationOverrideFailures, overriddenAt: contract.qualificationOverriddenAt },
        });
      }
    }
    await this.outbox.enqueue(manager, 'Contract', contracts.map((c) => c.id));
    await this.outbox.publish(manager, {
      kind: 'RequirementAwarded',
      payload: { requirementId: requirement.id, awardedSupplierIds: [...new Set(contracts.map((c) => c.supplierOrganizationId))], contractIds: contracts.map((c) => c.id) },
    }, { actorUserId: actor.userId });
    return { award, contracts: sortLikeAward(contracts), replayed: false };
  }

  private findAward(manager: EntityManager, buyerOrganizationId: string, idempotencyKey: string): Promise<Award | null> {
    return manager.findOneBy(Award, { buyerOrganizationId, idempotencyKey });
  }

  /** The contracts of an earlier award with this key, if the input is the same; CONFLICT if not. */
  private async replay(manager: EntityManager, award: Award, hash: string): Promise<AwardOutcome> {
    if (award.requestHash !== hash) throw AppError.conflict('This idempotency key was already used for a different award: use a new key for a new award');
    const contracts = await manager.find(Contract, { where: { awardId: award.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { award, contracts: sortLikeAward(contracts), replayed: true };
  }
}

/** Contracts in quote-id order: a retry lists them as the first call did. */
function sortLikeAward(contracts: Contract[]): Contract[] {
  return [...contracts].sort((a, b) => ((a.quoteId ?? '') < (b.quoteId ?? '') ? -1 : (a.quoteId ?? '') > (b.quoteId ?? '') ? 1 : 0));
}
