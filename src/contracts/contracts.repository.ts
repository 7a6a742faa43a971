import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Decimal } from 'decimal.js';
import type { BuyerValueHistory } from './contract-review.js';
import { Contract } from './contract.entity.js';
import { regionPrefix } from '../locality/region-codes.js';
import { Role, type Principal } from '../access/role.js';
import type { ContractFilter } from './dto/contract.inputs.js';

/**
 * The buyer's usual scale: its contracts signed in the 12 months up to today (held and rejected
 * ones, and `exceptId`, left out), their number and median total value.
 */
export async function buyerValueHistory(manager: EntityManager, buyerOrganizationId: string, exceptId: string | null = null): Promise<BuyerValueHistory> {
  const [row] = await manager.query<{ n: number; median: string | null }[]>(
    `SELECT count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY total_value)::numeric(20,2)::text AS median
     FROM contracts WHERE buyer_organization_id = $1 AND signed_date > (now() AT TIME ZONE 'Asia/Shanghai')::date - interval '12 months'
       AND review_status NOT IN ('HELD', 'REJECTED') AND ($2::uuid IS NULL OR id <> $2::uuid)`,
    [buyerOrganizationId, exceptId],
  );
  return { contracts: row.n, median: row.median === null ? null : new Decimal(row.median) };
}

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

  /** Contracts held for review that the caller may review: all for a platform admin, a bureau's in its jurisdiction. */
  heldFor(actor: Principal): SelectQueryBuilder<Contract> {
    const query = this.dataSource.getRepository(Contract).createQueryBuilder('k').where(`k.review_status = 'HELD'`);
    if (actor.role === Role.BUREAU_ANALYST) query.andWhere('k.buyer_region_code LIKE :jurisdiction', { jurisdiction: `${regionPrefix(actor.jurisdictionCode ?? 'none')}%` });
    else if (actor.role !== Role.PLATFORM_ADMIN) query.andWhere('false');
    return query;
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
