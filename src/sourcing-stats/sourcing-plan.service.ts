import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Decimal } from 'decimal.js';
import { AppError, type FieldError } from '../common/app-error.js';
import { Role, type Principal } from '../access/role.js';
import { AuditService } from '../audit/audit.service.js';
import { codeLevel, provinceOf } from '../locality/region-codes.js';
import { targetRateOf, type RateBasis } from '../locality/local-rate.js';
import { leverPp, projectedRate, sumValues } from '../locality/levers.js';
import { PACE_METHOD, firstReaching, fitTrend, pacePoints, project } from '../locality/pace.js';
import { SourcingStatsService } from './sourcing-stats.service.js';
import { SourcingStatsRepository, type GapCandidateRow } from './sourcing-stats.repository.js';
import { SourcingLeversRepository, type LeverGapRow, type LeverRenewalRow, type LeverRequirementRow } from './sourcing-levers.repository.js';
import { Basis, Scope, figureOf, sumAll } from './sourcing-figures.js';
import { fromQuarterIndex, periodDates, periodLabel, periodOf, periodProblems, quarterIndex, quarterLabel, yearPeriod, type QuarterPeriod } from './period.js';
import type { SourcingScenario } from './sourcing-scenario.entity.js';
import {
  LEVER_VALUE_DEFINITION, LeverKind, PaceVerdict, type SourcingLeverItemModel, type SourcingLeverModel, type SourcingLeversModel,
  type SourcingMapModel, type SourcingPaceModel, type SourcingScenarioModel, type SourcingScenarioResultModel,
} from './sourcing-plan.models.js';
import type { SaveSourcingScenarioInput, SourcingLeverArgs, SourcingPaceArgs, SourcingScenarioArgs, SourcingScenarioPickInput } from './dto/sourcing-plan.inputs.js';
import type { PeriodInput } from './dto/sourcing-stats.inputs.js';

/** The projection horizon: the plan's target year ends with 2027. */
const HORIZON = quarterIndex(2027, 4);
/** Quarters in the pace series. */
const SERIES_QUARTERS = 12;
const MAX_SCENARIOS = 100;

/** YYYY-MM-DD of a UTC date. */
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
/** The same day a year later (29 February → 1 March). */
function yearLater(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return isoDay(date);
}
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

interface Official {
  regionCode: string;
  period: QuarterPeriod;
  basis: RateBasis;
  rate: Decimal | null;
  targetRate: Decimal | null;
}

/** Every item of the three levers that a call needs: the lever totals, the listed items and the picked ones. */
interface LeverData {
  official: Official;
  today: string;
  until: string;
  open: { count: number; value: Decimal; items: LeverRequirementRow[] };
  gaps: LeverGapRow[];
  renewals: { count: number; value: Decimal; items: LeverRenewalRow[] };
}

/**
 * The path to the target (issue 19): levers in pp of the official rate, scenarios (evaluated
 * and saved), and the pace. Reads what SourcingStatsService reads, with the same access: a
 * bureau analyst within its jurisdiction, a platform admin anywhere; saved scenarios belong to
 * one bureau and only its analysts see them.
 */
@Injectable()
export class SourcingPlanService {
  constructor(
    private readonly stats: SourcingStatsService,
    private readonly statsRepository: SourcingStatsRepository,
    private readonly repository: SourcingLeversRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async levers(actor: Principal, args: SourcingLeverArgs): Promise<SourcingLeversModel> {
    const data = await this.leverData(actor, args.region, args.period, args.itemsPerLever, { levers: [], requirementIds: [], categoryCodes: [], contractIds: [] });
    const { official } = data;
    const candidates = args.nearest > 0 && data.gaps.length > 0
      ? await this.statsRepository.gapCandidates(official.regionCode, provinceOf(official.regionCode), null, args.nearest)
      : [];
    const lever = (kind: LeverKind, count: number, value: Decimal, items: SourcingLeverItemModel[]): SourcingLeverModel => ({
      kind, itemCount: count, value, pp: leverPp(official.basis, value), projectedRate: projectedRate(official.basis, value), items,
    });
    const gapValue = sumValues(data.gaps.map((g) => g.annualValue));
    const all = data.open.value.plus(gapValue).plus(data.renewals.value);
    return {
      regionCode: official.regionCode,
      period: { ...official.period, ...periodDates(official.period), label: periodLabel(official.period) },
      valueDefinition: LEVER_VALUE_DEFINITION,
      asOf: data.today,
      renewalsUntil: data.until,
      numerator: official.basis.local,
      denominator: official.basis.total,
      rate: official.rate,
      targetRate: official.targetRate,
      levers: [
        lever(LeverKind.OPEN_REQUIREMENTS, data.open.count, data.open.value, data.open.items.slice(0, args.itemsPerLever).map((r) => requirementItem(official, r))),
        lever(LeverKind.DEMAND_GAPS, data.gaps.length, gapValue, data.gaps.slice(0, args.itemsPerLever).map((g) => gapItem(official, g, candidates))),
        lever(LeverKind.RENEWALS, data.renewals.count, data.renewals.value, data.renewals.items.slice(0, args.itemsPerLever).map((c) => renewalItem(official, c))),
      ],
      allPp: leverPp(official.basis, all),
      allProjectedRate: projectedRate(official.basis, all),
    };
  }

  /** A pick of levers and items against the target; an id that is not an item of the region's levers is BAD_INPUT. */
  async scenario(actor: Principal, args: SourcingScenarioArgs): Promise<SourcingScenarioResultModel> {
    const { result, missing } = await this.evaluate(actor, args.region, args.period, args.pick);
    if (missing.length > 0) throw AppError.invalid(missing.map((m) => ({ field: `pick.${m.field}`, message: m.message })));
    return result;
  }

  /** A saved scenario against today's figures: items gone since (awarded, ended) are left out and listed in droppedIds. */
  async evaluateSaved(actor: Principal, id: string, period: PeriodInput): Promise<SourcingScenarioResultModel> {
    const scenario = await this.ownScenario(actor, id);
    const { result, missing } = await this.evaluate(actor, scenario.regionCode, period, { ...scenario, levers: scenario.levers as LeverKind[] });
    return { ...result, droppedIds: missing.map((m) => m.id) };
  }

  async scenarios(actor: Principal): Promise<SourcingScenarioModel[]> {
    this.assertBureau(actor);
    return (await this.repository.scenarios(actor.organizationId)).map(scenarioModel);
  }

  /** Creates or replaces one of the bureau's scenarios; its items must be items of the region's levers today. */
  async saveScenario(actor: Principal, input: SaveSourcingScenarioInput): Promise<SourcingScenarioModel> {
    this.assertBureau(actor);
    const region = await this.stats.readableRegion(actor, input.regionCode, 'input.regionCode');
    const period = yearPeriod(new Date().getUTCFullYear());
    const { missing } = await this.evaluate(actor, region.code, period, input);
    if (missing.length > 0) throw AppError.invalid(missing.map((m) => ({ field: `input.${m.field}`, message: m.message })));
    const name = input.name.trim();
    const pick = { levers: unique(input.levers), requirementIds: unique(input.requirementIds.map((s) => s.toLowerCase())), categoryCodes: unique(input.categoryCodes), contractIds: unique(input.contractIds.map((s) => s.toLowerCase())) };
    return this.dataSource.transaction(async (manager) => {
      const before = input.id ? await this.repository.findScenario(manager, input.id) : null;
      if (input.id && (!before || before.organizationId !== actor.organizationId)) throw AppError.notFound(`Scenario ${input.id}`);
      const sameName = await this.repository.findScenarioByName(manager, actor.organizationId, name);
      if (sameName && sameName.id !== before?.id) throw AppError.invalid([{ field: 'input.name', message: 'your bureau already has a scenario of this name' }]);
      if (!before && (await this.repository.scenarios(actor.organizationId)).length >= MAX_SCENARIOS) {
        throw AppError.invalid([{ field: 'input.name', message: `a bureau keeps at most ${MAX_SCENARIOS} scenarios; delete one first` }]);
      }
      const saved = await this.repository.saveScenario(manager, {
        ...(before ? { id: before.id } : {}), organizationId: actor.organizationId, regionCode: region.code, name, ...pick, createdBy: before?.createdBy ?? actor.userId,
      });
      await this.audit.record(manager, actor, { action: before ? 'sourcing.scenario.update' : 'sourcing.scenario.create', entityType: 'SourcingScenario', entityId: saved.id, before: before ?? undefined, after: saved });
      return scenarioModel(saved);
    });
  }

  async deleteScenario(actor: Principal, id: string): Promise<boolean> {
    this.assertBureau(actor);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.repository.findScenario(manager, id);
      if (!before || before.organizationId !== actor.organizationId) throw AppError.notFound(`Scenario ${id}`);
      await this.repository.deleteScenario(manager, id);
      await this.audit.record(manager, actor, { action: 'sourcing.scenario.delete', entityType: 'SourcingScenario', entityId: id, before });
      return true;
    });
  }

  /**
   * The map: a province's cities or a city's counties (a county: itself), each at its centroid,
   * with its plants and its local and non-local counted value in the period (value basis, scope
   * PROVINCE, from the rollup).
   */
  async map(actor: Principal, regionCode: string, periodInput: PeriodInput): Promise<SourcingMapModel> {
    const official = await this.official(actor, regionCode, periodInput);
    const region = official.regionCode;
    const level = codeLevel(region) === 'PROVINCE' ? 'CITY' : 'COUNTY';
    const [areas, sums] = await Promise.all([
      codeLevel(region) === 'COUNTY' ? this.repository.mapAreas(region.slice(0, 4) + '00', 'COUNTY').then((all) => all.filter((a) => a.code === region)) : this.repository.mapAreas(region, level),
      this.statsRepository.areaSums(codeLevel(region) === 'COUNTY' ? region.slice(0, 4) + '00' : region, { period: official.period, source: null }),
    ]);
    const byCode = new Map(sums.map((a) => [a.code, figureOf(a.sums, Basis.VALUE, Scope.PROVINCE)]));
    return {
      regionCode: region,
      period: { ...official.period, ...periodDates(official.period), label: periodLabel(official.period) },
      level,
      areas: areas.map((a) => {
        const figure = byCode.get(a.code);
        const local = figure?.numerator ?? new Decimal(0);
        const total = figure?.denominator ?? new Decimal(0);
        return { ...a, localValue: local, nonLocalValue: total.minus(local), rate: figure?.rate ?? null };
      }),
      note: 'A schematic: each area at its centroid from the regions reference data (GB/T 2260 codes, migrations/data); no boundaries are drawn, since no boundary data set with a clear licence is shipped. Contract value by buyer plant area, value basis, local = same province.',
    };
  }

  /** The quarterly series (value basis, scope PROVINCE), its trend to 2027Q4 and when the target would be reached. */
  async pace(actor: Principal, args: SourcingPaceArgs): Promise<SourcingPaceModel> {
    const region = await this.stats.readableRegion(actor, args.region, 'region');
    let through: number;
    if (args.throughYear != null) {
      through = quarterIndex(args.throughYear, args.throughQuarter ?? 4);
    } else {
      if (args.throughQuarter != null) throw AppError.badInput('throughQuarter', 'only with throughYear');
      const now = new Date();
      through = quarterIndex(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) + 1) - 1;
    }
    const first = through - SERIES_QUARTERS + 1;
    const start = fromQuarterIndex(first);
    const end = fromQuarterIndex(through);
    const [quarters, targetRate] = await Promise.all([
      this.statsRepository.quarterSums(region.code, { period: { startYear: start.year, startQuarter: start.quarter, endYear: end.year, endQuarter: end.quarter }, source: null }),
      this.targetRate(region.code),
    ]);
    const byIndex = new Map(quarters.map((q) => [quarterIndex(q.year, q.quarter), figureOf(q.sums, Basis.VALUE, Scope.PROVINCE)]));
    const raw = Array.from({ length: SERIES_QUARTERS }, (_, i) => {
      const x = first + i;
      const figure = byIndex.get(x);
      return { x, figure, rate: figure?.rate ?? null };
    });
    const points = pacePoints(raw.map((r) => ({ x: r.x, rate: r.rate === null ? null : r.rate.toNumber() })));
    const fitted = new Set(points?.map((p) => p.x) ?? []);
    const series = raw.map((r) => ({
      quarter: label(r.x), rate: r.rate, numerator: r.figure?.numerator ?? new Decimal(0), denominator: r.figure?.denominator ?? new Decimal(0), fitted: fitted.has(r.x),
    }));
    const base = { regionCode: region.code, method: PACE_METHOD, through: label(through), series, targetRate, reachedQuarter: null, reachedBy: null };
    if (!points) {
      const rated = raw.filter((r) => r.rate !== null).length;
      return {
        ...base, fittedQuarters: 0, slopePpPerQuarter: null, residualSdPp: null, projection: [], verdict: PaceVerdict.TOO_FEW_QUARTERS,
        note: `Only ${rated} of the ${SERIES_QUARTERS} quarters up to ${label(through)} have purchases; a trend needs at least 4 (with fewer, its spread cannot be estimated), so there is no projection.`,
      };
    }
    const trend = fitTrend(points);
    const projection = [];
    for (let x = through + 1; x <= HORIZON; x++) projection.push(project(trend, x));
    const fit = {
      ...base, fittedQuarters: points.length, slopePpPerQuarter: round(trend.slope * 100, 2), residualSdPp: round(trend.residualSd * 100, 2),
      projection: projection.map((p) => ({ quarter: label(p.x), rate: round(p.rate, 6), low: round(p.low, 6), high: round(p.high, 6) })),
    };
    const slopeWords = `trend ${fit.slopePpPerQuarter >= 0 ? '+' : ''}${fit.slopePpPerQuarter.toFixed(2)} pp per quarter over ${points.length} quarters`;
    if (targetRate === null) return { ...fit, verdict: PaceVerdict.NO_TARGET, note: `No baseline set (or none computable): ${slopeWords}; no target to reach.` };
    const last = points[points.length - 1];
    if (last.rate >= targetRate.toNumber()) return { ...fit, verdict: PaceVerdict.ALREADY_MET, note: `${label(last.x)} is at or above the target; ${slopeWords}.` };
    const reached = firstReaching(projection, targetRate.toNumber());
    if (reached === null) return { ...fit, verdict: PaceVerdict.NOT_BY_2027, note: `Not by 2027 at this pace: ${slopeWords}.` };
    const next = fromQuarterIndex(reached + 1);
    const lastDay = new Date(Date.UTC(next.year, (next.quarter - 1) * 3, 1) - 86_400_000);
    return { ...fit, verdict: PaceVerdict.REACHED, reachedQuarter: label(reached), reachedBy: isoDay(lastDay), note: `Reached in ${label(reached)} at this pace: ${slopeWords}.` };
  }

  /** The official rate's L and T for the region and period (value basis, scope PROVINCE, both sources), and the target. */
  private async official(actor: Principal, regionCode: string, periodInput: PeriodInput | QuarterPeriod): Promise<Official> {
    const period = periodOf(periodInput);
    const problems = periodProblems(period, 'period');
    if (problems.length > 0) throw AppError.invalid(problems);
    const region = await this.stats.readableRegion(actor, regionCode, 'region');
    const [quarters, targetRate] = await Promise.all([this.statsRepository.quarterSums(region.code, { period, source: null }), this.targetRate(region.code)]);
    const figure = figureOf(sumAll(quarters.map((q) => q.sums)), Basis.VALUE, Scope.PROVINCE);
    return { regionCode: region.code, period, basis: { local: figure.numerator, total: figure.denominator }, rate: figure.rate, targetRate };
  }

  /**
   * The target rate on the value basis and PROVINCE scope: an entered baseline of that basis and
   * scope, else the baseline year's computed rate; plus the increase. Null without a baseline.
   */
  private async targetRate(regionCode: string): Promise<Decimal | null> {
    const baseline = await this.statsRepository.findBaseline(regionCode);
    if (!baseline) return null;
    let rate: Decimal | null;
    if (baseline.enteredRate !== null && baseline.enteredBasis === Basis.VALUE && baseline.enteredScope === Scope.PROVINCE) {
      rate = baseline.enteredRate;
    } else {
      const quarters = await this.statsRepository.quarterSums(regionCode, { period: yearPeriod(baseline.baselineYear), source: null });
      rate = figureOf(sumAll(quarters.map((q) => q.sums)), Basis.VALUE, Scope.PROVINCE).rate;
    }
    return rate === null ? null : targetRateOf(rate, baseline.targetIncreasePp);
  }

  private async leverData(actor: Principal, regionCode: string, period: PeriodInput | QuarterPeriod, first: number, pick: SourcingScenarioPickInput): Promise<LeverData> {
    const official = await this.official(actor, regionCode, period);
    const province = provinceOf(official.regionCode);
    const today = isoDay(new Date());
    const until = yearLater(today);
    const [requirements, renewals] = await Promise.all([
      this.repository.requirementLevers(official.regionCode, province, first, pick.requirementIds),
      this.repository.renewalLevers(official.regionCode, province, today, until, first, pick.contractIds),
    ]);
    return {
      official, today, until,
      open: { ...requirements.open, items: requirements.openItems },
      gaps: requirements.gaps,
      renewals: { ...renewals.renewals, items: renewals.items },
    };
  }

  private async evaluate(
    actor: Principal, regionCode: string, period: PeriodInput | QuarterPeriod, pick: SourcingScenarioPickInput,
  ): Promise<{ result: SourcingScenarioResultModel; missing: (FieldError & { id: string })[] }> {
    const data = await this.leverData(actor, regionCode, period, 0, pick);
    const { official } = data;
    const levers = unique(pick.levers);
    const missing: (FieldError & { id: string })[] = [];
    const items: SourcingLeverItemModel[] = [];
    const values: Decimal[] = [];
    let itemCount = 0;
    const whole: [LeverKind, number, Decimal][] = [
      [LeverKind.OPEN_REQUIREMENTS, data.open.count, data.open.value],
      [LeverKind.DEMAND_GAPS, data.gaps.length, sumValues(data.gaps.map((g) => g.annualValue))],
      [LeverKind.RENEWALS, data.renewals.count, data.renewals.value],
    ];
    for (const [kind, count, value] of whole) {
      if (!levers.includes(kind)) continue;
      itemCount += count;
      values.push(value);
    }
    const take = <T>(ids: string[], field: string, kind: LeverKind, find: (id: string) => T | undefined, toItem: (row: T) => SourcingLeverItemModel, value: (row: T) => Decimal, message: string) => {
      const seen = new Set<string>();
      ids.forEach((raw, index) => {
        const id = kind === LeverKind.DEMAND_GAPS ? raw : raw.toLowerCase();
        if (seen.has(id)) return;
        seen.add(id);
        const row = find(id);
        if (row === undefined) {
          missing.push({ field: `${field}.${index}`, message, id });
          return;
        }
        items.push(toItem(row));
        if (!levers.includes(kind)) {
          values.push(value(row));
          itemCount += 1;
        }
      });
    };
    take(pick.requirementIds, 'requirementIds', LeverKind.OPEN_REQUIREMENTS, (id) => data.open.items.find((r) => r.id === id), (r) => requirementItem(official, r), (r) => r.annualValue,
      'not an OPEN requirement of the region with a qualified plant in its province');
    take(pick.categoryCodes, 'categoryCodes', LeverKind.DEMAND_GAPS, (code) => data.gaps.find((g) => g.categoryCode === code), (g) => gapItem(official, g, []), (g) => g.annualValue,
      'not a demand gap of the region');
    take(pick.contractIds, 'contractIds', LeverKind.RENEWALS, (id) => data.renewals.items.find((c) => c.id === id), (c) => renewalItem(official, c), (c) => c.value,
      'not a renewal lever of the region: a non-local running contract ending within 12 months in a category produced in the province');
    const value = sumValues(values);
    const projected = projectedRate(official.basis, value);
    const target = official.targetRate;
    const meets = projected === null || target === null ? null : projected.greaterThanOrEqualTo(target);
    return {
      missing,
      result: {
        regionCode: official.regionCode,
        period: { ...official.period, ...periodDates(official.period), label: periodLabel(official.period) },
        levers, items, itemCount, value,
        numerator: official.basis.local, denominator: official.basis.total, rate: official.rate,
        projectedRate: projected, pp: leverPp(official.basis, value), targetRate: target, meetsTarget: meets,
        ppShortOfTarget: meets === null || projected === null || target === null ? null : Decimal.max(0, target.minus(projected).times(100)),
        valueDefinition: LEVER_VALUE_DEFINITION,
        droppedIds: [],
      },
    };
  }

  private async ownScenario(actor: Principal, id: string): Promise<SourcingScenario> {
    this.assertBureau(actor);
    const scenario = await this.repository.scenario(id);
    if (!scenario || scenario.organizationId !== actor.organizationId) throw AppError.notFound(`Scenario ${id}`);
    return scenario;
  }

  private assertBureau(actor: Principal): void {
    if (actor.role !== Role.BUREAU_ANALYST) throw AppError.forbidden('Saved scenarios belong to a bureau: bureau analysts only');
  }
}

function label(x: number): string {
  const q = fromQuarterIndex(x);
  return quarterLabel(q.year, q.quarter);
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

const blank = { title: null, buyerOrganizationId: null, buyerName: null, regionCode: null, sopDate: null, supplierOrganizationId: null, supplierName: null, endDate: null, requirements: null, oems: null, nearestOutside: [] };

function requirementItem(o: Official, r: LeverRequirementRow): SourcingLeverItemModel {
  return {
    ...blank, kind: LeverKind.OPEN_REQUIREMENTS, id: r.id, categoryCode: r.categoryCode, categoryNameZh: r.nameZh, categoryNameEn: r.nameEn, focusArea: r.focusArea,
    title: r.title, buyerOrganizationId: r.organizationId, buyerName: r.oemName, regionCode: r.deliveryRegionCode, sopDate: r.sopDate,
    value: r.annualValue, pp: leverPp(o.basis, r.annualValue),
  };
}

function gapItem(o: Official, g: LeverGapRow, candidates: GapCandidateRow[]): SourcingLeverItemModel {
  return {
    ...blank, kind: LeverKind.DEMAND_GAPS, id: g.categoryCode, categoryCode: g.categoryCode, categoryNameZh: g.nameZh, categoryNameEn: g.nameEn, focusArea: g.focusArea,
    requirements: g.requirements, oems: g.oems, value: g.annualValue, pp: leverPp(o.basis, g.annualValue),
    nearestOutside: candidates.filter((c) => c.categoryCode === g.categoryCode).map((c) => ({ ...c, distanceKm: Math.round(c.distanceKm * 10) / 10 })),
  };
}

function renewalItem(o: Official, c: LeverRenewalRow): SourcingLeverItemModel {
  return {
    ...blank, kind: LeverKind.RENEWALS, id: c.id, categoryCode: c.categoryCode, categoryNameZh: c.nameZh, categoryNameEn: c.nameEn, focusArea: c.focusArea,
    buyerOrganizationId: c.buyerOrganizationId, buyerName: c.buyerName, regionCode: c.buyerRegionCode, supplierOrganizationId: c.supplierOrganizationId,
    supplierName: c.supplierName, endDate: c.endDate, value: c.value, pp: leverPp(o.basis, c.value),
  };
}

function scenarioModel(s: SourcingScenario): SourcingScenarioModel {
  return {
    id: s.id, regionCode: s.regionCode, name: s.name, levers: s.levers as LeverKind[], requirementIds: s.requirementIds, categoryCodes: s.categoryCodes,
    contractIds: s.contractIds, createdAt: s.createdAt, updatedAt: s.updatedAt,
  };
}
