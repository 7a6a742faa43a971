import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Organization, OrganizationKind } from './organization.entity.js';
import { Site } from './site.entity.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { toConnection, whenAsked, type Connection } from '../common/pagination.js';
import { instantIdCursor } from '../common/cursor-keys.js';
import { creditCodeProblem, describeCreditCodeProblem } from './credit-code.js';
import { RegionsService } from '../regions/regions.service.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { Role, type Principal } from '../access/role.js';
import type { CreateSiteInput, UpdateSiteInput } from './dto/site.input.js';

export interface NewOrganization {
  kind: OrganizationKind;
  legalName: string;
  nameEn?: string | null;
  creditCode: string;
  jurisdictionCode?: string | null;
  verified: boolean;
}

/** May this caller change the data of organisation `organizationId`? */
export function canManageOrganization(actor: Principal, organizationId: string): boolean {
  return actor.role === Role.PLATFORM_ADMIN || actor.organizationId === organizationId;
}

/** A plant's name is unique within its organisation: a second one (two requests at once, or a rename) is a CONFLICT. */
function plantNameTaken(error: unknown): never {
  if (isUniqueViolation(error, 'sites_organization_name_key')) throw AppError.conflict('This organisation already has a plant of that name');
  throw error;
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async get(id: string): Promise<Organization> {
    const organization = await this.dataSource.getRepository(Organization).findOneBy({ id });
    if (!organization) throw AppError.notFound('Organization');
    return organization;
  }

  /** Validates and inserts an organisation in the caller's transaction. */
  async insert(manager: EntityManager, actor: Principal | null, input: NewOrganization, fieldPrefix: string): Promise<Organization> {
    const creditCode = input.creditCode.trim().toUpperCase();
    const problem = creditCodeProblem(creditCode);
    if (problem) throw AppError.badInput(`${fieldPrefix}creditCode`, describeCreditCodeProblem(problem));
    if (input.kind === OrganizationKind.BUREAU) {
      if (!input.jurisdictionCode) throw AppError.badInput(`${fieldPrefix}jurisdictionCode`, 'a bureau needs a jurisdiction');
      await this.regions.get(input.jurisdictionCode, `${fieldPrefix}jurisdictionCode`);
    } else if (input.jurisdictionCode) {
      throw AppError.badInput(`${fieldPrefix}jurisdictionCode`, 'only a bureau has a jurisdiction');
    }
    if (await manager.existsBy(Organization, { creditCode })) {
      throw AppError.conflict(`An organisation with credit code ${creditCode} is already registered`);
    }
    const organization = manager.create(Organization, {
      kind: input.kind,
      legalName: input.legalName.trim(),
      nameEn: input.nameEn?.trim() || null,
      creditCode,
      jurisdictionCode: input.jurisdictionCode ?? null,
      verified: input.verified,
      designations: [],
    });
    await manager.save(organization);
    await this.audit.record(manager, actor, { action: 'organization.create', entityType: 'Organization', entityId: organization.id, after: organization });
    await this.outbox.enqueue(manager, 'Organization', organization.id);
    return organization;
  }

  async setVerified(actor: Principal, id: string, verified: boolean): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneBy(Organization, { id });
      if (!before) throw AppError.notFound('Organization');
      await manager.update(Organization, { id }, { verified, ...(verified ? { verificationRefused: false } : {}), version: () => 'version + 1' });
      const after = await manager.findOneByOrFail(Organization, { id });
      await this.audit.record(manager, actor, { action: verified ? 'organization.verify' : 'organization.unverify', entityType: 'Organization', entityId: id, before, after });
      await this.outbox.enqueue(manager, 'Organization', id);
      if (verified && !before.verified) await this.outbox.publish(manager, { kind: 'OrganizationVerified', payload: { organizationId: id } }, { actorUserId: actor.userId });
      return after;
    });
  }

  /** OEMs and suppliers waiting for verification, oldest registration first. */
  async awaitingVerification(first: number, after: string | null | undefined): Promise<Connection<Organization>> {
    const query = this.dataSource.getRepository(Organization).createQueryBuilder('o')
      .where('NOT o.verified AND NOT o.verification_refused AND o.kind IN (:...kinds)', { kinds: [OrganizationKind.OEM, OrganizationKind.SUPPLIER] });
    // Counted only if the client selects totalCount (see Connection).
    const counting = query.clone();
    const totalCount = whenAsked(() => counting.getCount());
    const cursor = instantIdCursor(after);
    if (cursor) query.andWhere('(o.created_at, o.id) > (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
    const rows = await query.orderBy('o.created_at', 'ASC').addOrderBy('o.id', 'ASC').take(first + 1).getMany();
    return toConnection(rows, first, totalCount, (o) => [o.createdAt.toISOString(), o.id]);
  }

  /**
   * The platform verifies an OEM or supplier, or refuses to, with a reason (audit logged). A
   * refused organisation leaves the queue and stays unverified; verifying it later is allowed.
   * Verifying a buyer brings its contracts into the official figure (a trigger keeps
   * contracts.buyer_verified, and the rollup follows).
   */
  async decideVerification(actor: Principal, id: string, verify: boolean, reason: string): Promise<Organization> {
    const note = reason.trim();
    if (note === '') throw AppError.badInput('input.reason', 'give the reason for the decision');
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw AppError.notFound('Organization');
      if (before.kind !== OrganizationKind.OEM && before.kind !== OrganizationKind.SUPPLIER) throw AppError.badInput('input.id', 'only OEMs and suppliers are verified');
      if (verify && before.verified) throw AppError.conflict('The organisation is already verified');
      if (!verify && before.verificationRefused && !before.verified) throw AppError.conflict('Verification was already refused');
      await manager.update(Organization, { id }, {
        verified: verify, verificationRefused: !verify, verificationNote: note, verificationDecidedAt: new Date(), verificationDecidedBy: actor.userId, version: () => 'version + 1',
      });
      const after = await manager.findOneByOrFail(Organization, { id });
      await this.audit.record(manager, actor, {
        action: verify ? 'organization.verify' : 'organization.verification_refused', entityType: 'Organization', entityId: id,
        before: { verified: before.verified, verificationRefused: before.verificationRefused }, after: { verified: after.verified, verificationRefused: after.verificationRefused, reason: note },
      });
      await this.outbox.enqueue(manager, 'Organization', id);
      await this.outbox.publish(manager, verify
        ? { kind: 'OrganizationVerified', payload: { organizationId: id } }
        : { kind: 'OrganizationRefused', payload: { organizationId: id, reason: note } }, { actorUserId: actor.userId });
      return after;
    });
  }

  listSites(organizationId: string): Promise<Site[]> {
    return this.dataSource.getRepository(Site).find({ where: { organizationId }, order: { name: 'ASC' } });
  }

  async createSite(actor: Principal, input: CreateSiteInput): Promise<Site> {
    const organizationId = input.organizationId ?? actor.organizationId;
    if (!canManageOrganization(actor, organizationId)) throw AppError.forbidden('You can add plants to your own organisation only');
    const organization = await this.get(organizationId);
    if (organization.kind !== OrganizationKind.OEM && organization.kind !== OrganizationKind.SUPPLIER) {
      throw AppError.badInput('input.organizationId', 'only OEMs and suppliers have plants');
    }
    const place = await this.resolvePlace(input.countryCode, input.regionCode ?? null, input.lat ?? null, input.lon ?? null, 'input.');
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Site, { organizationId, name: input.name.trim() })) {
        throw AppError.conflict(`This organisation already has a plant named ${input.name.trim()}`);
      }
      const site = manager.create(Site, { organizationId, name: input.name.trim(), address: input.address.trim(), ...place });
      await manager.save(site).catch(plantNameTaken);
      await this.audit.record(manager, actor, { action: 'site.create', entityType: 'Site', entityId: site.id, after: site });
      await this.outbox.enqueue(manager, 'Site', site.id);
      return site;
    });
  }

  /** Optimistic locking: the UPDATE names the version read and must touch one row. */
  async updateSite(actor: Principal, input: UpdateSiteInput): Promise<Site> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneBy(Site, { id: input.id });
      if (!before || !canManageOrganization(actor, before.organizationId)) throw AppError.notFound('Site');
      const regionChanged = input.regionCode !== undefined && input.regionCode !== before.regionCode;
      const place =
        regionChanged || input.lat != null || input.lon != null
          ? await this.resolvePlace(before.countryCode, input.regionCode ?? before.regionCode, input.lat ?? (regionChanged ? null : before.lat), input.lon ?? (regionChanged ? null : before.lon), 'input.')
          : {};
      const changes = {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.address !== undefined ? { address: input.address.trim() } : {}),
        ...place,
      };
      const result = await manager
        .createQueryBuilder()
        .update(Site)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: input.id, version: input.version })
        .execute()
        .catch(plantNameTaken);
      if (result.affected !== 1) throw AppError.staleVersion('Site', input.version, before.version);
      const after = await manager.findOneByOrFail(Site, { id: input.id });
      await this.audit.record(manager, actor, { action: 'site.update', entityType: 'Site', entityId: after.id, before, after });
      await this.outbox.enqueue(manager, 'Site', after.id);
      return after;
    });
  }

  /** Region and coordinates of a plant: in China a leaf region, coordinates defaulting to its centre. */
  private async resolvePlace(countryCode: string, regionCode: string | null, lat: number | null, lon: number | null, prefix: string) {
    if ((lat === null) !== (lon === null)) throw AppError.invalid(['lat', 'lon'].map((name) => ({ field: `${prefix}${name}`, message: 'give both lat and lon, or neither' })));
    if (countryCode !== 'CN') {
      if (regionCode) throw AppError.badInput(`${prefix}regionCode`, 'plants abroad have no GB/T 2260 code');
      if (lat === null || lon === null) throw AppError.badInput(`${prefix}lat`, 'plants abroad need coordinates');
      return { countryCode, regionCode: null, lat, lon, locationApprox: false };
    }
    if (!regionCode) throw AppError.badInput(`${prefix}regionCode`, 'plants in China need a county-level region code');
    const region = await this.regions.requireLeaf(regionCode, `${prefix}regionCode`);
    if (lat !== null && lon !== null) return { countryCode, regionCode, lat, lon, locationApprox: false };
    const centre = await this.regions.centroid(region);
    if (!centre) throw AppError.badInput(`${prefix}lat`, `no centre point is known for ${region.name}: give coordinates`);
    return { countryCode, regionCode, lat: centre.lat, lon: centre.lon, locationApprox: true };
  }
}
