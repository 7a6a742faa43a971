import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Decimal } from 'decimal.js';
import { CONTRACT_STANDING_SQL, SqlParams, levelRankArrays, localClassCtes, producingPlants } from './sourcing-stats.repository.js';
import { regionRange } from './region-scope.js';
import { SourcingScenario } from './sourcing-scenario.entity.js';

/** An open requirement of the region: lever 1 when a qualified local plant exists, else part of a demand gap. */
export interface LeverRequirementRow {
  id: string;
  title: string;
  categoryCode: string;
  nameZh: string;
  nameEn: string;
  focusArea: string | null;
  organizationId: string;
  oemName: string;
  deliveryRegionCode: string;
  sopDate: string;
  annualValue: Decimal;
}

export interface LeverGapRow {
  categoryCode: string;
  nameZh: string;
  nameEn: string;
  focusArea: string | null;
  requirements: number;
  oems: number;
  annualValue: Decimal;
}

export interface LeverRenewalRow {
  id: string;
  categoryCode: string;
  nameZh: string;
  nameEn: string;
  focusArea: string | null;
  buyerOrganizationId: string;
  buyerName: string;
  supplierOrganizationId: string;
  supplierName: string;
  buyerRegionCode: string;
  signedDate: string;
  endDate: string;
  value: Decimal;
}

export interface LeverTotals { count: number; value: Decimal }

export interface MapAreaRow { code: string; nameZh: string; nameEn: string | null; lat: number | null; lon: number | null; supplierPlants: number; oemPlants: number }

/** What the lever queries return: totals over every item, the largest `first` items, and any picked items. */
export interface RequirementLevers {
  open: LeverTotals;
  openItems: LeverRequirementRow[];
  gaps: LeverGapRow[];
}

export interface RenewalLevers {
  renewals: LeverTotals;
  items: LeverRenewalRow[];
}

type Json = Record<string, string | number | null>;

const totals = (j: { n: number; v: string }): LeverTotals => ({ count: Number(j.n), value: new Decimal(j.v) });

/**
 * The OPEN requirements delivered in the region, each flagged `has_local`: some supplier plant
 * in the province passes the hard filters — the same rule as the demand gaps
 * (sourcing-stats.repository.ts, gapCtes): a capability in the requirement's category or a
 * sub-category produced at that plant, and every required certificate held at or above the
 * minimum level and valid on the SOP date; judged once per group of requirements with the same
 * category and certification signature (`localClassCtes`). CTEs `lr`, `req` and those of
 * `localClassCtes`, `cls` the result.
 */
function classifiedCtes(p: SqlParams, region: string, province: string): string {
  const [schemes, levels, ranks] = levelRankArrays().map((list) => p.add(list));
  const [lo, hi] = regionRange(region).map((code) => p.add(code));
  const [plo, phi] = regionRange(province).map((code) => p.add(code));
  return `
  lr AS (SELECT * FROM unnest(${schemes}::text[], ${levels}::text[], ${ranks}::int[]) AS lr(scheme, level, rank)),
  req AS (
    SELECT q.id, q.organization_id, q.category_code, q.certification_signature, q.sop_date, (q.annual_volume * q.target_unit_price) AS annual_value, s.region_code
    FROM requirements q JOIN sites s ON s.id = q.delivery_site_id
    WHERE q.status = 'OPEN' AND s.region_code BETWEEN ${lo} AND ${hi}),
  ${localClassCtes(plo, phi)}`;
}

/** The named queries of the levers and the saved scenarios. */
@Injectable()
export class SourcingLeversRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Levers 1 and 2 in one pass over the region's open requirements: the requirements with a
   * qualified local plant (count and value; the `first` largest and the `picked` ones listed),
   * and the rest grouped by category (the demand gaps).
   */
  async requirementLevers(region: string, province: string, first: number, picked: string[]): Promise<RequirementLevers> {
    const p = new SqlParams();
    const ctes = classifiedCtes(p, region, province);
    const limit = p.add(first);
    const picks = p.add(picked);
    const [row] = await this.dataSource.query<{ open: { n: number; v: string }; items: Json[] | null; gaps: Json[] | null }[]>(
      `WITH ${ctes},
       shown AS (
         (SELECT * FROM cls WHERE has_local ORDER BY annual_value DESC, id LIMIT ${limit})
         UNION
         (SELECT * FROM cls WHERE has_local AND id = ANY(${picks}::uuid[]))),
       gaps AS (
         SELECT category_code, count(*) AS n, count(DISTINCT organization_id) AS oems, sum(annual_value) AS v FROM cls WHERE NOT has_local GROUP BY category_code)
       SELECT
         (SELECT json_build_object('n', count(*), 'v', coalesce(sum(annual_value), 0)::text) FROM cls WHERE has_local) AS open,
         (SELECT json_agg(json_build_object('id', x.id, 'title', q.title, 'category_code', x.category_code, 'name_zh', pc.name_zh, 'name_en', pc.name_en,
             'focus_area', pc.focus_area, 'organization_id', x.organization_id, 'oem_name', o.legal_name, 'region_code', x.region_code,
             'sop_date', x.sop_date, 'v', x.annual_value::text) ORDER BY x.annual_value DESC, x.id)
          FROM shown x JOIN requirements q ON q.id = x.id JOIN part_categories pc ON pc.code = x.category_code JOIN organizations o ON o.id = x.organization_id) AS items,
         (SELECT json_agg(json_build_object('category_code', g.category_code, 'name_zh', pc.name_zh, 'name_en', pc.name_en, 'focus_area', pc.focus_area,
             'n', g.n, 'oems', g.oems, 'v', g.v::text) ORDER BY g.v DESC, g.category_code)
          FROM gaps g JOIN part_categories pc ON pc.code = g.category_code) AS gaps`,
      p.values,
    );
    return {
      open: totals(row.open),
      openItems: (row.items ?? []).map((j) => ({
        id: String(j.id), title: String(j.title), categoryCode: String(j.category_code), nameZh: String(j.name_zh), nameEn: String(j.name_en),
        focusArea: j.focus_area === null ? null : String(j.focus_area), organizationId: String(j.organization_id), oemName: String(j.oem_name),
        deliveryRegionCode: String(j.region_code), sopDate: String(j.sop_date), annualValue: new Decimal(String(j.v)),
      })),
      gaps: (row.gaps ?? []).map((j) => ({
        categoryCode: String(j.category_code), nameZh: String(j.name_zh), nameEn: String(j.name_en), focusArea: j.focus_area === null ? null : String(j.focus_area),
        requirements: Number(j.n), oems: Number(j.oems), annualValue: new Decimal(String(j.v)),
      })),
    };
  }

  /**
   * Lever 3: contracts whose buyer plant is in the region, non-local (supplier plant outside
   * the buyer's province at signing), SIGNED or ACTIVE, counted in the official figure (not
   * EXCLUDED), ending from `today` to before `until`, in a category (or with a sub-category) that
   * some supplier plant in the province produces. An index-only scan of contracts_renewal_cover_idx;
   * only the listed contracts are read from the table, for their details.
   */
  async renewalLevers(region: string, province: string, today: string, until: string, first: number, picked: string[]): Promise<RenewalLevers> {
    const p = new SqlParams();
    const [lo, hi] = regionRange(region).map((code) => p.add(code));
    const [plo, phi] = regionRange(province).map((code) => p.add(code));
    const [from, to] = [p.add(today), p.add(until)];
    const limit = p.add(first);
    const picks = p.add(picked);
    const [row] = await this.dataSource.query<{ total: { n: number; v: string }; items: Json[] | null }[]>(
      `WITH lc AS (
         SELECT pcx.category_code FROM (SELECT code AS category_code FROM part_categories) pcx
         WHERE EXISTS (SELECT 1 FROM ${producingPlants('pcx')} AND ps.region_code BETWEEN ${plo} AND ${phi})),
       ren AS MATERIALIZED (
         SELECT k.id, k.total_value AS v
         FROM contracts k
         WHERE k.buyer_region_code BETWEEN ${lo} AND ${hi} AND NOT k.same_province AND k.status IN ('SIGNED', 'ACTIVE') AND k.end_date IS NOT NULL
           AND k.end_date >= ${from}::date AND k.end_date < ${to}::date
           AND (${CONTRACT_STANDING_SQL}) <> 'EXCLUDED'
           AND k.category_code IN (SELECT category_code FROM lc)),
       shown AS (
         (SELECT * FROM ren ORDER BY v DESC, id LIMIT ${limit})
         UNION
         (SELECT * FROM ren WHERE id = ANY(${picks}::uuid[])))
       SELECT
         (SELECT json_build_object('n', count(*), 'v', coalesce(sum(v), 0)::text) FROM ren) AS total,
         (SELECT json_agg(json_build_object('id', x.id, 'category_code', k.category_code, 'name_zh', pc.name_zh, 'name_en', pc.name_en, 'focus_area', pc.focus_area,
             'buyer_id', k.buyer_organization_id, 'buyer_name', bo.legal_name, 'supplier_id', k.supplier_organization_id, 'supplier_name', so.legal_name,
             'region_code', k.buyer_region_code, 'signed_date', k.signed_date, 'end_date', k.end_date, 'v', x.v::text) ORDER BY x.v DESC, x.id)
          FROM shown x JOIN contracts k ON k.id = x.id JOIN part_categories pc ON pc.code = k.category_code
          JOIN organizations bo ON bo.id = k.buyer_organization_id JOIN organizations so ON so.id = k.supplier_organization_id) AS items`,
      p.values,
    );
    return {
      renewals: totals(row.total),
      items: (row.items ?? []).map((j) => ({
        id: String(j.id), categoryCode: String(j.category_code), nameZh: String(j.name_zh), nameEn: String(j.name_en), focusArea: j.focus_area === null ? null : String(j.focus_area),
        buyerOrganizationId: String(j.buyer_id), buyerName: String(j.buyer_name), supplierOrganizationId: String(j.supplier_id), supplierName: String(j.supplier_name),
        buyerRegionCode: String(j.region_code), signedDate: String(j.signed_date), endDate: String(j.end_date), value: new Decimal(String(j.v)),
      })),
    };
  }

  /**
   * The map's areas: the cities (level CITY) or counties (COUNTY) of the region, with their
   * centroid from the regions reference data and how many supplier and OEM plants lie in each.
   */
  async mapAreas(region: string, level: 'CITY' | 'COUNTY'): Promise<MapAreaRow[]> {
    const p = new SqlParams();
    const [lo, hi] = regionRange(region).map((code) => p.add(code));
    const area = level === 'CITY' ? `left(s.region_code, 4) || '00'` : 's.region_code';
    const rows = await this.dataSource.query<{ code: string; name: string; name_en: string | null; lat: number | null; lon: number | null; suppliers: string; oems: string }[]>(
      `WITH plants AS (
         SELECT ${area} AS code, count(*) FILTER (WHERE o.kind = 'SUPPLIER') AS suppliers, count(*) FILTER (WHERE o.kind = 'OEM') AS oems
         FROM sites s JOIN organizations o ON o.id = s.organization_id
         WHERE s.region_code BETWEEN ${lo} AND ${hi} GROUP BY 1)
       SELECT g.code, g.name, g.name_en, g.lat, g.lon, coalesce(pl.suppliers, 0) AS suppliers, coalesce(pl.oems, 0) AS oems
       FROM regions g LEFT JOIN plants pl ON pl.code = g.code
       WHERE g.code BETWEEN ${lo} AND ${hi} AND g.level = ${p.add(level)} ORDER BY g.code`,
      p.values,
    );
    return rows.map((r) => ({ code: r.code, nameZh: r.name, nameEn: r.name_en, lat: r.lat, lon: r.lon, supplierPlants: Number(r.suppliers), oemPlants: Number(r.oems) }));
  }

  scenarios(organizationId: string): Promise<SourcingScenario[]> {
    return this.dataSource.getRepository(SourcingScenario).find({ where: { organizationId }, order: { name: 'ASC' } });
  }

  scenario(id: string): Promise<SourcingScenario | null> {
    return this.dataSource.getRepository(SourcingScenario).findOneBy({ id });
  }

  /** Locks the row for a change. */
  findScenario(manager: EntityManager, id: string): Promise<SourcingScenario | null> {
    return manager.getRepository(SourcingScenario).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async findScenarioByName(manager: EntityManager, organizationId: string, name: string): Promise<SourcingScenario | null> {
    return manager.getRepository(SourcingScenario).findOneBy({ organizationId, name });
  }

  saveScenario(manager: EntityManager, scenario: Partial<SourcingScenario>): Promise<SourcingScenario> {
    return manager.getRepository(SourcingScenario).save(scenario);
  }

  async deleteScenario(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(SourcingScenario).delete({ id });
  }
}
