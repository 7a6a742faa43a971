import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { Decimal } from 'decimal.js';
import { Contract } from './contract.entity.js';
import { countedValueSql } from '../sourcing-stats/counted-value.js';
import type { RateBasis } from '../sourcing-stats/local-rate.js';
import { regionPrefix } from '../regions/region-codes.js';
import { Role, type Principal } from '../access/role.js';
import type { ContractFilter } from './dto/contract.inputs.js';

/** Named queries over contracts. */
@Injectable()
export class ContractsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The buyer's purchasing for its plants in one province in one calendar year (by signing
   * date), and the part of it from plants in the same province — the basis of its provincial
   * local-sourcing rate. Counted as the rate counts (current value; terminated: delivered).
   */
  async buyerProvincialBasis(buyerOrganizationId: string, provinceCode: string, year: number): Promise<RateBasis> {
    const [row] = await this.dataSource.query<{ local: string; total: string }[]>(
      `SELECT COALESCE(SUM(${countedValueSql('k')}) FILTER (WHERE k.same_province), 0) AS local, COALESCE(SUM(${countedValueSql('k')}), 0) AS total
       FROM contracts k WHERE k.buyer_organization_id = $1 AND k.buyer_region_code LIKE $2 AND k.signed_date >= $3 AND k.signed_date < $4`,
      [buyerOrganizationId, `${provinceCode.slice(0, 2)}%`, `${year}-01-01`, `${year + 1}-01-01`],
    );
    return { local: new Decimal(row.local), total: new Decimal(row.total) };
  }

  /**
   * Contracts the caller may read: its organisation's as buyer or supplier; for a bureau
   * analyst, those whose buyer plant lies in its jurisdiction. Anyone else: none.
   */
  visibleTo(actor: Principal, filter: ContractFilter = {}): SelectQueryBuilder<Contract> {
    const query = this.dataSource.getRepository(Contract).createQueryBuilder('k');
    if (actor.role === Role.BUREAU_ANALYST) {
      if (!actor.jurisdictionCode) query.where('false');
      else query.where('k.buyer_region_code LIKE :jurisdiction', { jurisdiction: `${regionPrefix(actor.jurisdictionCode)}%` });
    } else if (actor.role === Role.OEM_BUYER || actor.role === Role.SUPPLIER_ADMIN) {
      query.where(new Brackets((q) => q.where('k.buyer_organization_id = :org', { org: actor.organizationId }).orWhere('k.supplier_organization_id = :org', { org: actor.organizationId })));
    } else {
      query.where('false');
    }
    return applyFilter(query, filter);
  }

  /** Every contract matching the filter: for the operator's tools (the OCDS export CLI), never for a request. */
  all(filter: ContractFilter = {}): SelectQueryBuilder<Contract> {
    return applyFilter(this.dataSource.getRepository(Contract).createQueryBuilder('k').where('true'), filter);
  }
}

function applyFilter(query: SelectQueryBuilder<Contract>, filter: ContractFilter): SelectQueryBuilder<Contract> {
  if (filter.source?.length) query.andWhere('k.source IN (:...sources)', { sources: filter.source });
  if (filter.status?.length) query.andWhere('k.status IN (:...statuses)', { statuses: filter.status });
  if (filter.buyerRegionCode) query.andWhere('k.buyer_region_code LIKE :buyerRegion', { buyerRegion: `${regionPrefix(filter.buyerRegionCode)}%` });
  if (filter.categoryCode) {
    query.andWhere(new Brackets((q) => q.where('k.category_code = :category', { category: filter.categoryCode }).orWhere('k.category_code LIKE :subtree', { subtree: `${filter.categoryCode}.%` })));
  }
  if (filter.requirementId) query.andWhere('k.requirement_id = :requirementId', { requirementId: filter.requirementId });
  if (filter.signedFrom) query.andWhere('k.signed_date >= :signedFrom', { signedFrom: filter.signedFrom });
  if (filter.signedTo) query.andWhere('k.signed_date <= :signedTo', { signedTo: filter.signedTo });
  return query;
}
