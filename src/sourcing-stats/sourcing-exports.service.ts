import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { AppError } from '../common/app-error.js';
import type { Principal } from '../access/role.js';
import { SourcingStatsService } from './sourcing-stats.service.js';
import { Basis, Scope, SourceFilter } from './sourcing-figures.js';
import { csvHeader, csvLine, toCsv, UTF8_BOM, type CsvColumn } from './csv.js';
import type { ExportQuery } from './dto/export.query.js';
import type { DemandGapModel, DemandGapRequirementModel, LocalSourcingRateModel, SourcingContractModel, SourcingRateRowModel, SourcingTargetModel } from './sourcing-stats.models.js';
import { MAX_PAGE_SIZE } from '../common/pagination.js';

/** The tables a bureau can download, by file name. */
export const EXPORT_TABLES = ['summary', 'by-city', 'by-county', 'by-oem', 'by-focus-area', 'by-category', 'by-quarter', 'demand-gaps', 'demand-gap-requirements', 'contracts'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

const BREAKDOWNS: Record<string, keyof Pick<LocalSourcingRateModel, 'byCity' | 'byCounty' | 'byOem' | 'byFocusArea' | 'byCategory' | 'byQuarter'>> = {
  'by-city': 'byCity', 'by-county': 'byCounty', 'by-oem': 'byOem', 'by-focus-area': 'byFocusArea', 'by-category': 'byCategory', 'by-quarter': 'byQuarter',
};

const dec = (value: Decimal | null | undefined) => (value == null ? null : value.toFixed());
const pct = (rate: Decimal | null | undefined) => (rate == null ? null : rate.times(100).toFixed(2));
const fraction = (rate: Decimal | null | undefined) => (rate == null ? null : rate.toDecimalPlaces(8).toFixed());

const ROW_COLUMNS: CsvColumn<SourcingRateRowModel>[] = [
  { header: '维度 Dimension', kind: 'text', value: (r) => r.dimension },
  { header: '代码 Key', kind: 'text', value: (r) => r.key },
  { header: '名称 Name', kind: 'text', value: (r) => r.nameZh },
  { header: 'Name (English)', kind: 'text', value: (r) => r.nameEn },
  { header: '重点领域 Focus area', kind: 'text', value: (r) => r.focusArea },
  { header: '本地 Local (numerator)', kind: 'number', value: (r) => dec(r.numerator) },
  { header: '合计 Total (denominator)', kind: 'number', value: (r) => dec(r.denominator) },
  { header: '本地配套率 Rate', kind: 'number', value: (r) => fraction(r.rate) },
  { header: '本地配套率 % Rate %', kind: 'number', value: (r) => pct(r.rate) },
  { header: '合同数 Contracts signed', kind: 'number', value: (r) => r.contracts },
];

type Summary = { rate: LocalSourcingRateModel; target: SourcingTargetModel | null };
const SUMMARY_COLUMNS: CsvColumn<Summary>[] = [
  { header: '地区代码 Region code', kind: 'text', value: (s) => s.rate.regionCode },
  { header: '地区 Region', kind: 'text', value: (s) => s.rate.regionName },
  { header: '期间 Period', kind: 'text', value: (s) => s.rate.period.label },
  { header: '口径 Basis', kind: 'text', value: (s) => s.rate.basis },
  { header: '本地范围 Scope', kind: 'text', value: (s) => s.rate.scope },
  { header: '合同来源 Source', kind: 'text', value: (s) => s.rate.source },
  { header: '本地 Local (numerator)', kind: 'number', value: (s) => dec(s.rate.numerator) },
  { header: '合计 Total (denominator)', kind: 'number', value: (s) => dec(s.rate.denominator) },
  { header: '本地配套率 Rate', kind: 'number', value: (s) => fraction(s.rate.rate) },
  { header: '本地配套率 % Rate %', kind: 'number', value: (s) => pct(s.rate.rate) },
  { header: '合同数 Contracts signed', kind: 'number', value: (s) => s.rate.contracts },
  { header: '基准年 Baseline year', kind: 'number', value: (s) => s.target?.baselineYear },
  { header: '基准来源 Baseline method', kind: 'text', value: (s) => s.target?.baselineMethod },
  { header: '基准率 % Baseline %', kind: 'number', value: (s) => pct(s.target?.baselineRate) },
  { header: '目标率 % Target %', kind: 'number', value: (s) => pct(s.target?.targetRate) },
  { header: '变化(百分点) Change pp', kind: 'number', value: (s) => s.target?.changePp?.toDecimalPlaces(4).toFixed() },
  { header: '进度 Progress', kind: 'number', value: (s) => s.target?.progress?.toDecimalPlaces(4).toFixed() },
  { header: '尚需新增本地采购 Additional local needed', kind: 'number', value: (s) => dec(s.target?.additionalLocalNeeded) },
  { header: '或转为本地(总额不变) Or shift to local at current total', kind: 'number', value: (s) => dec(s.target?.localShiftNeeded) },
  { header: '基准说明 Baseline source', kind: 'text', value: (s) => s.target?.sourceNote },
  { header: '定义 Definition', kind: 'text', value: (s) => s.rate.definition },
];

const GAP_COLUMNS: CsvColumn<DemandGapModel>[] = [
  { header: '品类代码 Category code', kind: 'text', value: (g) => g.categoryCode },
  { header: '品类 Category', kind: 'text', value: (g) => g.nameZh },
  { header: 'Category (English)', kind: 'text', value: (g) => g.nameEn },
  { header: '重点领域 Focus area', kind: 'text', value: (g) => g.focusArea },
  { header: '需求数 Open requirements', kind: 'number', value: (g) => g.requirements },
  { header: '整车企业数 OEMs', kind: 'number', value: (g) => g.oems },
  { header: '年需求金额 Demanded annual value (CNY)', kind: 'number', value: (g) => dec(g.demandedAnnualValue) },
  {
    header: '省外最近合格工厂 Nearest qualified plants outside the province',
    kind: 'text',
    value: (g) => g.nearestOutside.map((c) => `${c.supplierName} / ${c.siteName} (${c.regionName ?? c.countryCode}, ${c.distanceKm} km)`).join('; '),
  },
];

const GAP_REQUIREMENT_COLUMNS: CsvColumn<DemandGapRequirementModel>[] = [
  { header: '需求 Requirement id', kind: 'text', value: (r) => r.id },
  { header: '标题 Title', kind: 'text', value: (r) => r.title },
  { header: '品类代码 Category code', kind: 'text', value: (r) => r.categoryCode },
  { header: '整车企业 OEM', kind: 'text', value: (r) => r.oemName },
  { header: '交付地区 Delivery region', kind: 'text', value: (r) => r.deliveryRegionCode },
  { header: '年需求量 Annual volume', kind: 'number', value: (r) => r.annualVolume },
  { header: '目标单价 Target unit price (CNY)', kind: 'number', value: (r) => dec(r.targetUnitPrice) },
  { header: '年需求金额 Annual value (CNY)', kind: 'number', value: (r) => dec(r.annualValue) },
  { header: 'SOP', kind: 'text', value: (r) => r.sopDate },
];

const CONTRACT_COLUMNS: CsvColumn<SourcingContractModel>[] = [
  { header: '合同 Contract id', kind: 'text', value: (c) => c.id },
  { header: '来源 Source', kind: 'text', value: (c) => c.source },
  { header: '状态 Status', kind: 'text', value: (c) => c.status },
  { header: '签订日期 Signed', kind: 'text', value: (c) => c.signedDate },
  { header: '采购方 Buyer', kind: 'text', value: (c) => c.buyerName },
  { header: '采购方地区 Buyer region', kind: 'text', value: (c) => c.buyerRegionCode },
  { header: '供应商 Supplier', kind: 'text', value: (c) => c.supplierName },
  { header: '供应商地区(签订时) Supplier region at signing', kind: 'text', value: (c) => c.supplierRegionCode },
  { header: '国家 Country', kind: 'text', value: (c) => c.supplierCountryCode },
  { header: '品类代码 Category code', kind: 'text', value: (c) => c.categoryCode },
  { header: '品类 Category', kind: 'text', value: (c) => c.categoryNameZh },
  { header: '合同金额(现值) Total value (current)', kind: 'number', value: (c) => dec(c.totalValue) },
  { header: '已交付金额 Delivered value', kind: 'number', value: (c) => dec(c.deliveredValue) },
  { header: '计入金额 Counted value', kind: 'number', value: (c) => dec(c.countedValue) },
  { header: '计入数量 Counts (COUNT basis)', kind: 'number', value: (c) => (c.counts ? 1 : 0) },
  { header: '本地 Local', kind: 'text', value: (c) => (c.local ? 'Y' : 'N') },
  { header: '同省 Same province', kind: 'text', value: (c) => (c.sameProvince ? 'Y' : 'N') },
  { header: '同市 Same city', kind: 'text', value: (c) => (c.sameCity ? 'Y' : 'N') },
  { header: '距离 km Distance km', kind: 'number', value: (c) => c.distanceKm.toFixed(1) },
  { header: '资格豁免理由 Qualification override reason', kind: 'text', value: (c) => c.qualificationOverride?.reason ?? '' },
  { header: '未通过的硬性条件 Failed hard filters', kind: 'text', value: (c) => (c.qualificationOverride?.failures ?? []).map((f) => `${f.filter}: ${f.reason}`).join('; ') },
];

/** Builds the CSV of each exportable table from the same service calls as the GraphQL API (same access rules). */
@Injectable()
export class SourcingExportsService {
  constructor(private readonly stats: SourcingStatsService) {}

  fileName(table: ExportTable, query: ExportQuery): string {
    const period = query.startYear ? `-${query.startYear}${query.endYear && query.endYear !== query.startYear ? `-${query.endYear}` : ''}` : '';
    return `sourcing-${table}-${query.region}${period}.csv`;
  }

  /** The CSV text, chunk by chunk (the contracts table may be long). */
  async *csv(actor: Principal, table: ExportTable, query: ExportQuery): AsyncGenerator<string> {
    switch (table) {
      case 'summary': {
        const rate = await this.rate(actor, query);
        yield toCsv(SUMMARY_COLUMNS, [{ rate, target: await this.stats.target(rate) }]);
        return;
      }
      case 'by-city':
      case 'by-county':
      case 'by-oem':
      case 'by-focus-area':
      case 'by-category':
      case 'by-quarter': {
        const rate = await this.rate(actor, query);
        yield toCsv(ROW_COLUMNS, rate[BREAKDOWNS[table]]);
        return;
      }
      case 'demand-gaps': {
        const gaps = await this.stats.demandGaps(actor, { region: query.region, categoryCode: query.categoryCode ?? null, nearest: query.nearest ?? 3 });
        yield toCsv(GAP_COLUMNS, gaps);
        return;
      }
      case 'demand-gap-requirements': {
        if (!query.categoryCode) throw AppError.badInput('categoryCode', 'is required for this table');
        const categoryCode = query.categoryCode;
        const pageAfter = (after: string | null) => this.stats.demandGapRequirements(actor, { region: query.region, categoryCode, first: MAX_PAGE_SIZE, after });
        let page = await pageAfter(null);
        yield UTF8_BOM + csvHeader(GAP_REQUIREMENT_COLUMNS);
        for (;;) {
          yield page.edges.map((e) => csvLine(GAP_REQUIREMENT_COLUMNS, e.node)).join('');
          if (!page.pageInfo.hasNextPage) return;
          page = await pageAfter(page.pageInfo.endCursor);
        }
      }
      case 'contracts': {
        const batches = this.stats.allContracts(actor, {
          region: query.region,
          period: this.period(query),
          scope: query.scope ?? Scope.PROVINCE,
          source: query.source ?? SourceFilter.ALL,
      confirmedOnly: query.confirmedOnly ?? false,
          filter: { local: query.local ?? null, area: query.area ?? null, buyerOrganizationId: query.buyerOrganizationId ?? null, categoryCode: query.categoryCode ?? null, focusArea: query.focusArea ?? null },
        });
        // The first batch is fetched before anything is written, so an access or input error still gets its status.
        const first = await batches.next();
        yield UTF8_BOM + csvHeader(CONTRACT_COLUMNS);
        if (first.done) return;
        yield first.value.map((c) => csvLine(CONTRACT_COLUMNS, c)).join('');
        for await (const batch of batches) yield batch.map((c) => csvLine(CONTRACT_COLUMNS, c)).join('');
        return;
      }
      default: {
        const unknown: never = table;
        throw AppError.notFound(`Export ${String(unknown)}`);
      }
    }
  }

  private rate(actor: Principal, query: ExportQuery): Promise<LocalSourcingRateModel> {
    return this.stats.localSourcingRate(actor, {
      region: query.region,
      period: this.period(query),
      basis: query.basis ?? Basis.VALUE,
      scope: query.scope ?? Scope.PROVINCE,
      source: query.source ?? SourceFilter.ALL,
      confirmedOnly: query.confirmedOnly ?? false,
    });
  }

  private period(query: ExportQuery) {
    if (query.startYear === undefined) throw AppError.badInput('startYear', 'is required for this table');
    return { startYear: query.startYear, startQuarter: query.startQuarter, endYear: query.endYear, endQuarter: query.endQuarter };
  }
}
