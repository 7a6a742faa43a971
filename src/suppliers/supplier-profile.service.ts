import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Capability, CapabilitySite } from './capability.entity.js';
import { SupplierCertification } from './supplier-certification.entity.js';
import type { CertificationInput, CreateCapabilityInput, DeleteInput, SetDesignationsInput, UpdateCapabilityInput, UpdateCertificationInput } from './dto/profile.inputs.js';
import { AppError, type FieldError } from '../common/app-error.js';
import { Role, type Principal } from '../access/role.js';
import { Organization, OrganizationKind } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';
import { PartCategory } from '../taxonomy/part-category.entity.js';
import { CertificationType } from '../taxonomy/certification-type.entity.js';
import { isLevelOf, LEVEL_SCHEMES } from '../taxonomy/certification-levels.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { isWithin } from '../locality/region-codes.js';

/**
 * A supplier's capability profile: capabilities with their producing plants, and
 * certificates. Each organisation edits only its own; edits name the version they read.
 */
@Injectable()
export class SupplierProfileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async createCapability(actor: Principal, input: CreateCapabilityInput): Promise<Capability> {
    const organizationId = await this.ownSupplier(actor, input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      const problems: FieldError[] = [];
      if (!(await manager.existsBy(PartCategory, { code: input.categoryCode }))) problems.push({ field: 'input.categoryCode', message: `unknown part category ${input.categoryCode}` });
      problems.push(...(await checkSites(manager, organizationId, input.siteIds)));
      if (problems.length > 0) throw AppError.invalid(problems);
      const capability = manager.create(Capability, {
        organizationId,
        categoryCode: input.categoryCode,
        description: input.description.trim(),
        products: input.products.map((p) => p.trim()),
        specs: input.specs.map((s) => ({ key: s.key.trim(), value: s.value.trim() })),
        annualCapacity: input.annualCapacity ?? null,
        leadTimeDays: input.leadTimeDays ?? null,
      });
      await manager.save(capability);
      await manager.insert(CapabilitySite, unique(input.siteIds).map((siteId) => ({ capabilityId: capability.id, siteId })));
      await this.audit.record(manager, actor, { action: 'capability.create', entityType: 'Capability', entityId: capability.id, after: { ...capability, siteIds: input.siteIds } });
      await this.outbox.enqueue(manager, 'Capability', capability.id);
      return capability;
    });
  }

  async updateCapability(actor: Principal, input: UpdateCapabilityInput): Promise<Capability> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.ownRow(manager, actor, Capability, input.id, 'Capability');
      if (input.siteIds) {
        const problems = await checkSites(manager, before.organizationId, input.siteIds);
        if (problems.length > 0) throw AppError.invalid(problems);
      }
      const changes = {
        ...(input.description !== undefined ? { description: input.description.trim() } : {}),
        ...(input.products !== undefined ? { products: input.products.map((p) => p.trim()) } : {}),
        ...(input.specs !== undefined ? { specs: input.specs.map((s) => ({ key: s.key.trim(), value: s.value.trim() })) } : {}),
        ...(input.annualCapacity !== undefined ? { annualCapacity: input.annualCapacity } : {}),
        ...(input.leadTimeDays !== undefined ? { leadTimeDays: input.leadTimeDays } : {}),
      };
      await guardedUpdate(manager, Capability, 'Capability', input.id, input.version, before.version, changes);
      if (input.siteIds) {
        await manager.delete(CapabilitySite, { capabilityId: input.id });
        await manager.insert(CapabilitySite, unique(input.siteIds).map((siteId) => ({ capabilityId: input.id, siteId })));
      }
      const after = await manager.findOneByOrFail(Capability, { id: input.id });
      await this.audit.record(manager, actor, { action: 'capability.update', entityType: 'Capability', entityId: input.id, before, after: { ...after, ...(input.siteIds ? { siteIds: input.siteIds } : {}) } });
      await this.outbox.enqueue(manager, 'Capability', input.id);
      return after;
    });
  }

  async deleteCapability(actor: Principal, input: DeleteInput): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.ownRow(manager, actor, Capability, input.id, 'Capability');
      const result = await manager.delete(Capability, { id: input.id, version: input.version });
      if (result.affected !== 1) throw AppError.staleVersion('Capability', input.version, before.version);
      await this.audit.record(manager, actor, { action: 'capability.delete', entityType: 'Capability', entityId: input.id, before });
      // The row is gone: the outbox names the owner, whose search document is rebuilt.
      await this.outbox.enqueue(manager, 'Organization', before.organizationId);
      return true;
    });
  }

  async addCertification(actor: Principal, input: CertificationInput): Promise<SupplierCertification> {
    const organizationId = await this.ownSupplier(actor, input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      await checkCertificate(manager, input.typeCode, input.level ?? null, input.validFrom, input.validUntil, 'input.typeCode');
      if (await manager.existsBy(SupplierCertification, { organizationId, typeCode: input.typeCode, certificateNumber: input.certificateNumber.trim() })) {
        throw AppError.conflict(`Certificate ${input.certificateNumber.trim()} of this type is already on the profile`);
      }
      const certification = manager.create(SupplierCertification, {
        organizationId,
        typeCode: input.typeCode,
        level: input.level ?? null,
        certificateNumber: input.certificateNumber.trim(),
        issuer: input.issuer.trim(),
        validFrom: input.validFrom,
        validUntil: input.validUntil,
      });
      await manager.save(certification);
      await this.audit.record(manager, actor, { action: 'certification.create', entityType: 'SupplierCertification', entityId: certification.id, after: certification });
      await this.outbox.enqueue(manager, 'SupplierCertification', certification.id);
      return certification;
    });
  }

  async updateCertification(actor: Principal, input: UpdateCertificationInput): Promise<SupplierCertification> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.ownRow(manager, actor, SupplierCertification, input.id, 'Certification');
      const level = input.level !== undefined ? input.level : before.level;
      const validFrom = input.validFrom ?? before.validFrom;
      const validUntil = input.validUntil ?? before.validUntil;
      await checkCertificate(manager, before.typeCode, level, validFrom, validUntil, 'input.level');
      await guardedUpdate(manager, SupplierCertification, 'Certification', input.id, input.version, before.version, {
        level,
        validFrom,
        validUntil,
        ...(input.issuer !== undefined ? { issuer: input.issuer.trim() } : {}),
      });
      const after = await manager.findOneByOrFail(SupplierCertification, { id: input.id });
      await this.audit.record(manager, actor, { action: 'certification.update', entityType: 'SupplierCertification', entityId: input.id, before, after });
      await this.outbox.enqueue(manager, 'SupplierCertification', input.id);
      return after;
    });
  }

  async removeCertification(actor: Principal, input: DeleteInput): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.ownRow(manager, actor, SupplierCertification, input.id, 'Certification');
      const result = await manager.delete(SupplierCertification, { id: input.id, version: input.version });
      if (result.affected !== 1) throw AppError.staleVersion('Certification', input.version, before.version);
      await this.audit.record(manager, actor, { action: 'certification.delete', entityType: 'SupplierCertification', entityId: input.id, before });
      await this.outbox.enqueue(manager, 'Organization', before.organizationId);
      return true;
    });
  }

  /**
   * Designations are granted, not self-declared: a platform admin anywhere, a bureau analyst
   * for suppliers with a plant in its jurisdiction.
   */
  async setDesignations(actor: Principal, input: SetDesignationsInput): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(Organization, { where: { id: input.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!before || before.kind !== OrganizationKind.SUPPLIER) throw AppError.notFound('Supplier');
      if (actor.role === Role.BUREAU_ANALYST) {
        const sites = await manager.findBy(Site, { organizationId: before.id });
        const inside = sites.some((s) => s.regionCode !== null && actor.jurisdictionCode !== null && isWithin(s.regionCode, actor.jurisdictionCode));
        if (!inside) throw AppError.forbidden('This supplier has no plant in your jurisdiction');
      }
      const designations = unique(input.designations);
      await manager.update(Organization, { id: before.id }, { designations, version: () => 'version + 1' });
      const after = await manager.findOneByOrFail(Organization, { id: before.id });
      await this.audit.record(manager, actor, { action: 'organization.designations', entityType: 'Organization', entityId: before.id, before: { designations: before.designations }, after: { designations } });
      await this.outbox.enqueue(manager, 'Organization', before.id);
      return after;
    });
  }

  /** The supplier whose profile the caller edits: its own, or any for a platform admin. */
  private async ownSupplier(actor: Principal, organizationId: string | undefined): Promise<string> {
    const id = organizationId ?? actor.organizationId;
    if (actor.role !== Role.PLATFORM_ADMIN && id !== actor.organizationId) throw AppError.forbidden('You can edit your own organisation\'s profile only');
    const organization = await this.dataSource.getRepository(Organization).findOneBy({ id });
    if (!organization) throw AppError.notFound('Organization');
    if (organization.kind !== OrganizationKind.SUPPLIER) throw AppError.badInput('input.organizationId', 'only suppliers have capability profiles');
    return id;
  }

  private async ownRow<T extends Capability | SupplierCertification>(manager: EntityManager, actor: Principal, entity: new () => T, id: string, what: string): Promise<T> {
    const row = (await manager.findOne(entity, { where: { id } as never, lock: { mode: 'pessimistic_write' } })) as T | null;
    if (!row) throw AppError.notFound(what);
    if (actor.role !== Role.PLATFORM_ADMIN && row.organizationId !== actor.organizationId) throw AppError.forbidden(`This ${what.toLowerCase()} belongs to another organisation`);
    return row;
  }
}

async function checkSites(manager: EntityManager, organizationId: string, siteIds: string[]): Promise<FieldError[]> {
  const sites = await manager.findBy(Site, { id: In(unique(siteIds)) });
  const problems: FieldError[] = [];
  siteIds.forEach((id, index) => {
    const site = sites.find((s) => s.id === id);
    if (!site || site.organizationId !== organizationId) problems.push({ field: `input.siteIds.${index}`, message: 'not one of this supplier\'s plants' });
  });
  return problems;
}

async function checkCertificate(manager: EntityManager, typeCode: string, level: string | null, validFrom: string, validUntil: string, typeField: string): Promise<void> {
  const type = await manager.findOneBy(CertificationType, { code: typeCode });
  if (!type) throw AppError.badInput(typeField, `unknown certification type ${typeCode}`);
  const problems: FieldError[] = [];
  if (type.levelScheme === 'HELD' && level !== null) problems.push({ field: 'input.level', message: `${type.name} has no levels` });
  if (type.levelScheme !== 'HELD' && !isLevelOf(type.levelScheme, level)) problems.push({ field: 'input.level', message: `${type.name} needs a level: ${LEVEL_SCHEMES[type.levelScheme].join(', ')}` });
  if (validFrom > validUntil) problems.push({ field: 'input.validUntil', message: 'must not be before validFrom' });
  if (problems.length > 0) throw AppError.invalid(problems);
}

async function guardedUpdate<T extends { version: number }>(manager: EntityManager, entity: new () => T, what: string, id: string, sent: number, current: number, changes: object): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :version', { id, version: sent })
    .execute();
  if (result.affected !== 1) throw AppError.staleVersion(what, sent, current);
}


function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
