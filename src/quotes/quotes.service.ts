import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Quote, QuoteInvitation, QuoteRevision, QuoteStatus } from './quote.entity.js';
import { quoteGateRefusal, quoteWindowClosed, type QualificationFailure } from './quote-rules.js';
import { canReadQuote } from './quote-access.js';
import { compareQuote, sortComparison, type MatchFacts } from './quote-comparison.js';
import type { InviteSuppliersInput, QuoteComparisonArgs, QuoteFilter, ReviseQuoteInput, SubmitQuoteInput, WithdrawQuoteInput } from './dto/quote.inputs.js';
import type { QuoteComparisonModel } from './quote.models.js';
import { AppError, ErrorCode, type FieldError } from '../common/app-error.js';
import { toConnection, whenAsked, type Connection } from '../common/pagination.js';
import { instantIdCursor } from '../common/cursor-keys.js';
import { todayInChina } from '../common/local-date.scalar.js';
import { Role, type Principal } from '../access/role.js';
import { Requirement } from '../requirements/requirement.entity.js';
import { RequirementStatus } from '../requirements/requirement-status.js';
import { Organization, OrganizationKind } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { MatchingService } from '../matching/matching.service.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { MAX_CONTRACT_VALUE, contractValue, unitPriceProblem } from '../common/money.js';

/** The fields of a quote that each revision keeps. */
type QuoteTerms = Pick<Quote, 'siteId' | 'unitPrice' | 'volume' | 'leadTimeDays' | 'validUntil'>;

/**
 * Invitations and quotes: buyers invite suppliers to quote on their OPEN requirements;
 * suppliers submit, revise and withdraw quotes until the quote deadline, after which quotes
 * are frozen; buyers compare them side by side. The award itself is in ContractsService.
 *
 * Locks: a write on a quote first locks its requirement (FOR SHARE), then the quote, the same
 * order as the award (requirement FOR UPDATE, then its quotes), so an award and a revision
 * never interleave: the award sees the quote before or after the revision, whole.
 */
@Injectable()
export class QuotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly matching: MatchingService,
    private readonly outbox: OutboxService,
  ) {}

  // ───────────────────────────── invitations ─────────────────────────────

  async invite(actor: Principal, input: InviteSuppliersInput): Promise<QuoteInvitation[]> {
    return this.dataSource.transaction(async (manager) => {
      const requirement = await this.ownRequirement(manager, actor, input.requirementId, 'pessimistic_read');
      const closed = quoteWindowClosed(requirement, new Date());
      if (closed) throw AppError.conflict(closed);
      const suppliers = await manager.findBy(Organization, { id: In(input.supplierIds) });
      const kinds = new Map(suppliers.map((s) => [s.id, s.kind]));
      const problems: FieldError[] = [];
      input.supplierIds.forEach((id, index) => {
        const kind = kinds.get(id);
        if (kind === undefined) problems.push({ field: `input.supplierIds.${index}`, message: 'no such organisation' });
        else if (kind !== OrganizationKind.SUPPLIER) problems.push({ field: `input.supplierIds.${index}`, message: 'not a supplier' });
      });
      if (problems.length > 0) throw AppError.invalid(problems);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(QuoteInvitation)
        .values(input.supplierIds.map((supplierId) => ({ requirementId: requirement.id, supplierId, invitedBy: actor.userId, message: input.message.trim() })))
        .orIgnore()
        .returning(['id'])
        .execute();
      const newIds = new Set((inserted.raw as { id: string }[]).map((r) => r.id));
      const invitations = await manager.find(QuoteInvitation, { where: { requirementId: requirement.id, supplierId: In(input.supplierIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
      for (const invitation of invitations.filter((i) => newIds.has(i.id))) {
        await this.audit.record(manager, actor, { action: 'quote_invitation.create', entityType: 'QuoteInvitation', entityId: invitation.id, after: invitation });
        await this.outbox.publish(manager, { kind: 'SupplierInvited', payload: { requirementId: requirement.id, supplierId: invitation.supplierId } }, { actorUserId: actor.userId });
      }
      return invitations;
    });
  }

  /** The invitations the caller's supplier organisation received, newest first. */
  async myInvitations(actor: Principal, first: number, after: string | null | undefined): Promise<Connection<QuoteInvitation>> {
    const query = this.dataSource.getRepository(QuoteInvitation).createQueryBuilder('i').where('i.supplier_id = :org', { org: actor.organizationId });
    // Counted only if the client selects totalCount (see Connection).
    const counting = query.clone();
    const totalCount = whenAsked(() => counting.getCount());
    const cursor = instantIdCursor(after);
    if (cursor) query.andWhere('(i.created_at, i.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
    const rows = await query.orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'DESC').take(first + 1).getMany();
    return toConnection(rows, first, totalCount, (i) => [i.createdAt.toISOString(), i.id]);
  }

  /** Whom the buyer invited to quote on its requirement. */
  async invitationsFor(actor: Principal, requirementId: string): Promise<QuoteInvitation[]> {
    await this.ownRequirement(this.dataSource.manager, actor, requirementId);
    return this.dataSource.getRepository(QuoteInvitation).find({ where: { requirementId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  // ───────────────────────────── quotes ─────────────────────────────

  /**
   * A supplier's quote on an OPEN requirement before its deadline, invited or not. One quote
   * per supplier and requirement: a second submission is refused (revise instead), except
   * after a withdrawal, when the quote comes back as a new revision.
   */
  async submit(actor: Principal, input: SubmitQuoteInput): Promise<Quote> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const requirement = await manager.findOne(Requirement, { where: { id: input.requirementId }, lock: { mode: 'pessimistic_read' } });
        if (!requirement || (requirement.status !== RequirementStatus.OPEN && !(await this.hasQuoted(manager, actor, requirement.id)))) throw AppError.notFound('Requirement');
        const closed = quoteWindowClosed(requirement, new Date());
        if (closed) throw AppError.conflict(closed);
        const terms: QuoteTerms = { siteId: input.siteId, unitPrice: input.unitPrice, volume: input.volume, leadTimeDays: input.leadTimeDays, validUntil: input.validUntil };
        await this.checkTerms(manager, actor, terms);
        const existing = await manager.findOne(Quote, { where: { requirementId: requirement.id, supplierId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
        if (existing && existing.status !== QuoteStatus.WITHDRAWN) throw AppError.conflict(`You already have a ${existing.status} quote on this requirement: revise it instead`);
        const qualificationFailures = await this.quoteGate(manager, requirement.id, actor.organizationId, terms.siteId);
        let quote: Quote;
        if (existing) {
          quote = await this.writeRevision(manager, existing, { ...terms, note: input.note.trim(), status: QuoteStatus.SUBMITTED, qualificationFailures }, actor);
        } else {
          quote = manager.create(Quote, { requirementId: requirement.id, supplierId: actor.organizationId, ...terms, note: input.note.trim(), status: QuoteStatus.SUBMITTED, submittedBy: actor.userId, qualificationFailures });
          await manager.save(quote);
          await manager.insert(QuoteRevision, { quoteId: quote.id, revision: 1, ...terms, submittedBy: actor.userId });
        }
        await this.audit.record(manager, actor, { action: existing ? 'quote.resubmit' : 'quote.submit', entityType: 'Quote', entityId: quote.id, before: existing ?? undefined, after: quote });
        await this.outbox.publish(manager, { kind: 'QuoteSubmitted', payload: { quoteId: quote.id, requirementId: quote.requirementId, supplierId: quote.supplierId } }, { actorUserId: actor.userId });
        return quote;
      });
    } catch (error) {
      // Two submissions racing for the same (requirement, supplier): one wins.
      if (isUniqueViolation(error, 'quotes_requirement_supplier_key')) throw AppError.conflict('You already have a quote on this requirement: revise it instead');
      throw error;
    }
  }

  /** A new revision of a SUBMITTED quote, before the deadline; every revision is kept. */
  async revise(actor: Principal, input: ReviseQuoteInput): Promise<Quote> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.ownQuoteForWrite(manager, actor, input.id);
      if (before.status !== QuoteStatus.SUBMITTED) throw AppError.conflict(`A ${before.status} quote cannot be revised`);
      if (before.version !== input.version) throw AppError.staleVersion('Quote', input.version, before.version);
      const terms: QuoteTerms = {
        siteId: input.siteId ?? before.siteId,
        unitPrice: input.unitPrice ?? before.unitPrice,
        volume: input.volume ?? before.volume,
        leadTimeDays: input.leadTimeDays ?? before.leadTimeDays,
        validUntil: input.validUntil ?? before.validUntil,
      };
      await this.checkTerms(manager, actor, terms);
      const qualificationFailures = await this.quoteGate(manager, before.requirementId, actor.organizationId, terms.siteId);
      const after = await this.writeRevision(manager, before, { ...terms, note: input.note?.trim() ?? before.note, status: QuoteStatus.SUBMITTED, qualificationFailures }, actor, input.version);
      await this.audit.record(manager, actor, { action: 'quote.revise', entityType: 'Quote', entityId: after.id, before, after });
      await this.outbox.publish(manager, { kind: 'QuoteRevised', payload: { quoteId: after.id, requirementId: after.requirementId, supplierId: after.supplierId } }, { actorUserId: actor.userId });
      return after;
    });
  }

  /** SUBMITTED → WITHDRAWN, before the deadline. */
  async withdraw(actor: Principal, input: WithdrawQuoteInput): Promise<Quote> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.ownQuoteForWrite(manager, actor, input.id);
      if (before.status !== QuoteStatus.SUBMITTED) throw AppError.conflict(`A ${before.status} quote cannot be withdrawn`);
      const result = await manager
        .createQueryBuilder()
        .update(Quote)
        .set({ status: QuoteStatus.WITHDRAWN, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: before.id, version: input.version })
        .execute();
      if (result.affected !== 1) throw AppError.staleVersion('Quote', input.version, before.version);
      const after = await manager.findOneByOrFail(Quote, { id: before.id });
      await this.audit.record(manager, actor, { action: 'quote.withdraw', entityType: 'Quote', entityId: after.id, before: { status: before.status, version: before.version }, after: { status: after.status, version: after.version } });
      await this.outbox.publish(manager, { kind: 'QuoteWithdrawn', payload: { quoteId: after.id, requirementId: after.requirementId, supplierId: after.supplierId } }, { actorUserId: actor.userId });
      return after;
    });
  }

  /** A quote its supplier, or the buyer of its requirement, may read. */
  async get(actor: Principal, id: string): Promise<Quote> {
    const quote = await this.dataSource.getRepository(Quote).findOneBy({ id });
    if (!quote || !(await this.canRead(actor, quote))) throw AppError.notFound('Quote');
    return quote;
  }

  /** The caller's supplier organisation's quotes, newest first. */
  async myQuotes(actor: Principal, filter: QuoteFilter, first: number, after: string | null | undefined): Promise<Connection<Quote>> {
    const query = this.dataSource.getRepository(Quote).createQueryBuilder('q').where('q.supplier_id = :org', { org: actor.organizationId });
    if (filter.status?.length) query.andWhere('q.status IN (:...statuses)', { statuses: filter.status });
    if (filter.requirementId) query.andWhere('q.requirement_id = :requirementId', { requirementId: filter.requirementId });
    // Counted only if the client selects totalCount (see Connection).
    const counting = query.clone();
    const totalCount = whenAsked(() => counting.getCount());
    const cursor = instantIdCursor(after);
    if (cursor) query.andWhere('(q.created_at, q.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
    const rows = await query.orderBy('q.created_at', 'DESC').addOrderBy('q.id', 'DESC').take(first + 1).getMany();
    return toConnection(rows, first, totalCount, (q) => [q.createdAt.toISOString(), q.id]);
  }

  // ───────────────────────────── comparison ─────────────────────────────

  /**
   * The quotes on the buyer's requirement side by side. The match score comes from the
   * matching service (the supplier's match to the requirement, on its best qualified plant);
   * tier, distance and impact are judged from the plant each quote names, and the impact
   * from the quote's own total value, against the buyer's contracts signed this year for
   * plants in the delivery plant's province.
   */
  async compare(actor: Principal, args: QuoteComparisonArgs): Promise<QuoteComparisonModel> {
    const requirement = await this.ownRequirement(this.dataSource.manager, actor, args.requirementId);
    const statuses = args.includeWithdrawn ? Object.values(QuoteStatus) : [QuoteStatus.SUBMITTED, QuoteStatus.ACCEPTED, QuoteStatus.REJECTED];
    const quotes = await this.dataSource.getRepository(Quote).find({ where: { requirementId: requirement.id, status: In(statuses) } });
    const sites = await this.dataSource.getRepository(Site).findBy({ id: In([requirement.deliverySiteId, ...quotes.map((q) => q.siteId)]) });
    const siteById = new Map(sites.map((s) => [s.id, s]));
    const delivery = siteById.get(requirement.deliverySiteId);
    if (!delivery) throw new Error(`delivery site of requirement ${requirement.id} is missing`);
    const totals = await this.matching.buyerProvincialBasis(requirement.organizationId, delivery.regionCode);
    const matches = await this.matchesFor(actor, requirement.id, [...new Set(quotes.map((q) => q.supplierId))]);
    // Eligibility as the award gate judges it: the supplier with the plant it quotes from, today's facts.
    const failures = await this.matching.plantQualifications(this.dataSource.manager, requirement.id, quotes.map((q) => ({ supplierId: q.supplierId, siteId: q.siteId })));
    const invitedIds = new Set((await this.dataSource.getRepository(QuoteInvitation).find({ select: { supplierId: true }, where: { requirementId: requirement.id } })).map((i) => i.supplierId));
    const rows = quotes.map((quote, index) => {
      const plant = siteById.get(quote.siteId);
      if (!plant) throw new Error(`site of quote ${quote.id} is missing`);
      const match = matches.get(quote.supplierId) ?? null;
      const row = compareQuote(quote, requirement.targetUnitPrice, placeOf(delivery), placeOf(plant), totals, match);
      return { quote, row: { ...row, eligible: failures[index].length === 0, failures: failures[index], invited: invitedIds.has(quote.supplierId) } };
    });
    const byId = new Map(rows.map((r) => [r.quote.id, r.quote]));
    return {
      requirementId: requirement.id,
      targetUnitPrice: requirement.targetUnitPrice,
      annualVolume: requirement.annualVolume,
      localValueThisYear: totals.local,
      totalValueThisYear: totals.total,
      rows: sortComparison(rows.map((r) => r.row), args.sortBy, args.reverse).map((row) => ({ ...row, quote: byId.get(row.quoteId) as Quote })),
    };
  }

  /** Each supplier's match to the requirement; a supplier matching cannot score is left out. */
  private async matchesFor(actor: Principal, requirementId: string, supplierIds: string[]): Promise<Map<string, MatchFacts>> {
    const result = new Map<string, MatchFacts>();
    for (const supplierId of supplierIds) {
      try {
        const match = await this.matching.explainMatch(actor, requirementId, supplierId);
        result.set(supplierId, { eligible: match.eligible, score: match.score });
      } catch (error) {
        if (!(error instanceof AppError && error.code === ErrorCode.NOT_FOUND)) throw error;
      }
    }
    return result;
  }

  // ───────────────────────────── helpers ─────────────────────────────

  /** The caller's own requirement; someone else's is NOT_FOUND when unreadable, else FORBIDDEN. */
  private async ownRequirement(manager: EntityManager, actor: Principal, id: string, lock?: 'pessimistic_read' | 'pessimistic_write'): Promise<Requirement> {
    const requirement = await manager.findOne(Requirement, { where: { id }, ...(lock ? { lock: { mode: lock } } : {}) });
    if (!requirement) throw AppError.notFound('Requirement');
    if (requirement.organizationId !== actor.organizationId) {
      if (requirement.status === RequirementStatus.OPEN) throw AppError.forbidden('Only the buyer who posted a requirement may do this');
      throw AppError.notFound('Requirement');
    }
    return requirement;
  }

  /** Locks the requirement (shared) and then the caller's quote; checks the quote window. */
  private async ownQuoteForWrite(manager: EntityManager, actor: Principal, id: string): Promise<Quote> {
    const peek = await manager.findOneBy(Quote, { id });
    if (!peek || peek.supplierId !== actor.organizationId) throw AppError.notFound('Quote');
    const requirement = await manager.findOneOrFail(Requirement, { where: { id: peek.requirementId }, lock: { mode: 'pessimistic_read' } });
    const quote = await manager.findOneOrFail(Quote, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (quote.status === QuoteStatus.SUBMITTED) {
      const closed = quoteWindowClosed(requirement, new Date());
      if (closed) throw AppError.conflict(closed);
    }
    return quote;
  }

  /**
   * The quote gate: an invited supplier, or one qualified with the plant it quotes from
   * (matching's rule, on the SOP date); anyone else is FORBIDDEN with every failure named.
   * Returns the failures the quote then carries (empty: eligible).
   */
  private async quoteGate(manager: EntityManager, requirementId: string, supplierId: string, siteId: string): Promise<QualificationFailure[]> {
    const [failures] = await this.matching.plantQualifications(manager, requirementId, [{ supplierId, siteId }]);
    const invited = failures.length > 0 && (await manager.existsBy(QuoteInvitation, { requirementId, supplierId }));
    const refusal = quoteGateRefusal(invited, failures);
    if (refusal) throw AppError.forbidden(refusal);
    return failures;
  }

  private async writeRevision(manager: EntityManager, before: Quote, next: QuoteTerms & { note: string; status: QuoteStatus; qualificationFailures: QualificationFailure[] }, actor: Principal, version = before.version): Promise<Quote> {
    const revision = before.revision + 1;
    const result = await manager
      .createQueryBuilder()
      .update(Quote)
      .set({ ...next, revision, submittedBy: actor.userId, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: before.id, version })
      .execute();
    if (result.affected !== 1) throw AppError.staleVersion('Quote', version, before.version);
    await manager.insert(QuoteRevision, { quoteId: before.id, revision, siteId: next.siteId, unitPrice: next.unitPrice, volume: next.volume, leadTimeDays: next.leadTimeDays, validUntil: next.validUntil, submittedBy: actor.userId });
    return manager.findOneByOrFail(Quote, { id: before.id });
  }

  private async checkTerms(manager: EntityManager, actor: Principal, terms: QuoteTerms): Promise<void> {
    const problems: FieldError[] = [];
    const priceProblem = unitPriceProblem(terms.unitPrice);
    if (priceProblem) problems.push({ field: 'input.unitPrice', message: priceProblem });
    else if (contractValue(terms.unitPrice, terms.volume).greaterThanOrEqualTo(MAX_CONTRACT_VALUE)) problems.push({ field: 'input.volume', message: `unit price × volume must be less than ${MAX_CONTRACT_VALUE.toFixed()}` });
    const today = todayInChina();
    if (terms.validUntil < today) problems.push({ field: 'input.validUntil', message: `must be today (${today}) or later` });
    const site = await manager.findOneBy(Site, { id: terms.siteId });
    if (!site) problems.push({ field: 'input.siteId', message: 'no such plant' });
    else if (site.organizationId !== actor.organizationId) throw AppError.forbidden('The producing plant must be one of your organisation\'s plants');
    if (problems.length > 0) throw AppError.invalid(problems);
  }

  private async hasQuoted(manager: EntityManager, actor: Principal, requirementId: string): Promise<boolean> {
    return manager.existsBy(Quote, { requirementId, supplierId: actor.organizationId });
  }

  /** canReadQuote, with the requirement's owner looked up only when the rule needs it. */
  private async canRead(actor: Principal, quote: Quote): Promise<boolean> {
    const owner = actor.role === Role.OEM_BUYER ? (await this.dataSource.getRepository(Requirement).findOneBy({ id: quote.requirementId }))?.organizationId : undefined;
    return canReadQuote(actor, quote, owner);
  }
}

function placeOf(site: Site) {
  return { countryCode: site.countryCode, regionCode: site.regionCode, lat: site.lat, lon: site.lon, locationApprox: site.locationApprox };
}
