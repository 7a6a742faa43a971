import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Decimal } from 'decimal.js';
import { countedValueSql } from '../locality/counted-value.js';
import { RollupDimension } from './sourcing-rollup.entity.js';
import { SourcingBaseline } from './sourcing-baseline.entity.js';
import { Scope, type ContractSums } from './sourcing-figures.js';
import { periodDates, type QuarterPeriod } from './period.js';
import { regionRange } from './region-scope.js';
import { LEVEL_SCHEMES, type LevelScheme } from '../taxonomy/certification-levels.js';

/** What every rollup read is restricted to: a period, and AWARDED, RECORDED or (null) both. */
export interface RollupSelection {
  period: QuarterPeriod;
  source: string | null;
  /** Only contracts their supplier confirmed (and awards); by default unconfirmed ones count too. Excluded contracts never do. */
  confirmedOnly?: boolean;
}

/** The rollup standings an official figure reads (EXCLUDED never). */
function standingsOf(selection: RollupSelection): string[] {
  return selection.confirmedOnly ? ['CONFIRMED'] : ['CONFIRMED', 'UNCONFIRMED'];
}

/** A contract's standing, as the rollup triggers compute it (migration OfficialFigure). */
export const CONTRACT_STANDING_SQL = `CASE WHEN NOT k.buyer_verified OR k.review_status IN ('HELD', 'REJECTED') THEN 'EXCLUDED'
  WHEN k.source = 'AWARDED' OR k.supplier_confirmation = 'CONFIRMED' THEN 'CONFIRMED' ELSE 'UNCONFIRMED' END`;

interface SumsRow {
  contracts: string;
  counted: string;
  counted_province_local: string;
  counted_city_local: string;
  value: string;
  value_province_local: string;
  value_city_local: string;
  value_unconfirmed: string;
  counted_unconfirmed: string;
}

export interface QuarterSums { year: number; quarter: number; sums: ContractSums; unconfirmed: { value: Decimal; counted: number } }
export interface AreaSums { code: string; name: string | null; nameEn: string | null; sums: ContractSums }
export interface OemSums { organizationId: string; name: string | null; nameEn: string | null; sums: ContractSums }
export interface CategorySums { code: string; nameZh: string | null; nameEn: string | null; focusArea: string | null; sums: ContractSums }

const SUMS = `sum(r.contracts)::bigint AS contracts, sum(r.counted)::bigint AS counted,
  sum(r.counted_province_local)::bigint AS counted_province_local, sum(r.counted_city_local)::bigint AS counted_city_local,
  sum(r.value)::text AS value, sum(r.value_province_local)::text AS value_province_local, sum(r.value_city_local)::text AS value_city_local,
  sum(CASE WHEN r.standing = 'UNCONFIRMED' THEN r.value ELSE 0 END)::text AS value_unconfirmed,
  sum(CASE WHEN r.standing = 'UNCONFIRMED' THEN r.counted ELSE 0 END)::bigint AS counted_unconfirmed`;

function sumsOf(row: SumsRow): ContractSums {
  return {
    contracts: Number(row.contracts),
    counted: Number(row.counted),
    countedProvinceLocal: Number(row.counted_province_local),
    countedCityLocal: Number(row.counted_city_local),
    value: new Decimal(row.value),
    valueProvinceLocal: new Decimal(row.value_province_local),
    valueCityLocal: new Decimal(row.value_city_local),
  };
}

/**
 * The parameters of one query: `add(value)` keeps the value and returns its placeholder
 * (`$1`, `$2`, …), so SQL fragments are written with `${p.add(x)}` and nobody numbers
 * parameters by hand. Every query in this file builds its parameters through one.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `r.dimension = ANY(…) AND period AND source`, its parameters added to `p`. */
function rollupWhere(p: SqlParams, dimensions: RollupDimension | RollupDimension[], selection: RollupSelection): string {
  const { period, source } = selection;
  const dimensionList = p.add(Array.isArray(dimensions) ? dimensions : [dimensions]);
  const from = `(${p.add(period.startYear)}::smallint, ${p.add(period.startQuarter)}::smallint)`;
  const to = `(${p.add(period.endYear)}::smallint, ${p.add(period.endQuarter)}::smallint)`;
  const sourceParam = p.add(source);
  const standings = p.add(standingsOf(selection));
  return `r.dimension = ANY(${dimensionList}::text[]) AND (r.year, r.quarter) >= ${from} AND (r.year, r.quarter) <= ${to} AND (${sourceParam}::text IS NULL OR r.source = ${sourceParam}) AND r.standing = ANY(${standings}::text[])`;
}

/** Filters of the contracts behind a figure. */
export interface ContractSelection extends RollupSelection {
  region: string;
  scope: Scope;
  /** true: local contracts only (per scope); false: non-local only; null: all. */
  local: boolean | null;
  /** A city or county within the region. */
  area: string | null;
  buyerOrganizationId: string | null;
  /** This category and its sub-categories. */
  categoryCode: string | null;
  /** COCKPIT, CHASSIS, CHIP, or OTHER (no focus area). */
  focusArea: string | null;
}

export interface SourcingContractRow {
  id: string;
  source: string;
  status: string;
  signedDate: string;
  buyerOrganizationId: string;
  buyerName: string;
  buyerSiteId: string;
  buyerRegionCode: string;
  supplierOrganizationId: string;
  supplierName: string;
  supplierSiteId: string | null;
  supplierRegionCode: string | null;
  supplierCountryCode: string;
  categoryCode: string;
  categoryNameZh: string;
  categoryNameEn: string;
  totalValue: Decimal;
  deliveredValue: Decimal | null;
  countedValue: Decimal;
  sameProvince: boolean;
  sameCity: boolean;
  distanceKm: number;
  /** Set when the award chose a supplier failing the hard filters (src/contracts/award-plan.ts). */
  qualificationOverride: { reason: string; failures: { filter: string; reason: string }[]; overriddenAt: Date } | null;
}

interface ContractRowSql {
  id: string;
  source: string;
  status: string;
  signed_date: string;
  buyer_organization_id: string;
  buyer_name: string;
  buyer_site_id: string;
  buyer_region_code: string;
  supplier_organization_id: string;
  supplier_name: string;
  supplier_site_id: string | null;
  supplier_region_code: string | null;
  supplier_country_code: string;
  category_code: string;
  name_zh: string;
  name_en: string;
  total_value: string;
  delivered_value: string | null;
  counted_value: string;
  same_province: boolean;
  same_city: boolean;
  distance_km: number;
  qualification_override_reason: string | null;
  qualification_override_failures: { filter: string; reason: string }[] | null;
  qualification_overridden_at: Date | null;
}

export interface GapGroupRow {
  categoryCode: string;
  nameZh: string;
  nameEn: string;
  focusArea: string | null;
  requirements: number;
  oems: number;
  demandedAnnualValue: Decimal;
}

export interface GapCandidateRow {
  categoryCode: string;
  supplierId: string;
  supplierName: string;
  siteId: string;
  siteName: string;
  regionCode: string | null;
  regionName: string | null;
  countryCode: string;
  distanceKm: number;
  qualifiedRequirements: number;
}

export interface GapRequirementRow {
  id: string;
  title: string;
  categoryCode: string;
  organizationId: string;
  oemName: string;
  deliverySiteId: string;
  deliveryRegionCode: string;
  annualVolume: number;
  targetUnitPrice: Decimal;
  annualValue: Decimal;
  sopDate: string;
}

/** Level ranks of every certification scheme, as parallel arrays for `unnest` (from certification-levels.ts). */
export function levelRankArrays(): [string[], string[], number[]] {
  const schemes: string[] = [];
  const levels: string[] = [];
  const ranks: number[] = [];
  for (const [scheme, list] of Object.entries(LEVEL_SCHEMES) as [LevelScheme, readonly string[]][]) {
    list.forEach((level, rank) => {
      schemes.push(scheme);
      levels.push(level);
      ranks.push(rank);
    });
  }
  return [schemes, levels, ranks];
}

/**
 * SQL: does the supplier organisation `org` hold every certificate requirement `req` asks for,
 * at or above the minimum level and valid on its SOP date? (`lr`: the level ranks.) With
 * `valid` given, each certificate must instead be valid over the whole span from `valid.from` to
 * `valid.until` (SQL dates, both inclusive) — qualified on every day of it — or, with `valid`
 * null, on some day whatever it is (not qualified on any day when this fails).
 */
export function certificatesHeld(req: string, org: string, valid: { from: string; until: string } | null = { from: `${req}.sop_date`, until: `${req}.sop_date` }): string {
  return `NOT EXISTS (
    SELECT 1 FROM requirement_certifications rc
    JOIN certification_types ct ON ct.code = rc.type_code
    LEFT JOIN lr need ON need.scheme = ct.level_scheme AND need.level = rc.min_level
    WHERE rc.requirement_id = ${req}.id AND NOT EXISTS (
      SELECT 1 FROM supplier_certifications sc
      LEFT JOIN lr held ON held.scheme = ct.level_scheme AND held.level = sc.level
      WHERE sc.organization_id = ${org} AND sc.type_code = rc.type_code
        ${valid === null ? '' : `AND sc.valid_from <= ${valid.from} AND sc.valid_until >= ${valid.until}`}
        AND (rc.min_level IS NULL OR ct.level_scheme = 'HELD' OR held.rank >= need.rank)))`;
}

/** SQL joins from requirement `req` to the supplier plants `ps` that make its category or a sub-category (capability `c`). */
export function producingPlants(req: string): string {
  return `part_categories sub
    JOIN capabilities c ON c.category_code = sub.code
    JOIN capability_sites cs ON cs.capability_id = c.id
    JOIN sites ps ON ps.id = cs.site_id AND ps.organization_id = c.organization_id
    WHERE (sub.code = ${req}.category_code OR sub.code LIKE ${req}.category_code || '.%')`;
}

/**
 * The requirements of CTE `from` grouped by category and certification signature: one of the
 * group's ids (any will do: the rule reads nothing else of it but its SOP date, given as the
 * span) and the span of its SOP dates. `(array_agg(id))[1]`, not any_value(), which PostgreSQL
 * has only from version 16.
 */
function signatureGroups(from: string): string {
  return `SELECT category_code, certification_signature, (array_agg(id))[1] AS id, min(sop_date) AS first_sop, max(sop_date) AS last_sop
    FROM ${from} GROUP BY category_code, certification_signature`;
}

/**
 * CTEs `grp`, `gcls` and `cls` over a CTE `req` of requirements (id, category_code,
 * certification_signature, sop_date, …): `cls` is `req` with `has_local` — some supplier plant in
 * the province (`plo`..`phi`, placeholders) passes the hard filters on the requirement's SOP date.
 *
 * The rule reads of a requirement only its category, its required certificates (type and
 * minimum level, which `certification_signature` stands for) and its SOP date, so it is judged
 * once per group of requirements sharing category and signature (a few hundred groups for
 * thousands of requirements), on one of them (`grp.id`):
 * - NONE: no local plant qualifies whatever the day — no requirement of the group has one
 *   (judged first: a demand gap scans every candidate plant, so it is scanned once);
 * - ALL: some local plant qualifies with certificates valid over the group's whole span of SOP
 *   dates — every requirement of the group has a qualified local plant;
 * - SOME: otherwise (validity edges inside the span); only then is each requirement of the group
 *   judged on its own SOP date, stopping at the first qualified local plant.
 * test/qualification.e2e-spec.ts holds the result equal to matching/qualification.ts. Needs `lr`.
 */
export function localClassCtes(plo: string, phi: string): string {
  const localPlant = (req: string, valid: { from: string; until: string } | null) =>
    `EXISTS (SELECT 1 FROM ${producingPlants(req)} AND ps.region_code BETWEEN ${plo} AND ${phi} AND ${certificatesHeld(req, 'c.organization_id', valid)})`;
  return `
  grp AS MATERIALIZED (${signatureGroups('req')}),
  gcls AS MATERIALIZED (
    SELECT grp.category_code, grp.certification_signature,
      CASE WHEN NOT ${localPlant('grp', null)} THEN 'NONE'
        WHEN ${localPlant('grp', { from: 'grp.first_sop', until: 'grp.last_sop' })} THEN 'ALL' ELSE 'SOME' END AS local
    FROM grp),
  cls AS MATERIALIZED (
    SELECT req.*, CASE g.local WHEN 'ALL' THEN true WHEN 'NONE' THEN false ELSE ${localPlant('req', { from: 'req.sop_date', until: 'req.sop_date' })} END AS has_local
    FROM req JOIN gcls g ON g.category_code = req.category_code AND g.certification_signature = req.certification_signature)`;
}

/**
 * OPEN requirements delivered in the region (a category subtree, or any when null) with no
 * supplier plant in the province passing the hard filters — a capability in the requirement's
 * category or a sub-category produced at that plant, and every required certificate held at or
 * above the minimum level and valid on the SOP date. CTEs `lr` (level ranks), `req`, those of
 * `localClassCtes` (the rule judged once per category and certification signature) and `gap`.
 * Returns the SQL and the placeholder of the category code, for callers that filter on it again.
 */
function gapCtes(p: SqlParams, region: string, province: string, categoryCode: string | null): { sql: string; category: string } {
  const [schemes, levels, ranks] = levelRankArrays().map((list) => p.add(list));
  const [lo, hi] = regionRange(region).map((code) => p.add(code));
  const category = p.add(categoryCode);
  const [plo, phi] = regionRange(province).map((code) => p.add(code));
  const sql = `
  lr AS (SELECT * FROM unnest(${schemes}::text[], ${levels}::text[], ${ranks}::int[]) AS lr(scheme, level, rank)),
  req AS (
    SELECT q.id, q.organization_id, q.category_code, q.certification_signature, q.sop_date, q.title, q.annual_volume, q.target_unit_price, q.delivery_site_id,
      (q.annual_volume * q.target_unit_price) AS annual_value, s.lat, s.lon, s.region_code
    FROM requirements q JOIN sites s ON s.id = q.delivery_site_id
    WHERE q.status = 'OPEN' AND s.region_code BETWEEN ${lo} AND ${hi}
      AND (${category}::text IS NULL OR q.category_code = ${category} OR q.category_code LIKE ${category} || '.%')),
  ${localClassCtes(plo, phi)},
  gap AS MATERIALIZED (SELECT * FROM cls WHERE NOT has_local)`;
  return { sql, category };
}

/**
 * Every (gap requirement, qualified supplier plant) pair — all outside the province, since the
 * requirement is a gap. Grouped like the gaps themselves: per (category, certification
 * signature) of the gap requirements, the plants making the category whose supplier holds the
 * certificates on some day (`gplant`), marked `whole` when valid over the group's whole span of
 * SOP dates — then qualified for each of its requirements; the others are judged per
 * requirement on its SOP date.
 */
const GAP_PAIRS = `
  ggrp AS MATERIALIZED (${signatureGroups('gap')}),
  gplant AS MATERIALIZED (
    SELECT g.category_code, g.certification_signature, q.site_id, q.supplier_id, q.lat, q.lon, q.whole
    FROM ggrp g CROSS JOIN LATERAL (
      SELECT DISTINCT ps.id AS site_id, c.organization_id AS supplier_id, ps.lat, ps.lon, ${certificatesHeld('g', 'c.organization_id', { from: 'g.first_sop', until: 'g.last_sop' })} AS whole
      FROM ${producingPlants('g')} AND ${certificatesHeld('g', 'c.organization_id', null)}) q),
  pair AS (
    SELECT DISTINCT g.id AS requirement_id, g.category_code, g.lat AS delivery_lat, g.lon AS delivery_lon, q.site_id, q.supplier_id, q.lat, q.lon
    FROM gap g JOIN gplant q ON q.category_code = g.category_code AND q.certification_signature = g.certification_signature
    WHERE q.whole OR ${certificatesHeld('g', 'q.supplier_id')})`;

/** The named queries of the bureau statistics: rollup reads, drill-down, demand gaps, baselines. */
@Injectable()
export class SourcingStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The cities and counties inside the region (the ALL dimension over its code range, the
   * region itself left out), each summed over the period. With names (left join: a code may
   * lack a regions row).
   */
  async areaSums(region: string, selection: RollupSelection): Promise<AreaSums[]> {
    const p = new SqlParams();
    const where = rollupWhere(p, RollupDimension.ALL, selection);
    const [lo, hi] = regionRange(region);
    const rows = await this.dataSource.query<(SumsRow & { code: string; name: string | null; name_en: string | null })[]>(
      `SELECT s.*, g.name, g.name_en FROM (
         SELECT r.region_code AS code, ${SUMS} FROM sourcing_rollups r
         WHERE r.region_code BETWEEN ${p.add(lo)} AND ${p.add(hi)} AND r.region_code <> ${p.add(region)} AND ${where}
         GROUP BY r.region_code HAVING sum(r.contracts) > 0) s
       LEFT JOIN regions g ON g.code = s.code ORDER BY s.code`,
      p.values,
    );
    return rows.map((row) => ({ code: row.code, name: row.name, nameEn: row.name_en, sums: sumsOf(row) }));
  }

  /** One read of the OEM and CATEGORY dimensions of the region, with names. */
  async dimensionSums(region: string, selection: RollupSelection): Promise<{ oems: OemSums[]; categories: CategorySums[] }> {
    const p = new SqlParams();
    const where = rollupWhere(p, [RollupDimension.OEM, RollupDimension.CATEGORY], selection);
    const rows = await this.dataSource.query<(SumsRow & { dimension: string; dim_key: string; name: string | null; name_en: string | null; focus_area: string | null })[]>(
      `SELECT s.*, coalesce(o.legal_name, c.name_zh) AS name, coalesce(o.name_en, c.name_en) AS name_en, c.focus_area FROM (
         SELECT r.dimension, r.dim_key, ${SUMS} FROM sourcing_rollups r
         WHERE r.region_code = ${p.add(region)} AND ${where}
         GROUP BY r.dimension, r.dim_key HAVING sum(r.contracts) > 0) s
       LEFT JOIN organizations o ON o.id = (CASE WHEN s.dimension = 'OEM' THEN s.dim_key::uuid END)
       LEFT JOIN part_categories c ON s.dimension = 'CATEGORY' AND c.code = s.dim_key
       ORDER BY s.dimension, s.dim_key`,
      p.values,
    );
    return {
      oems: rows.filter((r) => r.dimension === RollupDimension.OEM).map((r) => ({ organizationId: r.dim_key, name: r.name, nameEn: r.name_en, sums: sumsOf(r) })),
      categories: rows.filter((r) => r.dimension === RollupDimension.CATEGORY).map((r) => ({ code: r.dim_key, nameZh: r.name, nameEn: r.name_en, focusArea: r.focus_area, sums: sumsOf(r) })),
    };
  }

  /** The region's own rollup rows per quarter (only quarters with contracts). */
  async quarterSums(region: string, selection: RollupSelection): Promise<QuarterSums[]> {
    const p = new SqlParams();
    const where = rollupWhere(p, RollupDimension.ALL, selection);
    const rows = await this.dataSource.query<(SumsRow & { year: number; quarter: number })[]>(
      `SELECT r.year, r.quarter, ${SUMS} FROM sourcing_rollups r WHERE r.region_code = ${p.add(region)} AND ${where}
       GROUP BY r.year, r.quarter HAVING sum(r.contracts) > 0 ORDER BY r.year, r.quarter`,
      p.values,
    );
    return rows.map((row) => ({ year: row.year, quarter: row.quarter, sums: sumsOf(row), unconfirmed: { value: new Decimal(row.value_unconfirmed), counted: Number(row.counted_unconfirmed) } }));
  }

  /**
   * One page of the contracts behind a figure, newest signature first (keyset on signed date
   * and id, served by contracts_signed_idx), and how many there are in all — from the rollup
   * when the filter is one it keeps (one of OEM, category or focus area, with any region, area,
   * period, source and local flag), else by counting.
   */
  async contracts(selection: ContractSelection, first: number, after: { signedDate: string; id: string } | null): Promise<{ rows: SourcingContractRow[]; totalCount: number }> {
    const [rows, totalCount] = await Promise.all([this.contractPage(selection, first, after), this.contractCount(selection)]);
    return { rows, totalCount };
  }

  /** `first + 1` contracts after the cursor (the extra one says another page exists). */
  async contractPage(selection: ContractSelection, first: number, after: { signedDate: string; id: string } | null): Promise<SourcingContractRow[]> {
    const p = new SqlParams();
    const sql = contractFilterSql(p, selection);
    const keyset = after ? `AND (k.signed_date, k.id) < (${p.add(after.signedDate)}::date, ${p.add(after.id)}::uuid)` : '';
    const rows = await this.dataSource.query<ContractRowSql[]>(
      `SELECT k.id, k.source, k.status, k.signed_date, k.buyer_organization_id, bo.legal_name AS buyer_name, k.buyer_site_id, k.buyer_region_code,
         k.supplier_organization_id, so.legal_name AS supplier_name, k.supplier_site_id, k.supplier_region_code, k.supplier_country_code,
         k.category_code, pc.name_zh, pc.name_en, k.total_value::text AS total_value, k.delivered_value::text AS delivered_value,
         (${countedValueSql('k')})::text AS counted_value, k.same_province, k.same_city, k.distance_km,
         k.qualification_override_reason, k.qualification_override_failures, k.qualification_overridden_at
       FROM (SELECT k.* FROM contracts k WHERE ${sql} ${keyset} ORDER BY k.signed_date DESC, k.id DESC LIMIT ${p.add(first + 1)}) k
       JOIN part_categories pc ON pc.code = k.category_code
       JOIN organizations bo ON bo.id = k.buyer_organization_id
       JOIN organizations so ON so.id = k.supplier_organization_id
       ORDER BY k.signed_date DESC, k.id DESC`,
      p.values,
    );
    return rows.map(contractRow);
  }

  /** How many contracts a drill-down selection holds. */
  async contractCount(selection: ContractSelection): Promise<number> {
    const fromRollup = rollupCountSql(selection);
    if (fromRollup) {
      const [{ count }] = await this.dataSource.query<{ count: string | null }[]>(fromRollup.sql, fromRollup.params);
      return Number(count ?? 0);
    }
    const p = new SqlParams();
    const sql = contractFilterSql(p, selection);
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(`SELECT count(*) AS count FROM contracts k WHERE ${sql}`, p.values);
    return Number(count);
  }

  /** Every contract behind a figure, in batches (for the CSV export), newest first. */
  async *allContracts(selection: ContractSelection, batchSize = 5000): AsyncGenerator<SourcingContractRow[]> {
    let after: { signedDate: string; id: string } | null = null;
    for (;;) {
      const rows = await this.contractPage(selection, batchSize, after);
      const page = rows.slice(0, batchSize);
      if (page.length > 0) yield page;
      if (rows.length <= batchSize) return;
      const last = page[page.length - 1];
      after = { signedDate: last.signedDate, id: last.id };
    }
  }

  /** Demand gaps by category: requirements, OEMs and demanded annual value. */
  async gapGroups(region: string, province: string, categoryCode: string | null): Promise<GapGroupRow[]> {
    const p = new SqlParams();
    const gap = gapCtes(p, region, province, categoryCode);
    const rows = await this.dataSource.query<{ category_code: string; name_zh: string; name_en: string; focus_area: string | null; requirements: string; oems: string; value: string }[]>(
      `WITH ${gap.sql}
       SELECT g.category_code, pc.name_zh, pc.name_en, pc.focus_area, count(*) AS requirements, count(DISTINCT g.organization_id) AS oems, sum(g.annual_value)::text AS value
       FROM gap g JOIN part_categories pc ON pc.code = g.category_code
       GROUP BY g.category_code, pc.name_zh, pc.name_en, pc.focus_area
       ORDER BY sum(g.annual_value) DESC, g.category_code`,
      p.values,
    );
    return rows.map((r) => ({
      categoryCode: r.category_code, nameZh: r.name_zh, nameEn: r.name_en, focusArea: r.focus_area,
      requirements: Number(r.requirements), oems: Number(r.oems), demandedAnnualValue: new Decimal(r.value),
    }));
  }

  /**
   * For each gap category, the `nearest` qualified suppliers (all outside the province, by
   * definition of a gap), one line per supplier: its plant nearest to a delivery plant among the
   * category's gap requirements (great-circle distance), and how many of those requirements any
   * of its plants qualifies for.
   */
  async gapCandidates(region: string, province: string, categoryCode: string | null, nearest: number): Promise<GapCandidateRow[]> {
    const p = new SqlParams();
    const gap = gapCtes(p, region, province, categoryCode);
    const rows = await this.dataSource.query<{ category_code: string; supplier_id: string; legal_name: string; site_id: string; site_name: string; region_code: string | null; region_name: string | null; country_code: string; km: number; reqs: string }[]>(
      `WITH ${gap.sql}, ${GAP_PAIRS},
       plant AS (
         SELECT p.category_code, p.site_id, p.supplier_id,
           min(earth_distance(ll_to_earth(p.delivery_lat, p.delivery_lon), ll_to_earth(p.lat, p.lon)) / 1000.0) AS km
         FROM pair p GROUP BY p.category_code, p.site_id, p.supplier_id),
       cand AS (
         SELECT DISTINCT ON (plant.category_code, plant.supplier_id) plant.category_code, plant.supplier_id, plant.site_id, plant.km,
           (SELECT count(DISTINCT q.requirement_id) FROM pair q WHERE q.category_code = plant.category_code AND q.supplier_id = plant.supplier_id) AS reqs
         FROM plant ORDER BY plant.category_code, plant.supplier_id, plant.km, plant.site_id),
       ranked AS (SELECT cand.*, row_number() OVER (PARTITION BY cand.category_code ORDER BY cand.km, cand.supplier_id) AS rn FROM cand)
       SELECT x.category_code, x.supplier_id, o.legal_name, x.site_id, s.name AS site_name, s.region_code, g.name AS region_name, s.country_code, x.km, x.reqs
       FROM ranked x JOIN organizations o ON o.id = x.supplier_id JOIN sites s ON s.id = x.site_id LEFT JOIN regions g ON g.code = s.region_code
       WHERE x.rn <= ${p.add(nearest)} ORDER BY x.category_code, x.rn`,
      p.values,
    );
    return rows.map((r) => ({
      categoryCode: r.category_code, supplierId: r.supplier_id, supplierName: r.legal_name, siteId: r.site_id, siteName: r.site_name,
      regionCode: r.region_code, regionName: r.region_name, countryCode: r.country_code.trim(), distanceKm: Number(r.km), qualifiedRequirements: Number(r.reqs),
    }));
  }

  /** The gap requirements of one category (exact code), by SOP date then id. */
  async gapRequirements(region: string, province: string, categoryCode: string, first: number, after: { sopDate: string; id: string } | null): Promise<{ rows: GapRequirementRow[]; totalCount: number }> {
    const p = new SqlParams();
    const gap = gapCtes(p, region, province, categoryCode);
    const keyset = after ? `AND (g.sop_date, g.id) > (${p.add(after.sopDate)}::date, ${p.add(after.id)}::uuid)` : '';
    const rows = await this.dataSource.query<{ id: string; title: string; category_code: string; organization_id: string; legal_name: string; delivery_site_id: string; region_code: string; annual_volume: number; target_unit_price: string; annual_value: string; sop_date: string; total: string }[]>(
      `WITH ${gap.sql}
       SELECT g.id, g.title, g.category_code, g.organization_id, o.legal_name, g.delivery_site_id, g.region_code, g.annual_volume,
         g.target_unit_price::text AS target_unit_price, g.annual_value::text AS annual_value, g.sop_date,
         (SELECT count(*) FROM gap WHERE gap.category_code = ${gap.category}) AS total
       FROM gap g JOIN organizations o ON o.id = g.organization_id
       WHERE g.category_code = ${gap.category} ${keyset}
       ORDER BY g.sop_date, g.id LIMIT ${p.add(first + 1)}`,
      p.values,
    );
    const totalCount = rows.length > 0 ? Number(rows[0].total) : after ? await this.gapRequirementCount(region, province, categoryCode) : 0;
    return {
      totalCount,
      rows: rows.map((r) => ({
        id: r.id, title: r.title, categoryCode: r.category_code, organizationId: r.organization_id, oemName: r.legal_name,
        deliverySiteId: r.delivery_site_id, deliveryRegionCode: r.region_code, annualVolume: r.annual_volume,
        targetUnitPrice: new Decimal(r.target_unit_price), annualValue: new Decimal(r.annual_value), sopDate: r.sop_date,
      })),
    };
  }

  private async gapRequirementCount(region: string, province: string, categoryCode: string): Promise<number> {
    const p = new SqlParams();
    const gap = gapCtes(p, region, province, categoryCode);
    const [{ total }] = await this.dataSource.query<{ total: string }[]>(
      `WITH ${gap.sql} SELECT count(*) AS total FROM gap WHERE gap.category_code = ${gap.category}`,
      p.values,
    );
    return Number(total);
  }

  findBaseline(region: string): Promise<SourcingBaseline | null> {
    return this.dataSource.getRepository(SourcingBaseline).findOneBy({ regionCode: region });
  }

  async saveBaseline(manager: EntityManager, baseline: Omit<SourcingBaseline, 'updatedAt' | 'region'>): Promise<SourcingBaseline> {
    await manager.upsert(SourcingBaseline, baseline, ['regionCode']);
    return manager.getRepository(SourcingBaseline).findOneByOrFail({ regionCode: baseline.regionCode });
  }

  /** Recomputes the rollup from the contracts table (the triggers keep it current; this is for repair). */
  async rebuildRollups(): Promise<void> {
    await this.dataSource.query('SELECT sourcing_rollups_rebuild()');
  }
}

/** WHERE over `contracts k` for a drill-down selection, its parameters added to `p`. */
function contractFilterSql(p: SqlParams, s: ContractSelection): string {
  const add = (value: unknown) => p.add(value);
  const [lo, hi] = regionRange(s.region);
  const { from, until } = periodDates(s.period);
  const clauses = [`k.buyer_region_code BETWEEN ${add(lo)} AND ${add(hi)}`, `k.signed_date >= ${add(from)}::date`, `k.signed_date < ${add(until)}::date`];
  if (s.source) clauses.push(`k.source = ${add(s.source)}`);
  clauses.push(`(${CONTRACT_STANDING_SQL}) = ANY(${add(standingsOf(s))}::text[])`);
  if (s.local !== null) clauses.push(`k.${s.scope === Scope.PROVINCE ? 'same_province' : 'same_city'} = ${add(s.local)}`);
  if (s.area) {
    const [alo, ahi] = regionRange(s.area);
    clauses.push(`k.buyer_region_code BETWEEN ${add(alo)} AND ${add(ahi)}`);
  }
  if (s.buyerOrganizationId) clauses.push(`k.buyer_organization_id = ${add(s.buyerOrganizationId)}::uuid`);
  if (s.categoryCode) {
    const p = add(s.categoryCode);
    clauses.push(`(k.category_code = ${p} OR k.category_code LIKE ${p} || '.%')`);
  }
  if (s.focusArea) clauses.push(`k.category_code IN (SELECT f.code FROM part_categories f WHERE ${s.focusArea === 'OTHER' ? 'f.focus_area IS NULL' : `f.focus_area = ${add(s.focusArea)}`})`);
  return clauses.join(' AND ');
}

/**
 * The drill-down's count as a rollup read, when the rollup keeps that cut: the region (or the
 * area within it) is a rollup region, and at most one of OEM, category (subtree) and focus area
 * is asked. Null otherwise.
 */
function rollupCountSql(s: ContractSelection): { sql: string; params: unknown[] } | null {
  const dimensions = [s.buyerOrganizationId, s.categoryCode, s.focusArea].filter((d) => d !== null);
  if (dimensions.length > 1) return null;
  const dimension = s.buyerOrganizationId ? RollupDimension.OEM : s.categoryCode || s.focusArea ? RollupDimension.CATEGORY : RollupDimension.ALL;
  const p = new SqlParams();
  const where = rollupWhere(p, dimension, s);
  const region = p.add(s.area ?? s.region);
  const localColumn = s.scope === Scope.PROVINCE ? 'r.contracts_province_local' : 'r.contracts_city_local';
  const counted = s.local === null ? 'r.contracts' : s.local ? localColumn : `r.contracts - ${localColumn}`;
  let dimFilter = '';
  if (s.buyerOrganizationId) {
    dimFilter = `AND r.dim_key = ${p.add(s.buyerOrganizationId)}`;
  } else if (s.categoryCode) {
    const category = p.add(s.categoryCode);
    dimFilter = `AND (r.dim_key = ${category} OR r.dim_key LIKE ${category} || '.%')`;
  } else if (s.focusArea === 'OTHER') {
    dimFilter = 'AND r.dim_key IN (SELECT f.code FROM part_categories f WHERE f.focus_area IS NULL)';
  } else if (s.focusArea) {
    dimFilter = `AND r.dim_key IN (SELECT f.code FROM part_categories f WHERE f.focus_area = ${p.add(s.focusArea)})`;
  }
  return { sql: `SELECT sum(${counted}) AS count FROM sourcing_rollups r WHERE r.region_code = ${region} AND ${where} ${dimFilter}`, params: p.values };
}

function contractRow(r: ContractRowSql): SourcingContractRow {
  return {
    id: r.id, source: r.source, status: r.status, signedDate: r.signed_date,
    buyerOrganizationId: r.buyer_organization_id, buyerName: r.buyer_name, buyerSiteId: r.buyer_site_id, buyerRegionCode: r.buyer_region_code,
    supplierOrganizationId: r.supplier_organization_id, supplierName: r.supplier_name, supplierSiteId: r.supplier_site_id,
    supplierRegionCode: r.supplier_region_code, supplierCountryCode: r.supplier_country_code.trim(),
    categoryCode: r.category_code, categoryNameZh: r.name_zh, categoryNameEn: r.name_en,
    totalValue: new Decimal(r.total_value), deliveredValue: r.delivered_value === null ? null : new Decimal(r.delivered_value),
    countedValue: new Decimal(r.counted_value), sameProvince: r.same_province, sameCity: r.same_city, distanceKm: r.distance_km,
    qualificationOverride:
      r.qualification_override_reason === null || r.qualification_overridden_at === null
        ? null
        : { reason: r.qualification_override_reason, failures: r.qualification_override_failures ?? [], overriddenAt: r.qualification_overridden_at },
  };
}
