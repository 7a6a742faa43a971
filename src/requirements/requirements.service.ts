import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Requirement, RequirementCertification, type WeightOverrides } from './requirement.entity.js';
import { RequirementStatus, canTransition, isEditable } from './requirement-status.js';
import { canReadRequirement, needsInvolvement } from './requirement-access.js';
import { requirementsInvolving } from './requirement-involvement.js';
import type { CreateRequirementInput, RequirementFilter, RequiredCertificationInput, StatusChangeInput, UpdateRequirementInput } from './dto/requirement.inputs.js';
import { AppError, type FieldError } from '../common/app-error.js';
import { decodeCursor, toConnection, whenAsked, type Connection } from '../common/pagination.js';
import { todayInChina } from '../common/local-date.scalar.js';
import { Role, type Principal } from '../access/role.js';
import { Site } from '../organizations/site.entity.js';
import { PartCategory } from '../taxonomy/part-category.entity.js';
import { CertificationType } from '../taxonomy/certification-type.entity.js';
import { isLevelOf, LEVEL_SCHEMES } from '../taxonomy/certification-levels.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { regionPrefix } from '../locality/region-codes.js';
import { resolveWeights } from './match-weights.js';
import { manyOf } from '../common/loaders.js';

type Editable = Omit<CreateRequirementInput, 'requiredCertifications' | 'matchWeights'>;

@Injectable()
export class RequirementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * A requirement the caller may read (canReadRequirement): its own organisation's, any OPEN
   * one, one its supplier organisation is involved in unless a draft (platform admins: all).
   */
  async get(actor: Principal, id: string): Promise<Requirement> {
    const requirement = await this.dataSource.getRepository(Requirement).findOneBy({ id });
    const involved = requirement && needsInvolvement(actor, requirement) ? (await requirementsInvolving(this.dataSource.manager, actor.organizationId, [id])).has(id) : false;
    if (!requirement || !canReadRequirement(actor, requirement, involved)) throw AppError.notFound('Requirement');
    return requirement;
  }

  async create(actor: Principal, input: CreateRequirementInput): Promise<Requirement> {
    return this.dataSource.transaction(async (manager) => {
      await this.checkDetails(manager, actor, input, { isNew: true });
      const certifications = await this.checkCertifications(manager, input.requiredCertifications);
      const requirement = manager.create(Requirement, {
        organizationId: actor.organizationId,
        deliverySiteId: input.deliverySiteId,
        categoryCode: input.categoryCode,
        title: input.title.trim(),
        description: input.description.trim(),
        specs: input.specs.map((s) => ({ key: s.key.trim(), value: s.value.trim() })),
        annualVolume: input.annualVolume,
        targetUnitPrice: input.targetUnitPrice,
        sopDate: input.sopDate,
        quoteDeadline: input.quoteDeadline,
        matchWeights: checkWeights(input.matchWeights ?? null),
        status: RequirementStatus.DRAFT,
        createdBy: actor.userId,
      });
      await manager.save(requirement);
      await manager.insert(RequirementCertification, certifications.map((c) => ({ ...c, requirementId: requirement.id })));
      await this.audit.record(manager, actor, { action: 'requirement.create', entityType: 'Requirement', entityId: requirement.id, after: { ...requirement, requiredCertifications: certifications } });
      await this.outbox.enqueue(manager, 'Requirement', requirement.id);
      return requirement;
    });
  }

  async update(actor: Principal, input: UpdateRequirementInput): Promise<Requirement> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.ownForWrite(manager, actor, input.id);
      if (!isEditable(before.status)) throw AppError.conflict(`A requirement that is ${before.status} can no longer be edited`);
      const merged: Editable = {
        deliverySiteId: input.deliverySiteId ?? before.deliverySiteId,
        categoryCode: input.categoryCode ?? before.categoryCode,
        title: input.title ?? before.title,
        description: input.description ?? before.description,
        specs: input.specs ?? before.specs,
        annualVolume: input.annualVolume ?? before.annualVolume,
        targetUnitPrice: input.targetUnitPrice ?? before.targetUnitPrice,
        sopDate: input.sopDate ?? before.sopDate,
        quoteDeadline: input.quoteDeadline ?? before.quoteDeadline,
      };
      await this.checkDetails(manager, actor, merged, { isNew: false, sopChanged: input.sopDate !== undefined, deadlineChanged: input.quoteDeadline !== undefined });
      const certifications = input.requiredCertifications ? await this.checkCertifications(manager, input.requiredCertifications) : null;
      const matchWeights = input.matchWeights !== undefined ? checkWeights(input.matchWeights) : before.matchWeights;
      const result = await manager
        .createQueryBuilder()
        .update(Requirement)
        .set({
          deliverySiteId: merged.deliverySiteId,
          categoryCode: merged.categoryCode,
          title: merged.title.trim(),
          description: merged.description.trim(),
          specs: merged.specs.map((s) => ({ key: s.key.trim(), value: s.value.trim() })),
          annualVolume: merged.annualVolume,
          targetUnitPrice: merged.targetUnitPrice,
          sopDate: merged.sopDate,
          quoteDeadline: merged.quoteDeadline,
          matchWeights,
          version: () => 'version + 1',
        })
        .where('id = :id AND version = :version', { id: input.id, version: input.version })
        .execute();
      if (result.affected !== 1) throw AppError.staleVersion('Requirement', input.version, before.version);
      if (certifications) {
        await manager.delete(RequirementCertification, { requirementId: input.id });
        await manager.insert(RequirementCertification, certifications.map((c) => ({ ...c, requirementId: input.id })));
      }
      const after = await manager.findOneByOrFail(Requirement, { id: input.id });
      await this.audit.record(manager, actor, { action: 'requirement.update', entityType: 'Requirement', entityId: input.id, before, after });
      await this.outbox.enqueue(manager, 'Requirement', input.id);
      return after;
    });
  }

  /** Moves a requirement along its status machine; an illegal move is CONFLICT and changes nothing. */
  async transition(actor: Principal, input: StatusChangeInput, to: RequirementStatus): Promise<Requirement> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.ownForWrite(manager, actor, input.id);
      return this.transitionIn(manager, actor, before, input.version, to);
    });
  }

  /** The status change itself, inside a caller's transaction (award uses it too). */
  async transitionIn(manager: EntityManager, actor: Principal, before: Requirement, version: number, to: RequirementStatus): Promise<Requirement> {
    if (!canTransition(before.status, to)) throw AppError.conflict(`A ${before.status} requirement cannot become ${to}`);
    if (to === RequirementStatus.OPEN) {
      if (before.sopDate < todayInChina()) throw AppError.conflict(`The SOP date ${before.sopDate} has passed: edit it before publishing`);
      if (before.quoteDeadline.getTime() <= Date.now()) throw AppError.conflict('The quote deadline has passed: edit it before publishing');
    }
    const result = await manager
      .createQueryBuilder()
      .update(Requirement)
      .set({ status: to, version: () => 'version + 1', ...(to === RequirementStatus.OPEN ? { publishedAt: () => 'now()' } : {}) })
      .where('id = :id AND version = :version AND status = :status', { id: before.id, version, status: before.status })
      .execute();
    if (result.affected !== 1) throw AppError.staleVersion('Requirement', version, before.version);
    const after = await manager.findOneByOrFail(Requirement, { id: before.id });
    await this.audit.record(manager, actor, { action: `requirement.${to.toLowerCase()}`, entityType: 'Requirement', entityId: before.id, before: { status: before.status, version: before.version }, after: { status: after.status, version: after.version } });
    await this.outbox.enqueue(manager, 'Requirement', before.id);
    if (to === RequirementStatus.OPEN) await this.outbox.publish(manager, { kind: 'RequirementPublished', payload: { requirementId: before.id } }, { actorUserId: actor.userId });
    return after;
  }

  /** The caller's organisation's requirements (a platform admin: everyone's). */
  async listOwn(actor: Principal, filter: RequirementFilter, first: number, after: string | null | undefined): Promise<Connection<Requirement>> {
    const query = this.dataSource.getRepository(Requirement).createQueryBuilder('r');
    if (actor.role !== Role.PLATFORM_ADMIN) query.where('r.organization_id = :org', { org: actor.organizationId });
    return this.page(applyFilter(query, filter), first, after);
  }

  /** OPEN requirements of every OEM, for suppliers (and anyone) to browse. */
  async listOpen(filter: RequirementFilter, first: number, after: string | null | undefined): Promise<Connection<Requirement>> {
    const query = this.dataSource.getRepository(Requirement).createQueryBuilder('r').where('r.status = :open', { open: RequirementStatus.OPEN });
    return this.page(applyFilter(query, { ...filter, status: undefined }), first, after);
  }

  requiredCertifications(requirementIds: readonly string[]): Promise<RequirementCertification[]> {
    return this.dataSource.getRepository(RequirementCertification).createQueryBuilder('c').where('c.requirement_id IN (:...ids)', { ids: [...requirementIds] }).orderBy('c.type_code').getMany();
  }

  private async page(query: SelectQueryBuilder<Requirement>, first: number, after: string | null | undefined): Promise<Connection<Requirement>> {
    // Counted only if the client selects totalCount (see Connection).
    const counting = query.clone();
    const totalCount = whenAsked(() => counting.getCount());
    const cursor = decodeCursor(after, 2);
    if (cursor) query.andWhere('(r.created_at, r.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
    const rows = await manyOf(query.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').take(first + 1));
    return toConnection(rows, first, totalCount, (r) => [r.createdAt.toISOString(), r.id]);
  }

  private async ownForWrite(manager: EntityManager, actor: Principal, id: string): Promise<Requirement> {
    const requirement = await manager.findOne(Requirement, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!requirement || !canReadRequirement(actor, requirement)) throw AppError.notFound('Requirement');
    if (requirement.organizationId !== actor.organizationId) throw AppError.forbidden('Only the buyer who posted a requirement may change it');
    return requirement;
  }

  private async checkDetails(manager: EntityManager, actor: Principal, input: Editable, when: { isNew: boolean; sopChanged?: boolean; deadlineChanged?: boolean }): Promise<void> {
    const problems: FieldError[] = [];
    const site = await manager.findOneBy(Site, { id: input.deliverySiteId });
    if (!site) problems.push({ field: 'input.deliverySiteId', message: 'no such plant' });
    else if (site.organizationId !== actor.organizationId) throw AppError.forbidden('The delivery plant must be one of your organisation\'s plants');
    if (!(await manager.existsBy(PartCategory, { code: input.categoryCode }))) problems.push({ field: 'input.categoryCode', message: `unknown part category ${input.categoryCode}` });
    if (input.targetUnitPrice.isNegative() || input.targetUnitPrice.isZero()) problems.push({ field: 'input.targetUnitPrice', message: 'must be greater than 0' });
    if (input.targetUnitPrice.decimalPlaces() > 4) problems.push({ field: 'input.targetUnitPrice', message: 'at most 4 decimal places' });
    const today = todayInChina();
    if ((when.isNew || when.sopChanged) && input.sopDate < today) problems.push({ field: 'input.sopDate', message: `must be today (${today}) or later` });
    if ((when.isNew || when.deadlineChanged) && input.quoteDeadline.getTime() <= Date.now()) problems.push({ field: 'input.quoteDeadline', message: 'must be in the future' });
    if (input.quoteDeadline.toISOString().slice(0, 10) > input.sopDate) problems.push({ field: 'input.quoteDeadline', message: 'must fall before the SOP date' });
    const keys = input.specs.map((s) => s.key.trim().toLowerCase());
    if (new Set(keys).size !== keys.length) problems.push({ field: 'input.specs', message: 'each spec key may appear once' });
    if (problems.length > 0) throw AppError.invalid(problems);
  }

  private async checkCertifications(manager: EntityManager, inputs: RequiredCertificationInput[]): Promise<{ typeCode: string; minLevel: string | null }[]> {
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    const result: { typeCode: string; minLevel: string | null }[] = [];
    for (const [index, input] of inputs.entries()) {
      const field = `input.requiredCertifications.${index}`;
      const type = await manager.findOneBy(CertificationType, { code: input.typeCode });
      if (!type) {
        problems.push({ field: `${field}.typeCode`, message: `unknown certification type ${input.typeCode}` });
        continue;
      }
      if (seen.has(type.code)) problems.push({ field: `${field}.typeCode`, message: `${type.name} is listed twice` });
      seen.add(type.code);
      const minLevel = input.minLevel ?? null;
      if (type.levelScheme === 'HELD' && minLevel !== null) problems.push({ field: `${field}.minLevel`, message: `${type.name} has no levels` });
      else if (minLevel !== null && !isLevelOf(type.levelScheme, minLevel)) {
        problems.push({ field: `${field}.minLevel`, message: `${type.name} levels are ${LEVEL_SCHEMES[type.levelScheme].join(', ')}` });
      }
      result.push({ typeCode: type.code, minLevel });
    }
    if (problems.length > 0) throw AppError.invalid(problems);
    return result;
  }
}


function checkWeights(input: WeightOverrides | null): WeightOverrides | null {
  if (input === null) return null;
  const overrides = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)) as WeightOverrides;
  const resolved = resolveWeights(overrides);
  if ('problems' in resolved) throw AppError.invalid(resolved.problems.map((p) => ({ field: p.field.replace(/^weights/, 'input.matchWeights'), message: p.message })));
  return overrides;
}

function applyFilter(query: SelectQueryBuilder<Requirement>, filter: RequirementFilter): SelectQueryBuilder<Requirement> {
  if (filter.status?.length) query.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
  if (filter.categoryCode) {
    query.andWhere(new Brackets((q) => q.where('r.category_code = :category', { category: filter.categoryCode }).orWhere('r.category_code LIKE :subtree', { subtree: `${filter.categoryCode}.%` })));
  }
  if (filter.deliverySiteId) query.andWhere('r.delivery_site_id = :site', { site: filter.deliverySiteId });
  if (filter.regionCode) {
    query.andWhere('r.delivery_site_id IN (SELECT s.id FROM sites s WHERE s.region_code LIKE :region)', { region: `${regionPrefix(filter.regionCode)}%` });
  }
  if (filter.sopFrom) query.andWhere('r.sop_date >= :sopFrom', { sopFrom: filter.sopFrom });
  if (filter.sopTo) query.andWhere('r.sop_date <= :sopTo', { sopTo: filter.sopTo });
  return query;
}
