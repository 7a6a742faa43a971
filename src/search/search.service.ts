import type { DataSource } from 'typeorm';
import { Logger } from '@nestjs/common';
import { AppError, type FieldError } from '../common/app-error.js';
import { decodeCursor, encodeCursor } from '../common/pagination.js';
import { Role, type Principal } from '../access/role.js';
import type { AuditService } from '../audit/audit.service.js';
import { LEVEL_SCHEMES, levelRank, type LevelScheme } from '../taxonomy/certification-levels.js';
import { SearchSynonymGroup } from './search.entities.js';
import { MAX_SEARCH_DEPTH, type FacetValue, type RequirementFilter, type SearchNear, type SearchIndex, type SearchIndexName, type SearchResult, type SupplierFilter } from './search-index.port.js';
import type { SearchSettings } from './search-settings.js';
import { normalizeText, termKey } from './text/analyzer.js';
import type { RequirementDocument, SupplierDocument } from './documents.js';
import type {
  AddSearchSynonymsInput,
  RequirementSearchFacet,
  RequirementSearchFilter,
  SearchRequirementsArgs,
  SearchSuppliersArgs,
  SupplierSearchFacet,
  SupplierSearchFilter,
} from './dto/search.inputs.js';
import type { FacetValueCount, RequirementSearchConnection, RequirementSearchHit, SearchIndexStatus, SupplierSearchConnection, SupplierSearchHit } from './search.models.js';
import { RequirementStatus } from '../requirements/requirement-status.js';
import { cityOf, provinceOf } from '../locality/region-codes.js';
import type { Designation } from '../organizations/organization.entity.js';

/** What each role may see of the requirements: platform admins all, buyers their own plus OPEN ones, others OPEN ones. */
export function requirementVisibility(actor: Principal): RequirementFilter['visibility'] {
  if (actor.role === Role.PLATFORM_ADMIN) return { kind: 'all' };
  return { kind: 'openOrOwn', organizationId: actor.role === Role.OEM_BUYER ? actor.organizationId : null };
}

/** The offset a search cursor stands for. */
export function offsetOf(after: string | null | undefined): number {
  const key = decodeCursor(after, 1);
  if (!key) return 0;
  const [offset] = key;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 1 || offset > MAX_SEARCH_DEPTH) {
    throw AppError.badInput('after', 'is not a cursor returned by this search');
  }
  return offset;
}

function page<I extends SearchIndexName, N>(result: SearchResult<I>, offset: number, toNode: (hit: SearchResult<I>['hits'][number]) => N) {
  const edges = result.hits.map((hit, i) => ({ cursor: encodeCursor([offset + i + 1]), node: toNode(hit) }));
  const reachable = Math.min(result.total, MAX_SEARCH_DEPTH);
  return {
    edges,
    pageInfo: { hasNextPage: offset + result.hits.length < reachable && result.hits.length > 0, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: result.total,
    totalCountIsEstimate: result.totalIsEstimate ?? false,
  };
}

/**
 * Search for the GraphQL API: validates filters against the reference data, applies the
 * caller's visibility, pages by cursor, and lets platform admins manage synonyms. Backend-
 * neutral: it talks to the SearchIndex port only.
 */
export class SearchService {
  private readonly logger = new Logger('SearchService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly index: SearchIndex,
    private readonly settings: SearchSettings,
    private readonly audit: AuditService,
  ) {}

  async searchSuppliers(actor: Principal, args: SearchSuppliersArgs): Promise<SupplierSearchConnection> {
    const offset = offsetOf(args.after);
    const filter = await this.supplierFilter(args.filter ?? null);
    const near = await this.nearOf(actor);
    await this.settings.ensureApplied();
    const result = await this.index.search('suppliers', { text: args.query, filter, near, offset, limit: args.first, facets: args.facets });
    const labels = await this.facetLabels();
    return {
      ...page(result, offset, (hit) => supplierHit(hit.score, hit.document)),
      facets: args.facets.map((facet: SupplierSearchFacet) => ({ facet, values: labelled(facet, result.facets[facet] ?? [], labels) })),
    };
  }

  /**
   * Where the searcher is, for the tie-break: its organisation's first plant (by name) in
   * China, else a bureau analyst's jurisdiction; null when neither is known.
   */
  private async nearOf(actor: Principal): Promise<SearchNear | null> {
    const [site]: { regionCode: string; lat: number; lon: number }[] = await this.dataSource.query(
      `SELECT region_code AS "regionCode", lat, lon FROM sites WHERE organization_id = $1 AND region_code IS NOT NULL ORDER BY name, id LIMIT 1`,
      [actor.organizationId],
    );
    const code = site?.regionCode ?? actor.jurisdictionCode;
    if (!code) return null;
    const regionCodes = [...new Set([code, cityOf(code), provinceOf(code)].filter((c): c is string => !!c))];
    return { regionCodes, location: site ? { lat: site.lat, lng: site.lon } : null };
  }

  /** Chinese and English names of the codes facets count: categories, certification types, regions. */
  private async facetLabels(): Promise<Map<string, { zh: string | null; en: string | null }>> {
    if (this.labels && Date.now() - this.labels.at < LABELS_TTL_MS) return this.labels.map;
    const rows: { kind: string; code: string; zh: string | null; en: string | null }[] = await this.dataSource.query(
      `SELECT 'c' AS kind, code, name_zh AS zh, name_en AS en FROM part_categories
       UNION ALL SELECT 't', code, name_zh, name FROM certification_types
       UNION ALL SELECT 'r', code, name, name_en FROM regions`,
    );
    const map = new Map(rows.map((r) => [`${r.kind}:${r.code.trim()}`, { zh: r.zh, en: r.en }]));
    this.labels = { at: Date.now(), map };
    return map;
  }

  private labels: { at: number; map: Map<string, { zh: string | null; en: string | null }> } | null = null;

  async searchRequirements(actor: Principal, args: SearchRequirementsArgs): Promise<RequirementSearchConnection> {
    const offset = offsetOf(args.after);
    const filter = await this.requirementFilter(actor, args.filter ?? null);
    await this.settings.ensureApplied();
    const result = await this.index.search('requirements', { text: args.query, filter, offset, limit: args.first, facets: args.facets });
    const labels = await this.facetLabels();
    return {
      ...page(result, offset, (hit) => requirementHit(hit.score, hit.document)),
      facets: args.facets.map((facet: RequirementSearchFacet) => ({ facet, values: labelled(facet, result.facets[facet] ?? [], labels) })),
    };
  }

  private async supplierFilter(input: SupplierSearchFilter | null): Promise<SupplierFilter> {
    if (!input) return {};
    const problems: FieldError[] = [];
    if (input.categoryCode) await this.checkCategory(input.categoryCode, 'filter.categoryCode', problems);
    if (input.regionCode) await this.checkRegion(input.regionCode, 'filter.regionCode', problems);
    const certifications: { typeCode: string; minRank: number }[] = [];
    for (const [i, cert] of (input.certifications ?? []).entries()) {
      const rank = await this.minRank(cert.typeCode, cert.minLevel ?? null, `filter.certifications.${i}`, problems);
      if (rank !== null) certifications.push({ typeCode: cert.typeCode, minRank: rank });
    }
    if (problems.length) throw AppError.invalid(problems);
    return {
      ...(input.categoryCode ? { categoryCode: input.categoryCode } : {}),
      ...(input.regionCode ? { regionCode: input.regionCode } : {}),
      ...(certifications.length ? { certifications } : {}),
      ...(input.designations?.length ? { designations: input.designations } : {}),
      ...(input.verified != null ? { verified: input.verified } : {}),
    };
  }

  private async requirementFilter(actor: Principal, input: RequirementSearchFilter | null): Promise<RequirementFilter> {
    const filter: RequirementFilter = { visibility: requirementVisibility(actor) };
    if (!input) return filter;
    const problems: FieldError[] = [];
    if (input.categoryCode) await this.checkCategory(input.categoryCode, 'filter.categoryCode', problems);
    if (input.regionCode) await this.checkRegion(input.regionCode, 'filter.regionCode', problems);
    if (problems.length) throw AppError.invalid(problems);
    if (input.categoryCode) filter.categoryCode = input.categoryCode;
    if (input.regionCode) filter.regionCode = input.regionCode;
    if (input.statuses?.length) filter.statuses = input.statuses;
    if (input.mine) filter.organizationId = actor.organizationId;
    return filter;
  }

  private async checkCategory(code: string, field: string, problems: FieldError[]): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM part_categories WHERE code = $1`, [code]);
    if (rows.length === 0) problems.push({ field, message: `unknown part category ${code}` });
  }

  private async checkRegion(code: string, field: string, problems: FieldError[]): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM regions WHERE code = $1`, [code]);
    if (rows.length === 0) problems.push({ field, message: `unknown region ${code}` });
  }

  private async minRank(typeCode: string, minLevel: string | null, field: string, problems: FieldError[]): Promise<number | null> {
    const rows: { levelScheme: LevelScheme }[] = await this.dataSource.query(`SELECT level_scheme AS "levelScheme" FROM certification_types WHERE code = $1`, [typeCode]);
    if (rows.length === 0) {
      problems.push({ field: `${field}.typeCode`, message: `unknown certification type ${typeCode}` });
      return null;
    }
    const scheme = rows[0].levelScheme;
    if (minLevel === null) return 0;
    if (scheme === 'HELD') {
      problems.push({ field: `${field}.minLevel`, message: `${typeCode} has no levels: omit minLevel` });
      return null;
    }
    if (!LEVEL_SCHEMES[scheme].includes(minLevel)) {
      problems.push({ field: `${field}.minLevel`, message: `must be one of ${LEVEL_SCHEMES[scheme].join(', ')} for ${typeCode}` });
      return null;
    }
    return levelRank(scheme, minLevel);
  }

  listSynonyms(): Promise<SearchSynonymGroup[]> {
    return this.dataSource.getRepository(SearchSynonymGroup).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async addSynonyms(actor: Principal, input: AddSearchSynonymsInput): Promise<SearchSynonymGroup> {
    const terms = input.terms.map((t) => t.trim());
    const problems: FieldError[] = [];
    const seen = new Map<string, number>();
    terms.forEach((term, i) => {
      const field = `input.terms.${i}`;
      if (term === '') return problems.push({ field, message: 'must not be blank' });
      if (termKey(term) === null) return problems.push({ field, message: 'must be Chinese or Latin-script words, not both mixed (add the parts as separate terms)' });
      const normalized = normalizeText(term);
      if (seen.has(normalized)) return problems.push({ field, message: `repeats term ${seen.get(normalized)}` });
      seen.set(normalized, i);
      return undefined;
    });
    if (problems.length) throw AppError.invalid(problems);
    const group = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(SearchSynonymGroup, { terms, oneWay: input.oneWay, createdBy: actor.userId }));
      await this.audit.record(manager, actor, { action: 'search.synonyms.add', entityType: 'SearchSynonymGroup', entityId: saved.id, after: saved });
      return saved;
    });
    await this.reapply();
    return group;
  }

  async removeSynonyms(actor: Principal, id: string): Promise<boolean> {
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneBy(SearchSynonymGroup, { id });
      if (!before) throw AppError.notFound('Synonym group');
      await manager.delete(SearchSynonymGroup, { id });
      await this.audit.record(manager, actor, { action: 'search.synonyms.remove', entityType: 'SearchSynonymGroup', entityId: id, before });
    });
    await this.reapply();
    return true;
  }

  /** The change is committed; if the backend is down now, the next search or indexer run applies it. */
  private async reapply(): Promise<void> {
    try {
      await this.settings.ensureApplied(true);
    } catch (error) {
      this.logger.warn(`synonyms saved; applying them to the index failed and will be retried: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async status(): Promise<SearchIndexStatus> {
    const [row]: { pending: number; failing: number; oldest: Date | null; lastError: string | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS failing, min(created_at) AS oldest,
              (SELECT last_error FROM outbox WHERE processed_at IS NULL AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1) AS "lastError"
       FROM outbox WHERE processed_at IS NULL`,
    );
    let drift: string[];
    try {
      drift = (await this.settings.drift()).map((d) => `${d.index}.${d.setting}`);
    } catch (error) {
      drift = [`unreachable: ${error instanceof Error ? error.message : String(error)}`];
    }
    return { backend: this.index.backend, pendingEvents: row.pending, failingEvents: row.failing, oldestPendingAt: row.oldest, lastError: row.lastError, settingsDrift: drift };
  }
}

const LABELS_TTL_MS = 60_000;

/** Labels of fixed values: verification, designations and requirement statuses. */
const FIXED_LABELS: Record<string, { zh: string; en: string }> = {
  'verified:true': { zh: '已认证', en: 'Verified' },
  'verified:false': { zh: '未认证', en: 'Not verified' },
  'designation:SPECIALIZED_SME': { zh: '专精特新中小企业', en: 'Specialised SME' },
  'designation:LITTLE_GIANT': { zh: '专精特新“小巨人”', en: '"Little giant"' },
  'designation:SINGLE_CHAMPION': { zh: '制造业单项冠军', en: 'Manufacturing single champion' },
  'status:DRAFT': { zh: '草稿', en: 'Draft' },
  'status:OPEN': { zh: '开放', en: 'Open' },
  'status:AWARDED': { zh: '已定点', en: 'Awarded' },
  'status:CLOSED': { zh: '已关闭', en: 'Closed' },
  'status:CANCELLED': { zh: '已取消', en: 'Cancelled' },
};

/** Facet values with their Chinese and English labels (null where none is known). */
export function labelled(facet: string, values: FacetValue[], labels: ReadonlyMap<string, { zh: string | null; en: string | null }>): FacetValueCount[] {
  const kind = facet === 'category' ? 'c' : facet === 'certification' ? 't' : facet === 'province' || facet === 'city' ? 'r' : null;
  return values.map((v) => {
    const label = kind ? labels.get(`${kind}:${v.value}`) : FIXED_LABELS[`${facet}:${v.value}`];
    return { value: v.value, count: v.count, labelZh: label?.zh ?? null, labelEn: label?.en ?? null };
  });
}

function supplierHit(score: number, doc: SupplierDocument): SupplierSearchHit {
  return {
    id: doc.id,
    score,
    name: doc.name,
    nameEn: doc.nameEn,
    verified: doc.verified,
    designations: doc.designations as Designation[],
    categoryCodes: doc.categoryCodes,
    certificationTypes: doc.certificationTypes,
    plants: doc.plants.map((p) => ({ siteId: p.siteId, name: p.name, regionCode: p.regionCode, lat: p.location.lat, lon: p.location.lng })),
  };
}

function requirementHit(score: number, doc: RequirementDocument): RequirementSearchHit {
  return {
    id: doc.id,
    score,
    title: doc.title,
    status: doc.status as RequirementStatus,
    categoryCode: doc.categoryCode,
    organizationId: doc.organizationId,
    deliveryRegionCode: doc.deliveryRegionCode,
    sopDate: doc.sopDate,
  };
}
