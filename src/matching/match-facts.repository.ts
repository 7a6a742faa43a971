import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Decimal } from 'decimal.js';
import { LEVEL_SCHEMES, levelRank, type LevelScheme } from '../taxonomy/certification-levels.js';
import type { RequirementFacts, SupplierFacts, SupplierSite } from './match-facts.js';
import { countedValueSql } from '../locality/counted-value.js';
import type { RateBasis, YearQuarter } from '../locality/local-rate.js';
import type { WeightOverrides } from '../requirements/requirement.entity.js';

export interface LoadedRequirement {
  facts: RequirementFacts;
  organizationId: string;
  status: string;
  title: string;
  description: string;
  /** Annual value demanded: volume × target unit price, CNY. */
  annualValue: Decimal;
  overrides: WeightOverrides | null;
}

interface PlaceRow {
  country_code: string;
  region_code: string | null;
  region_name: string | null;
  city_name: string | null;
  lat: number;
  lon: number;
  location_approx: boolean;
}

const PLACE_COLUMNS = `s.country_code, s.region_code, r.name AS region_name,
  CASE WHEN r.level = 'COUNTY' THEN pc.name ELSE r.name END AS city_name, s.lat, s.lon, s.location_approx`;
const PLACE_JOINS = `LEFT JOIN regions r ON r.code = s.region_code LEFT JOIN regions pc ON pc.code = r.parent_code`;

function place(row: PlaceRow) {
  return {
    countryCode: row.country_code.trim(),
    regionCode: row.region_code,
    regionName: row.region_name ?? undefined,
    cityName: row.city_name ?? undefined,
    lat: row.lat,
    lon: row.lon,
    locationApprox: row.location_approx,
  };
}

/**
 * The named queries of matching: requirement facts, candidate generation (category and
 * certification hard filters in SQL, on indexes), and supplier facts for a batch of
 * candidates — a fixed number of queries whatever the number of candidates.
 */
@Injectable()
export class MatchFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: Pick<DataSource, 'query'>) {}

  /** The same queries inside the caller's transaction (a gate reads the facts it decides on with its locks held). */
  in(manager: EntityManager): MatchFactsRepository {
    return new MatchFactsRepository(manager);
  }

  async requirement(id: string): Promise<LoadedRequirement | null> {
    const [requirement] = await this.requirements([id]);
    return requirement ?? null;
  }

  async requirements(ids: readonly string[]): Promise<LoadedRequirement[]> {
    if (ids.length === 0) return [];
    return (await this.loadRequirements('q.id = ANY($1::uuid[])', [ids], false)).map((r) => r.requirement);
  }

  /**
   * OPEN requirements with their search text (lexemes and strong vector of `search_requirements`,
   * null without a search row), for the match index's mirror view: all of them, or those named
   * and those delivered to the plants of the organisations named.
   */
  async openRequirements(only?: { ids: readonly string[]; deliveringForOrganizations: readonly string[] }): Promise<{ requirement: LoadedRequirement; text: { lexemes: string; strong: string } | null }[]> {
    if (!only) return this.loadRequirements(`q.status = 'OPEN'`, [], true);
    if (only.ids.length === 0 && only.deliveringForOrganizations.length === 0) return [];
    return this.loadRequirements(`q.status = 'OPEN' AND (q.id = ANY($1::uuid[]) OR s.organization_id = ANY($2::uuid[]))`, [only.ids, only.deliveringForOrganizations], true);
  }

  private async loadRequirements(where: string, params: unknown[], withText: boolean): Promise<{ requirement: LoadedRequirement; text: { lexemes: string; strong: string } | null }[]> {
    const rows = await this.dataSource.query<(PlaceRow & { id: string; organization_id: string; status: string; title: string; description: string; category_code: string; sop_date: string; annual_volume: number; target_unit_price: string; specs: { key: string; value: string }[]; match_weights: WeightOverrides | null; lexemes?: string | null; strong?: string | null })[]>(
      `SELECT q.id, q.organization_id, q.status, q.title, q.description, q.category_code, q.sop_date, q.annual_volume, q.target_unit_price, q.specs, q.match_weights, ${PLACE_COLUMNS}
         ${withText ? ', t.lexemes::text AS lexemes, t.strong::text AS strong' : ''}
       FROM requirements q JOIN sites s ON s.id = q.delivery_site_id ${PLACE_JOINS} ${withText ? 'LEFT JOIN search_requirements t ON t.id = q.id' : ''}
       WHERE ${where} ORDER BY q.id`,
      params,
    );
    if (rows.length === 0) return [];
    const allCerts = await this.dataSource.query<{ requirement_id: string; type_code: string; name: string; level_scheme: LevelScheme; min_level: string | null }[]>(
      `SELECT c.requirement_id, c.type_code, t.name, t.level_scheme, c.min_level FROM requirement_certifications c JOIN certification_types t ON t.code = c.type_code
       WHERE c.requirement_id = ANY($1::uuid[]) ORDER BY c.type_code`,
      [rows.map((r) => r.id)],
    );
    const certsOf = new Map<string, typeof allCerts>();
    for (const c of allCerts) {
      const list = certsOf.get(c.requirement_id);
      if (list) list.push(c);
      else certsOf.set(c.requirement_id, [c]);
    }
    return rows.map((row) => {
      const certs = certsOf.get(row.id) ?? [];
      const requirement: LoadedRequirement = {
        organizationId: row.organization_id,
        status: row.status,
        title: row.title,
        description: row.description,
        annualValue: new Decimal(row.target_unit_price).times(row.annual_volume),
        overrides: row.match_weights,
        facts: {
          id: row.id,
          categoryCode: row.category_code,
          delivery: place(row),
          sopDate: row.sop_date,
          annualVolume: row.annual_volume,
          specs: row.specs,
          requiredCertifications: certs.map((c) => ({ typeCode: c.type_code, typeName: c.name, scheme: c.level_scheme, minLevel: c.min_level })),
        },
      };
      return { requirement, text: row.lexemes != null && row.strong != null ? { lexemes: row.lexemes, strong: row.strong } : null };
    });
  }

  /** Suppliers passing the hard filters: a capability in the category subtree made at some plant, and every certificate. */
  async candidateSupplierIds(req: RequirementFacts, onlySupplierIds?: readonly string[]): Promise<string[]> {
    const categories = await this.categorySubtree(req.categoryCode);
    const params: unknown[] = [categories];
    const certConditions = req.requiredCertifications.map((cert) => {
      params.push(req.sopDate, cert.typeCode, acceptableLevels(cert.scheme, cert.minLevel));
      const [sop, type, levels] = [params.length - 2, params.length - 1, params.length];
      return `AND EXISTS (SELECT 1 FROM supplier_certifications sc WHERE sc.organization_id = c.organization_id AND sc.type_code = $${type}
                AND sc.valid_from <= $${sop}::date AND sc.valid_until >= $${sop}::date AND ($${levels}::text[] IS NULL OR sc.level = ANY($${levels}::text[])))`;
    });
    let only = '';
    if (onlySupplierIds) {
      params.push(onlySupplierIds);
      only = `AND c.organization_id = ANY($${params.length}::uuid[])`;
    }
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT c.organization_id AS id FROM capabilities c
       WHERE c.category_code = ANY($1::text[]) AND EXISTS (SELECT 1 FROM capability_sites cs WHERE cs.capability_id = c.id)
       ${certConditions.join('\n')} ${only}`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Everything the scorer needs about these suppliers (textRelevance left 0): for one
   * requirement only its category subtree and certificate types; with none, the whole profile.
   */
  async supplierFacts(req: RequirementFacts | null, supplierIds: readonly string[]): Promise<SupplierFacts[]> {
    if (supplierIds.length === 0) return [];
    const categories = req ? await this.categorySubtree(req.categoryCode) : null;
    const types = req ? req.requiredCertifications.map((c) => c.typeCode) : null;
    const [organizations, capabilities, certifications] = await Promise.all([
      this.dataSource.query<{ id: string; legal_name: string; designations: string[] }[]>('SELECT id, legal_name, designations FROM organizations WHERE id = ANY($1::uuid[])', [supplierIds]),
      this.dataSource.query<{ id: string; organization_id: string; category_code: string; annual_capacity: number | null; lead_time_days: number | null; specs: { key: string; value: string }[]; site_ids: string[] }[]>(
        `SELECT c.id, c.organization_id, c.category_code, c.annual_capacity, c.lead_time_days, c.specs,
                ARRAY(SELECT cs.site_id FROM capability_sites cs WHERE cs.capability_id = c.id ORDER BY cs.site_id) AS site_ids
         FROM capabilities c WHERE c.organization_id = ANY($1::uuid[]) AND ($2::text[] IS NULL OR c.category_code = ANY($2::text[]))`,
        [supplierIds, categories],
      ),
      types !== null && types.length === 0
        ? Promise.resolve([])
        : this.dataSource.query<{ organization_id: string; type_code: string; level_scheme: LevelScheme; level: string | null; valid_from: string; valid_until: string }[]>(
            `SELECT sc.organization_id, sc.type_code, t.level_scheme, sc.level, sc.valid_from, sc.valid_until
             FROM supplier_certifications sc JOIN certification_types t ON t.code = sc.type_code
             WHERE sc.organization_id = ANY($1::uuid[]) AND ($2::text[] IS NULL OR sc.type_code = ANY($2::text[]))`,
            [supplierIds, types],
          ),
    ]);
    const siteIds = [...new Set(capabilities.flatMap((c) => c.site_ids))];
    const sites = await this.dataSource.query<(PlaceRow & { id: string; name: string; organization_id: string })[]>(
      `SELECT s.id, s.name, s.organization_id, ${PLACE_COLUMNS} FROM sites s ${PLACE_JOINS} WHERE s.id = ANY($1::uuid[])`,
      [siteIds],
    );
    const group = <T extends { organization_id: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(row.organization_id, [...(map.get(row.organization_id) ?? []), row]);
      return map;
    };
    const capsBy = group(capabilities);
    const sitesBy = group(sites);
    const certsBy = group(certifications);
    return organizations.map((o) => ({
      supplierId: o.id,
      name: o.legal_name,
      designations: o.designations,
      textRelevance: 0,
      capabilities: (capsBy.get(o.id) ?? []).map((c) => ({ id: c.id, categoryCode: c.category_code, annualCapacity: c.annual_capacity, leadTimeDays: c.lead_time_days, siteIds: c.site_ids, specs: c.specs })),
      sites: (sitesBy.get(o.id) ?? []).map((s): SupplierSite => ({ id: s.id, name: s.name, ...place(s) })),
      certifications: (certsBy.get(o.id) ?? []).map((c) => ({ typeCode: c.type_code, scheme: c.level_scheme, level: c.level, validFrom: c.valid_from, validUntil: c.valid_until })),
    }));
  }

  /**
   * The buyer's purchasing for its plants in one province in one calendar year (by signing
   * date), and the part of it from plants in the same province (snapshot flag) — the basis of
   * its provincial local-sourcing rate, counted as the rate counts (locality/counted-value.ts).
   * The one query behind matching's impact and the quote comparison's.
   */
  async buyerProvincialBasis(buyerOrganizationId: string, provinceCode: string, year: number): Promise<RateBasis> {
    const [row] = await this.dataSource.query<{ local: string; total: string }[]>(
      `SELECT COALESCE(SUM(${countedValueSql('k')}) FILTER (WHERE k.same_province), 0) AS local, COALESCE(SUM(${countedValueSql('k')}), 0) AS total
       FROM contracts k WHERE k.buyer_organization_id = $1 AND k.buyer_region_code LIKE $2 AND k.signed_date >= $3 AND k.signed_date < $4 AND k.review_status NOT IN ('HELD', 'REJECTED')`,
      [buyerOrganizationId, `${provinceCode.slice(0, 2)}%`, `${year}-01-01`, `${year + 1}-01-01`],
    );
    return { local: new Decimal(row.local), total: new Decimal(row.total) };
  }

  /**
   * From the contract rollups (sourcing_rollups, kept by triggers on contracts): for the
   * quarters `from` … `to`, the buyer's purchasing for its plants in the province and the part
   * from plants in the province, and the same for the whole province — as the official figure
   * counts them (standings CONFIRMED and UNCONFIRMED: an unverified buyer's, held or rejected
   * contracts do not count). A few hundred rollup rows, not the contracts.
   */
  async impactBases(buyerOrganizationId: string, provinceCode: string, from: YearQuarter, to: YearQuarter): Promise<{ buyer: RateBasis; province: RateBasis }> {
    const [row] = await this.dataSource.query<{ buyer_local: string; buyer_total: string; province_local: string; province_total: string }[]>(
      `SELECT COALESCE(sum(r.value_province_local) FILTER (WHERE r.dimension = 'OEM'), 0) AS buyer_local, COALESCE(sum(r.value) FILTER (WHERE r.dimension = 'OEM'), 0) AS buyer_total,
              COALESCE(sum(r.value_province_local) FILTER (WHERE r.dimension = 'ALL'), 0) AS province_local, COALESCE(sum(r.value) FILTER (WHERE r.dimension = 'ALL'), 0) AS province_total
       FROM sourcing_rollups r
       WHERE ((r.dimension = 'OEM' AND r.dim_key = $1) OR (r.dimension = 'ALL' AND r.dim_key = ''))
         AND r.region_code = $2 AND (r.year, r.quarter) >= ($3::smallint, $4::smallint) AND (r.year, r.quarter) <= ($5::smallint, $6::smallint)
         AND r.standing IN ('CONFIRMED', 'UNCONFIRMED')`,
      [buyerOrganizationId, `${provinceCode.slice(0, 2)}0000`, from.year, from.quarter, to.year, to.quarter],
    );
    return {
      buyer: { local: new Decimal(row.buyer_local), total: new Decimal(row.buyer_total) },
      province: { local: new Decimal(row.province_local), total: new Decimal(row.province_total) },
    };
  }

  private async categorySubtree(code: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ code: string }[]>(`SELECT code FROM part_categories WHERE code = $1 OR code LIKE $2`, [code, `${code}.%`]);
    return rows.map((r) => r.code);
  }
}

/** Levels at or above the minimum; null when any certificate of the type will do. */
function acceptableLevels(scheme: LevelScheme, minLevel: string | null): string[] | null {
  if (minLevel === null || scheme === 'HELD') return null;
  const min = levelRank(scheme, minLevel);
  return LEVEL_SCHEMES[scheme].filter((level) => levelRank(scheme, level) >= min);
}
