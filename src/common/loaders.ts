import { Injectable } from '@nestjs/common';
import { DataSource, In, type ObjectLiteral, type EntityTarget } from 'typeorm';
import DataLoader from 'dataloader';
import { Region } from '../regions/region.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';
import { PartCategory } from '../taxonomy/part-category.entity.js';
import { Requirement, RequirementCertification } from '../requirements/requirement.entity.js';
import { Capability, CapabilitySite } from '../suppliers/capability.entity.js';
import { SupplierCertification } from '../suppliers/supplier-certification.entity.js';
import { Quote, QuoteRevision } from '../quotes/quote.entity.js';
import { ContractAmendment } from '../contracts/contract.entity.js';

/** Per-request batch loaders: a list resolving N relations issues one query per relation. */
export interface Loaders {
  region: DataLoader<string, Region | null>;
  organization: DataLoader<string, Organization | null>;
  site: DataLoader<string, Site | null>;
  category: DataLoader<string, PartCategory | null>;
  /** No visibility check: for requirements the caller is known to see. */
  requirement: DataLoader<string, Requirement | null>;
  sitesOfOrganization: DataLoader<string, Site[]>;
  requiredCertifications: DataLoader<string, RequirementCertification[]>;
  capabilitiesOfOrganization: DataLoader<string, Capability[]>;
  certificationsOfOrganization: DataLoader<string, SupplierCertification[]>;
  siteIdsOfCapability: DataLoader<string, string[]>;
  /** No visibility check: for quotes the caller is known to see. */
  quote: DataLoader<string, Quote | null>;
  quoteRevisions: DataLoader<string, QuoteRevision[]>;
  contractAmendments: DataLoader<string, ContractAmendment[]>;
}

/** A relation that the schema guarantees; its absence is a data fault, reported as INTERNAL. */
export function required<T>(value: T | null | undefined, what: string, ofId: string): T {
  if (value == null) throw new Error(`${what} of ${ofId} is missing`);
  return value;
}

@Injectable()
export class LoadersFactory {
  constructor(private readonly dataSource: DataSource) {}

  create(): Loaders {
    return {
      region: this.byKey(Region, 'code'),
      organization: this.byKey(Organization, 'id'),
      site: this.byKey(Site, 'id'),
      category: this.byKey(PartCategory, 'code'),
      requirement: this.byKey(Requirement, 'id'),
      sitesOfOrganization: this.manyBy(Site, 'organizationId', { name: 'ASC' }),
      requiredCertifications: this.manyBy(RequirementCertification, 'requirementId', { typeCode: 'ASC' }),
      capabilitiesOfOrganization: this.manyBy(Capability, 'organizationId', { categoryCode: 'ASC', createdAt: 'ASC' }),
      certificationsOfOrganization: this.manyBy(SupplierCertification, 'organizationId', { typeCode: 'ASC', validUntil: 'DESC' }),
      siteIdsOfCapability: new DataLoader(async (ids: readonly string[]) => {
        const links = await this.dataSource.getRepository(CapabilitySite).find({ where: { capabilityId: In([...ids]) } });
        return ids.map((id) => links.filter((l) => l.capabilityId === id).map((l) => l.siteId));
      }),
      quote: this.byKey(Quote, 'id'),
      quoteRevisions: this.manyBy(QuoteRevision, 'quoteId', { revision: 'ASC' }),
      contractAmendments: this.manyBy(ContractAmendment, 'contractId', { sequence: 'ASC' }),
    };
  }

  /** Rows grouped by a foreign key, one query for the whole batch. */
  private manyBy<T extends ObjectLiteral, K extends keyof T & string>(entity: EntityTarget<T>, key: K, order: Record<string, 'ASC' | 'DESC'>): DataLoader<string, T[]> {
    return new DataLoader(async (keys: readonly string[]) => {
      const rows = await this.dataSource.getRepository(entity).find({ where: { [key]: In([...keys]) } as never, order: order as never });
      return keys.map((k) => rows.filter((row) => String(row[key]) === k));
    });
  }

  private byKey<T extends ObjectLiteral, K extends keyof T & string>(entity: EntityTarget<T>, key: K): DataLoader<string, T | null> {
    return new DataLoader(async (keys: readonly string[]) => {
      const rows = await this.dataSource.getRepository(entity).find({ where: { [key]: In([...keys]) } as never });
      const byKey = new Map(rows.map((row) => [String(row[key]), row]));
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }
}
