import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { Contract } from './contract.entity.js';
import { regionPrefix } from '../locality/region-codes.js';
import { Role, type Principal } from '../access/role.js';
import type { ContractFilter } from './dto/contract.inputs.js';

/** Named queries over contracts. */
@Injectable()
export class ContractsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
