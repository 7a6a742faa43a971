import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Decimal } from 'decimal.js';
import { isUUID } from 'class-validator';
import { AppError } from '../common/app-error.js';
import { decodeCursor, toConnection, type Connection } from '../common/pagination.js';
import { isLocalDate } from '../common/local-date.scalar.js';
import { Role, type Principal } from '../access/role.js';
import { AuditService } from '../audit/audit.service.js';
import { RegionsService } from '../regions/regions.service.js';
import type { Region } from '../regions/region.entity.js';
import { cityOf, codeLevel, isWithin, provinceOf } from '../locality/region-codes.js';
import { FOCUS_AREAS, PART_TAXONOMY } from '../taxonomy/taxonomy.data.js';
import { SourcingStatsRepository, type ContractSelection, type RollupSelection, type SourcingContractRow } from './sourcing-stats.repository.js';
import { Basis, Scope, SourceFilter, figureOf, sumAll, sumBy, type ContractSums, NO_SUMS } from './sourcing-figures.js';
import { targetFiguresOf } from '../locality/local-rate.js';
import { periodDates, periodLabel, periodOf, periodProblems, quarterLabel, quartersOf, yearPeriod, type QuarterPeriod } from './period.js';
import { mayReadRegion } from './region-scope.js';
import type { SourcingBaseline } from './sourcing-baseline.entity.js';
import {
  BaselineMethod, DemandGapModel, DemandGapRequirementModel, LocalSourcingRateModel, RATE_DEFINITION, SourcingBaselineModel, SourcingContractModel,
  SourcingDimension, SourcingRateRowModel, SourcingTargetModel,
} from './sourcing-stats.models.js';
import type { DemandGapArgs, DemandGapRequirementArgs, PeriodInput, SetSourcingBaselineInput, SourcingContractArgs, SourcingRateArgs } from './dto/sourcing-stats.inputs.js';

const FOCUS_NAMES: Record<string, { zh: string; en: string }> = {
  ...Object.fromEntries(PART_TAXONOMY.filter((c) => (FOCUS_AREAS as readonly string[]).includes(c.code)).map((c) => [c.code, { zh: c.nameZh, en: c.nameEn }])),
  OTHER: { zh: '其他', en: 'Other' },
};

function sourceOf(filter: SourceFilter): string | null {
  return filter === SourceFilter.ALL ? null : filter;
}

/**
 * Bureau statistics: local-sourcing rates with their breakdowns, baseline and target, demand
 * gaps and the contracts behind each figure. A bureau analyst reads its jurisdiction and what
 * lies within it (anything else is FORBIDDEN); a platform admin reads everything. Figures come
 * from the trigger-kept rollup, so they cost the same whatever the number of contracts.
 */
@Injectable()
export class SourcingStatsService {
  private readonly regionCache = new Map<string, Region>();

  constructor(
    private readonly repository: SourcingStatsRepository,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async localSourcingRate(actor: Principal, args: Pick<SourcingRateArgs, 'region' | 'period' | 'basis' | 'scope' | 'source'> & { confirmedOnly?: boolean }): Promise<LocalSourcingRateModel> {
    const period = this.period(args.period, 'period');
    const region = await this.readableRegion(actor, args.region, 'region');
    const selection: RollupSelection = { period, source: sourceOf(args.source), confirmedOnly: args.confirmedOnly ?? false };
    const level = codeLevel(region.code);
    // Three small reads: the region's quarters, its cities and counties, its OEMs and categories.
    const [quarters, areaRows, { oems, categories }, city] = await Promise.all([
      this.repository.quarterSums(region.code, selection),
      this.repository.areaSums(region.code, selection),
      this.repository.dimensionSums(region.code, selection),
      level === 'COUNTY' ? this.region(cityOf(region.code) as string, 'region').catch(() => null) : Promise.resolve(null),
    ]);
    // A city region is its own (only) city; a county's city comes from its own figures below.
    const cities = level === 'PROVINCE' ? areaRows.filter((r) => codeLevel(r.code) === 'CITY') : [];
    const counties = areaRows.filter((r) => codeLevel(r.code) === 'COUNTY');
    const { basis, scope } = args;
    const total = sumAll(quarters.map((q) => q.sums));
    const figure = figureOf(total, basis, scope);
    // How much of the figure rests on recorded contracts no supplier has confirmed.
    const unconfirmedValue = quarters.reduce((sum, q) => sum.plus(q.unconfirmed.value), new Decimal(0));
    const unconfirmedCounted = quarters.reduce((sum, q) => sum + q.unconfirmed.counted, 0);
    const unconfirmedPart = basis === Basis.VALUE ? unconfirmedValue : new Decimal(unconfirmedCounted);
    const row = (dimension: SourcingDimension, key: string, sums: ContractSums, names: { nameZh?: string | null; nameEn?: string | null; focusArea?: string | null } = {}): SourcingRateRowModel => ({
      dimension, key, nameZh: names.nameZh ?? null, nameEn: names.nameEn ?? null, focusArea: names.focusArea ?? null, ...figureOf(sums, basis, scope),
    });

    const byQuarterSums = new Map(quarters.map((q) => [quarterLabel(q.year, q.quarter), q.sums]));
    const byFocus = sumBy(categories, (c) => c.focusArea ?? 'OTHER', (c) => c.sums);
    const focusKeys = [...FOCUS_AREAS, ...(byFocus.has('OTHER') ? ['OTHER'] : [])];
    const byCity = level !== 'PROVINCE'
      ? (total.contracts > 0 ? [row(SourcingDimension.CITY, cityOf(region.code) as string, total, { nameZh: (city ?? region).name, nameEn: (city ?? region).nameEn })] : [])
      : cities.map((c) => row(SourcingDimension.CITY, c.code, c.sums, { nameZh: c.name, nameEn: c.nameEn }));
    const byCounty = level === 'COUNTY'
      ? (total.contracts > 0 ? [row(SourcingDimension.COUNTY, region.code, total, { nameZh: region.name, nameEn: region.nameEn })] : [])
      : counties.map((c) => row(SourcingDimension.COUNTY, c.code, c.sums, { nameZh: c.name, nameEn: c.nameEn }));

    return {
      regionCode: region.code,
      regionName: region.name,
      regionNameEn: region.nameEn,
      period: { ...period, ...periodDates(period), label: periodLabel(period) },
      basis,
      scope,
      source: args.source,
      definition: RATE_DEFINITION,
      confirmedOnly: selection.confirmedOnly ?? false,
      ...figure,
      unconfirmedValue,
      unconfirmedContracts: unconfirmedCounted,
      unconfirmedShare: figure.denominator.isZero() ? null : unconfirmedPart.dividedBy(figure.denominator),
      byCity,
      byCounty,
      byOem: oems
        .map((o) => row(SourcingDimension.OEM, o.organizationId, o.sums, { nameZh: o.name, nameEn: o.nameEn }))
        .sort((a, b) => b.denominator.comparedTo(a.denominator) || (a.key < b.key ? -1 : 1)),
      byFocusArea: focusKeys.map((key) => row(SourcingDimension.FOCUS_AREA, key, byFocus.get(key) ?? NO_SUMS, { nameZh: FOCUS_NAMES[key]?.zh, nameEn: FOCUS_NAMES[key]?.en, focusArea: key })),
      byCategory: categories.map((c) => row(SourcingDimension.CATEGORY, c.code, c.sums, { nameZh: c.nameZh, nameEn: c.nameEn, focusArea: c.focusArea })),
      byQuarter: quartersOf(period).map(({ year, quarter }) => {
        const key = quarterLabel(year, quarter);
        return row(SourcingDimension.QUARTER, key, byQuarterSums.get(key) ?? NO_SUMS);
      }),
      context: { region: region.code, period, basis, scope, local: figure.numerator, total: figure.denominator },
    };
  }

  /**
   * The rate against the region's baseline and target, or null when no baseline is set. A
   * computed baseline uses the same basis and scope over all contracts (both sources) signed
   * in the baseline year; an entered one applies when its basis and scope are the ones asked.
   */
  async target(rate: LocalSourcingRateModel): Promise<SourcingTargetModel | null> {
    const { region, basis, scope, local, total } = rate.context;
    const baseline = await this.repository.findBaseline(region);
    if (!baseline) return null;
    const entered = baseline.enteredRate !== null && baseline.enteredBasis === basis && baseline.enteredScope === scope;
    let baselineRate: Decimal | null;
    let baselineNumerator: Decimal | null = null;
    let baselineDenominator: Decimal | null = null;
    if (entered) {
      baselineRate = baseline.enteredRate;
    } else {
      const quarters = await this.repository.quarterSums(region, { period: yearPeriod(baseline.baselineYear), source: null });
      const figure = figureOf(sumAll(quarters.map((q) => q.sums)), basis, scope);
      [baselineRate, baselineNumerator, baselineDenominator] = [figure.rate, figure.numerator, figure.denominator];
    }
    const common = {
      baselineYear: baseline.baselineYear,
      baselineMethod: entered ? BaselineMethod.ENTERED : BaselineMethod.COMPUTED,
      baselineRate,
      baselineNumerator,
      baselineDenominator,
      sourceNote: baseline.sourceNote,
      targetIncreasePp: baseline.targetIncreasePp,
      currentRate: rate.rate,
    };
    if (baselineRate === null) {
      return { ...common, targetRate: null, changePp: null, progress: null, additionalLocalNeeded: null, localShiftNeeded: null };
    }
    return { ...common, ...targetFiguresOf({ local, total }, baselineRate, baseline.targetIncreasePp, basis) };
  }

  async baseline(actor: Principal, regionCode: string): Promise<SourcingBaselineModel | null> {
    const region = await this.readableRegion(actor, regionCode, 'regionCode');
    const baseline = await this.repository.findBaseline(region.code);
    return baseline ? baselineModel(baseline) : null;
  }

  /** Sets (or replaces) the region's baseline, with an audit event in the same transaction. */
  async setBaseline(actor: Principal, input: SetSourcingBaselineInput): Promise<SourcingBaselineModel> {
    const region = await this.readableRegion(actor, input.regionCode, 'input.regionCode');
    const increase = input.targetIncreasePp ?? new Decimal(10);
    const problems = [];
    if (increase.lessThanOrEqualTo(0) || increase.greaterThan(100)) problems.push({ field: 'input.targetIncreasePp', message: 'must be more than 0 and at most 100 percentage points' });
    if (increase.decimalPlaces() > 3) problems.push({ field: 'input.targetIncreasePp', message: 'at most 3 decimal places' });
    const entered = input.enteredRate ?? null;
    if (entered !== null) {
      if (entered.isNegative() || entered.greaterThan(1)) problems.push({ field: 'input.enteredRate', message: 'must be a fraction from 0 to 1 (0.45 = 45 %)' });
      if (entered.decimalPlaces() > 8) problems.push({ field: 'input.enteredRate', message: 'at most 8 decimal places' });
      if (input.sourceNote.trim() === '') problems.push({ field: 'input.sourceNote', message: 'an entered rate needs its source' });
    } else {
      if (input.enteredBasis) problems.push({ field: 'input.enteredBasis', message: 'only with an enteredRate' });
      if (input.enteredScope) problems.push({ field: 'input.enteredScope', message: 'only with an enteredRate' });
    }
    if (problems.length > 0) throw AppError.invalid(problems);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.repository.findBaseline(region.code);
      const saved = await this.repository.saveBaseline(manager, {
        regionCode: region.code,
        baselineYear: input.baselineYear,
        targetIncreasePp: increase,
        enteredRate: entered,
        enteredBasis: entered === null ? null : (input.enteredBasis ?? Basis.VALUE),
        enteredScope: entered === null ? null : (input.enteredScope ?? Scope.PROVINCE),
        sourceNote: input.sourceNote.trim(),
        setBy: actor.userId,
      });
      await this.audit.record(manager, actor, { action: 'sourcing.baseline.set', entityType: 'SourcingBaseline', entityId: region.code, before: before ?? undefined, after: saved });
      return baselineModel(saved);
    });
  }

  /** The contracts behind a figure: one page, newest signature first. */
  async contracts(actor: Principal, args: SourcingContractArgs): Promise<Connection<SourcingContractModel>> {
    const selection = await this.contractSelection(actor, args);
    const cursor = decodeCursor(args.after, 2);
    let after: { signedDate: string; id: string } | null = null;
    if (cursor) {
      const [signedDate, id] = cursor;
      if (typeof signedDate !== 'string' || !isLocalDate(signedDate) || typeof id !== 'string' || !isUUID(id)) throw AppError.badInput('after', 'is not a cursor returned by this list');
      after = { signedDate, id };
    }
    const { rows, totalCount } = await this.repository.contracts(selection, args.first, after);
    return toConnection(rows.map((r) => contractModel(r, selection.scope)), args.first, totalCount, (c) => [c.signedDate, c.id]);
  }

  /** Every contract behind a figure, in batches (CSV export). */
  async *allContracts(actor: Principal, args: Omit<SourcingContractArgs, 'first' | 'after'>): AsyncGenerator<SourcingContractModel[]> {
    const selection = await this.contractSelection(actor, { ...args, first: 1, after: null });
    for await (const batch of this.repository.allContracts(selection)) yield batch.map((r) => contractModel(r, selection.scope));
  }

  /** OPEN requirements in the region that no supplier plant in its province can serve, by category. */
  async demandGaps(actor: Principal, args: DemandGapArgs): Promise<DemandGapModel[]> {
    const region = await this.readableRegion(actor, args.region, 'region');
    const province = provinceOf(region.code);
    const category = args.categoryCode ?? null;
    const [groups, candidates] = await Promise.all([
      this.repository.gapGroups(region.code, province, category),
      args.nearest > 0 ? this.repository.gapCandidates(region.code, province, category, args.nearest) : Promise.resolve([]),
    ]);
    return groups.map((g) => ({
      ...g,
      nearestOutside: candidates.filter((c) => c.categoryCode === g.categoryCode).map((c) => ({ ...c, distanceKm: Math.round(c.distanceKm * 10) / 10 })),
    }));
  }

  async demandGapRequirements(actor: Principal, args: DemandGapRequirementArgs): Promise<Connection<DemandGapRequirementModel>> {
    const region = await this.readableRegion(actor, args.region, 'region');
    const cursor = decodeCursor(args.after, 2);
    let after: { sopDate: string; id: string } | null = null;
    if (cursor) {
      const [sopDate, id] = cursor;
      if (typeof sopDate !== 'string' || !isLocalDate(sopDate) || typeof id !== 'string' || !isUUID(id)) throw AppError.badInput('after', 'is not a cursor returned by this list');
      after = { sopDate, id };
    }
    const { rows, totalCount } = await this.repository.gapRequirements(region.code, provinceOf(region.code), args.categoryCode, args.first, after);
    return toConnection(rows, args.first, totalCount, (r) => [r.sopDate, r.id]);
  }

  /** The region, if the caller may read it: FORBIDDEN outside a bureau's jurisdiction, NOT_FOUND if no such code. */
  async readableRegion(actor: Principal, code: string, field: string): Promise<Region> {
    if (!mayReadRegion(actor, code)) {
      throw AppError.forbidden(actor.role === Role.BUREAU_ANALYST ? `Region ${code} is outside your jurisdiction ${actor.jurisdictionCode ?? '(none)'}` : 'Not allowed');
    }
    return this.region(code, field);
  }

  /** Regions are reference data (changed only by migrations): looked up once per process. */
  private async region(code: string, field: string): Promise<Region> {
    const cached = this.regionCache.get(code);
    if (cached) return cached;
    const region = await this.regions.get(code, field);
    if (this.regionCache.size < 10_000) this.regionCache.set(code, region);
    return region;
  }

  private period(input: PeriodInput, field: string): QuarterPeriod {
    const period = periodOf(input);
    const problems = periodProblems(period, field);
    if (problems.length > 0) throw AppError.invalid(problems);
    return period;
  }

  private async contractSelection(actor: Principal, args: Omit<SourcingContractArgs, 'first' | 'after'> & { first: number; after?: string | null }): Promise<ContractSelection> {
    const period = this.period(args.period, 'period');
    const region = await this.readableRegion(actor, args.region, 'region');
    const filter = args.filter ?? {};
    if (filter.area && !isWithin(filter.area, region.code)) throw AppError.badInput('filter.area', `must lie within the region ${region.code}`);
    return {
      region: region.code,
      period,
      source: sourceOf(args.source),
      confirmedOnly: args.confirmedOnly ?? false,
      scope: args.scope,
      local: filter.local ?? null,
      area: filter.area ?? null,
      buyerOrganizationId: filter.buyerOrganizationId ?? null,
      categoryCode: filter.categoryCode ?? null,
      focusArea: filter.focusArea ?? null,
    };
  }
}

function baselineModel(b: SourcingBaseline): SourcingBaselineModel {
  return {
    regionCode: b.regionCode,
    baselineYear: b.baselineYear,
    targetIncreasePp: b.targetIncreasePp,
    method: b.enteredRate === null ? BaselineMethod.COMPUTED : BaselineMethod.ENTERED,
    enteredRate: b.enteredRate,
    enteredBasis: b.enteredBasis,
    enteredScope: b.enteredScope,
    sourceNote: b.sourceNote,
    updatedAt: b.updatedAt,
  };
}

function contractModel(r: SourcingContractRow, scope: Scope): SourcingContractModel {
  const counts = !(r.status === 'TERMINATED' && r.countedValue.isZero());
  return { ...r, counts, local: scope === Scope.PROVINCE ? r.sameProvince : r.sameCity };
}

