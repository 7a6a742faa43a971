import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { Award, Contract, ContractAmendment } from '../contract.entity.js';
import { ContractsRepository } from '../contracts.repository.js';
import type { ContractFilter } from '../dto/contract.inputs.js';
import { DEFAULT_OCID_PREFIX, releasePackage, toRelease, type OcdsOrganizationFacts, type OcdsPlantFacts, type OcdsProcessFacts, type OcdsReleasePackage } from './ocds-mapper.js';
import { releasePackageProblems } from './ocds-validator.js';
import { encodeCursor, type PageInfo } from '../../common/pagination.js';
import { dateIdCursor } from '../../common/cursor-keys.js';
import type { Principal } from '../../access/role.js';
import { Organization } from '../../organizations/organization.entity.js';
import { Site } from '../../organizations/site.entity.js';
import { Region } from '../../regions/region.entity.js';
import { PartCategory } from '../../taxonomy/part-category.entity.js';
import { Requirement } from '../../requirements/requirement.entity.js';
import { provinceOf } from '../../locality/region-codes.js';

export const PUBLISHER_NAME = '整零通 Zhenglingtong automotive parts marketplace';

export interface OcdsPage {
  /** Null when no contract matches (OCDS asks a package for at least one release). */
  releasePackage: OcdsReleasePackage | null;
  /** Contracting processes matching, over all pages. */
  totalCount: number;
  pageInfo: PageInfo;
}

export interface OcdsOptions {
  ocidPrefix?: string;
  publisherUri?: string;
}

/** The SQL key of a contracting process: the requirement of an awarded contract, or the recorded contract itself. */
const PROCESS_KEY = 'COALESCE(k.requirement_id, k.id)';

/**
 * Contracts as OCDS 1.1 release packages, one release per contracting process, each package
 * checked against release-package.schema.json before it leaves (a failure is a bug, not the
 * client's). The GraphQL query shows the caller what it may read; the CLI export, run by the
 * operator, everything matching its filter.
 */
@Injectable()
export class OcdsService {
  private readonly repository: ContractsRepository;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.repository = new ContractsRepository(dataSource);
  }

  /** One page of the contracting processes the caller may read, newest signing first. */
  async pageFor(actor: Principal, filter: ContractFilter, first: number, after: string | null | undefined, options: OcdsOptions = {}): Promise<OcdsPage> {
    const query = this.repository.visibleTo(actor, filter);
    const [{ n }] = await query.clone().select(`COUNT(DISTINCT ${PROCESS_KEY})::int`, 'n').getRawMany<{ n: number }>();
    const keysQuery = query.clone().select(PROCESS_KEY, 'process').addSelect('MAX(k.signed_date)', 'signed').groupBy(PROCESS_KEY);
    const cursor = dateIdCursor(after);
    if (cursor) keysQuery.having(`(MAX(k.signed_date), ${PROCESS_KEY}) < (:signed::date, :process::uuid)`, { signed: cursor[0], process: cursor[1] });
    const keys = await keysQuery.orderBy('MAX(k.signed_date)', 'DESC').addOrderBy(PROCESS_KEY, 'DESC').limit(first + 1).getRawMany<{ process: string; signed: string }>();
    const page = keys.slice(0, first);
    const last = page.at(-1);
    const pageInfo = { hasNextPage: keys.length > first, endCursor: last ? encodeCursor([last.signed, last.process]) : null };
    if (page.length === 0) return { releasePackage: null, totalCount: n, pageInfo };
    const contracts = await query.clone().andWhere(`${PROCESS_KEY} IN (:...keys)`, { keys: page.map((k) => k.process) }).getMany();
    const order = new Map(page.map((k, i) => [k.process, i]));
    const built = await this.build(contracts, options, (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return { releasePackage: built, totalCount: n, pageInfo };
  }

  /** Every contract matching the filter (operator export), oldest process first; null when none. */
  async exportAll(filter: ContractFilter, options: OcdsOptions = {}): Promise<OcdsReleasePackage | null> {
    const query = this.repository.all(filter);
    const contracts = await query.orderBy('k.signed_date', 'ASC').addOrderBy('k.id', 'ASC').getMany();
    if (contracts.length === 0) return null;
    const firstSigned = new Map<string, string>();
    for (const c of contracts) {
      const key = c.requirementId ?? c.id;
      if (!firstSigned.has(key)) firstSigned.set(key, `${c.signedDate}|${key}`);
    }
    return this.build(contracts, options, (a, b) => ((firstSigned.get(a) ?? '') < (firstSigned.get(b) ?? '') ? -1 : 1));
  }

  private async build(contracts: Contract[], options: OcdsOptions, compareKeys: (a: string, b: string) => number): Promise<OcdsReleasePackage> {
    const processes = await this.facts(contracts);
    processes.sort((a, b) => compareKeys(a.key, b.key));
    const releases = processes.map((p) => toRelease(p, options.ocidPrefix ?? DEFAULT_OCID_PREFIX));
    const fingerprint = createHash('sha256').update(releases.map((r) => r.id).join('\n')).digest('hex').slice(0, 32);
    const result = releasePackage(releases, { uri: `urn:zhenglingtong:ocds:release-package:${fingerprint}`, publisherName: PUBLISHER_NAME, publisherUri: options.publisherUri });
    const problems = releasePackageProblems(result);
    if (problems.length > 0) throw new Error(`OCDS export does not match its schema: ${problems.slice(0, 5).join('; ')}`);
    return result;
  }

  /** Loads what the releases need, a fixed number of queries whatever the number of contracts. */
  private async facts(contracts: Contract[]): Promise<OcdsProcessFacts[]> {
    const ids = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];
    const orgIds = ids(contracts.flatMap((c) => [c.buyerOrganizationId, c.supplierOrganizationId]));
    const siteIds = ids(contracts.flatMap((c) => [c.buyerSiteId, c.supplierSiteId]));
    const [organizations, sites, categories, requirements, awards, amendments] = await Promise.all([
      this.dataSource.getRepository(Organization).findBy({ id: In(orgIds) }),
      this.dataSource.getRepository(Site).findBy({ id: In(siteIds) }),
      this.dataSource.getRepository(PartCategory).findBy({ code: In(ids(contracts.map((c) => c.categoryCode))) }),
      this.dataSource.getRepository(Requirement).findBy({ id: In(ids(contracts.map((c) => c.requirementId))) }),
      this.dataSource.getRepository(Award).findBy({ id: In(ids(contracts.map((c) => c.awardId))) }),
      this.dataSource.getRepository(ContractAmendment).find({ where: { contractId: In(contracts.map((c) => c.id)) }, order: { sequence: 'ASC' } }),
    ]);
    const regionCodes = ids([...sites.map((s) => s.regionCode), ...contracts.map((c) => c.supplierRegionCode)].flatMap((code) => (code ? [code, provinceOf(code)] : [])));
    const regions = new Map((await this.dataSource.getRepository(Region).findBy({ code: In(regionCodes) })).map((r) => [r.code, r.name]));
    const org = byId(organizations, (o) => o.id);
    const site = byId(sites, (s) => s.id);
    const category = byId(categories, (c) => c.code);
    const requirement = byId(requirements, (r) => r.id);
    const award = byId(awards, (a) => a.id);

    const organizationFacts = (id: string): OcdsOrganizationFacts => {
      const o = must(org.get(id), 'organization', id);
      return { legalName: o.legalName, nameEn: o.nameEn, creditCode: o.creditCode };
    };
    const plantFacts = (id: string): OcdsPlantFacts => {
      const s = must(site.get(id), 'site', id);
      return {
        name: s.name,
        address: s.address,
        countryCode: s.countryCode,
        localityName: s.regionCode ? (regions.get(s.regionCode) ?? null) : null,
        provinceName: s.regionCode ? (regions.get(provinceOf(s.regionCode)) ?? null) : null,
      };
    };

    const declaredPlantFacts = (c: Contract, name: string): OcdsPlantFacts => ({
      name,
      address: c.supplierPlantAddress ?? '',
      countryCode: c.supplierCountryCode,
      localityName: c.supplierRegionCode ? (regions.get(c.supplierRegionCode) ?? null) : null,
      provinceName: c.supplierRegionCode ? (regions.get(provinceOf(c.supplierRegionCode)) ?? null) : null,
    });

    const groups = new Map<string, Contract[]>();
    for (const c of contracts) {
      const key = c.requirementId ?? c.id;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    return [...groups.entries()].map(([key, members]) => {
      members.sort((a, b) => (a.id < b.id ? -1 : 1));
      const head = members[0];
      const r = head.requirementId ? requirement.get(head.requirementId) : undefined;
      const a = head.awardId ? award.get(head.awardId) : undefined;
      return {
        key,
        buyer: organizationFacts(head.buyerOrganizationId),
        buyerPlant: plantFacts(head.buyerSiteId),
        requirement: r ? { id: r.id, title: r.title, description: r.description, annualVolume: r.annualVolume, publishedAt: r.publishedAt, quoteDeadline: r.quoteDeadline } : null,
        award: a ? { id: a.id, createdAt: a.createdAt } : null,
        contracts: members.map((c) => {
          const cat = must(category.get(c.categoryCode), 'category', c.categoryCode);
          return {
            id: c.id,
            source: c.source,
            buyerReference: c.buyerReference,
            status: c.status,
            categoryCode: c.categoryCode,
            categoryNameZh: cat.nameZh,
            categoryNameEn: cat.nameEn,
            unitPrice: c.unitPrice,
            volume: c.volume,
            totalValue: c.totalValue,
            deliveredValue: c.deliveredValue,
            terminationReason: c.terminationReason,
            signedDate: c.signedDate,
            startDate: c.startDate,
            endDate: c.endDate,
            updatedAt: c.updatedAt,
            supplier: organizationFacts(c.supplierOrganizationId),
            // A recorded contract's supplying plant is the one its buyer declared.
            supplierPlant: c.supplierPlantName !== null ? declaredPlantFacts(c, c.supplierPlantName) : plantFacts(must(c.supplierSiteId ?? undefined, 'supplier site of contract', c.id)),
            amendments: amendments.filter((m) => m.contractId === c.id),
          };
        }),
      };
    });
  }
}

function byId<T>(rows: T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

function must<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw new Error(`${what} ${id} is missing`);
  return value;
}

