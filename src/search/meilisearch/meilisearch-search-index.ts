import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Hit, type SearchParams, type Task } from 'meilisearch';
import type { RecordAny } from 'meilisearch';
import type { Vocabulary } from '../text/analyzer.js';
import type { RequirementDocument, SupplierDocument } from '../documents.js';
import {
  SearchIndex,
  type DocumentOf,
  type FacetValue,
  type RequirementFilter,
  type SearchIndexName,
  type SearchNear,
  type SearchRequest,
  type SearchResult,
  type SettingsDrift,
  type SupplierFilter,
  SEARCH_INDEXES,
} from '../search-index.port.js';
import { QUERY_LOCALES, desiredSettings, settingsDrift } from './meili-settings.js';

export interface MeilisearchOptions {
  host: string;
  apiKey: string | null;
  /** Prepended to the index names (`zlt_suppliers`); tests use a random one. */
  indexPrefix: string;
  /** How long to wait for a task (settings, documents) to finish. */
  taskTimeoutMs: number;
  /** HTTP timeout of one request. */
  requestTimeoutMs: number;
}

export const DEFAULT_MEILI_OPTIONS = { indexPrefix: 'zlt_', taskTimeoutMs: 30_000, requestTimeoutMs: 10_000 };

const FACET_ATTRIBUTE: Record<SearchIndexName, Record<string, string>> = {
  suppliers: { category: 'categoryPaths', certification: 'certificationTypes', province: 'provinceCodes', city: 'cityCodes', designation: 'designations', verified: 'verified' },
  requirements: { category: 'categoryPaths', status: 'status', province: 'provinceCodes', city: 'cityCodes' },
};

/** The tie-break after relevance (the `sort` ranking rule comes last): see SearchIndex.search. */
export function sortOf(index: SearchIndexName, near: SearchNear | null | undefined): string[] {
  if (index === 'requirements') return ['sopDate:asc', 'id:asc'];
  const geo = near?.location ? [`_geoPoint(${near.location.lat}, ${near.location.lng}):asc`] : [];
  return [...geo, 'verified:desc', 'id:asc'];
}

/** A filter value as a Meilisearch string literal. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function supplierFilterExpressions(filter: SupplierFilter): string[] {
  const expressions: string[] = [];
  if (filter.categoryCode) expressions.push(`categoryPaths = ${quoteFilterValue(filter.categoryCode)}`);
  for (const cert of filter.certifications ?? []) expressions.push(`certificationKeys = ${quoteFilterValue(`${cert.typeCode}:${cert.minRank}`)}`);
  if (filter.regionCode) expressions.push(`regionCodes = ${quoteFilterValue(filter.regionCode)}`);
  if (filter.designations?.length) expressions.push(`designations IN [${filter.designations.map(quoteFilterValue).join(', ')}]`);
  if (filter.verified !== undefined) expressions.push(`verified = ${filter.verified}`);
  return expressions;
}

export function requirementFilterExpressions(filter: RequirementFilter): string[] {
  const expressions: string[] = [];
  if (filter.categoryCode) expressions.push(`categoryPaths = ${quoteFilterValue(filter.categoryCode)}`);
  if (filter.regionCode) expressions.push(`regionCodes = ${quoteFilterValue(filter.regionCode)}`);
  if (filter.statuses) expressions.push(`status IN [${filter.statuses.map(quoteFilterValue).join(', ')}]`);
  if (filter.organizationId) expressions.push(`organizationId = ${quoteFilterValue(filter.organizationId)}`);
  if (filter.visibility.kind === 'openOrOwn') {
    const own = filter.visibility.organizationId;
    expressions.push(own ? `(status = "OPEN" OR organizationId = ${quoteFilterValue(own)})` : `status = "OPEN"`);
  }
  return expressions;
}

/** The document as stored in Meilisearch: `_geo` from its location. */
function toMeili(document: SupplierDocument | RequirementDocument): RecordAny {
  return document.location ? { ...document, _geo: document.location } : { ...document };
}

/** Back to the application's document: Meilisearch's own fields (`_geo`, `_rankingScore`, …) removed. */
function fromMeili<D>(hit: Hit<RecordAny>): D {
  const document: RecordAny = {};
  for (const [key, value] of Object.entries(hit)) if (!key.startsWith('_')) document[key] = value;
  return document as D;
}

/**
 * The Meilisearch adapter (SEARCH_BACKEND=meilisearch). Settings (searchable, filterable and
 * sortable attributes, `_geo`, `localizedAttributes` with `cmn`, synonyms, the Han dictionary,
 * typo tolerance) are applied at start-up and whenever the vocabulary changes, and compared
 * with the live ones by checkSettings. Every write waits for its task; a task that did not
 * succeed throws with Meilisearch's error, so the indexer retries it later.
 */
export class MeilisearchSearchIndex extends SearchIndex {
  readonly backend = 'meilisearch' as const;
  readonly vocabularyInDocuments = false;
  private readonly client: Meilisearch;

  constructor(private readonly options: MeilisearchOptions) {
    super();
    this.client = new Meilisearch({
      host: options.host,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout: options.requestTimeoutMs,
      defaultWaitOptions: { timeout: options.taskTimeoutMs, interval: 50 },
    });
  }

  uid(index: SearchIndexName): string {
    return `${this.options.indexPrefix}${index}`;
  }

  private async waitFor(what: string, enqueued: EnqueuedTaskPromise): Promise<Task> {
    const task = await enqueued.waitTask();
    if (task.status !== 'succeeded') {
      const reason = task.error ? `${task.error.message} [${task.error.code}]` : 'no error given';
      throw new Error(`Meilisearch task ${task.uid} (${what}) ${task.status}: ${reason}`);
    }
    return task;
  }

  private async ensureIndex(index: SearchIndexName): Promise<void> {
    try {
      await this.client.getRawIndex(this.uid(index));
    } catch (error) {
      if (!(error instanceof MeilisearchApiError) || error.cause?.code !== 'index_not_found') throw error;
      await this.waitFor(`create index ${this.uid(index)}`, this.client.createIndex(this.uid(index), { primaryKey: 'id' }));
    }
  }

  async applySettings(vocabulary: Vocabulary): Promise<void> {
    for (const index of SEARCH_INDEXES) {
      await this.ensureIndex(index);
      await this.waitFor(`settings of ${this.uid(index)}`, this.client.index(this.uid(index)).updateSettings(desiredSettings(index, vocabulary)));
    }
  }

  async checkSettings(vocabulary: Vocabulary): Promise<SettingsDrift[]> {
    const drift: SettingsDrift[] = [];
    for (const index of SEARCH_INDEXES) {
      try {
        const actual = await this.client.index(this.uid(index)).getSettings();
        drift.push(...settingsDrift(index, desiredSettings(index, vocabulary), actual));
      } catch (error) {
        if (!(error instanceof MeilisearchApiError) || error.cause?.code !== 'index_not_found') throw error;
        drift.push({ index, setting: 'index', expected: 'exists', actual: 'missing' });
      }
    }
    return drift;
  }

  async upsert<I extends SearchIndexName>(index: I, documents: readonly DocumentOf<I>[]): Promise<void> {
    if (documents.length === 0) return;
    const body = documents.map((d) => toMeili(d as SupplierDocument | RequirementDocument));
    await this.waitFor(`add documents to ${this.uid(index)}`, this.client.index(this.uid(index)).addDocuments(body, { primaryKey: 'id' }));
  }

  async delete(index: SearchIndexName, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.waitFor(`delete documents from ${this.uid(index)}`, this.client.index(this.uid(index)).deleteDocuments([...ids]));
  }

  async allIds(index: SearchIndexName): Promise<string[]> {
    const ids: string[] = [];
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.client.index(this.uid(index)).getDocuments<{ id: string }>({ fields: ['id'], limit, offset });
      ids.push(...page.results.map((d) => d.id));
      if (page.results.length < limit) return ids.sort();
    }
  }

  private filterOf(index: SearchIndexName, filter: SupplierFilter | RequirementFilter): string[] {
    return index === 'suppliers' ? supplierFilterExpressions(filter as SupplierFilter) : requirementFilterExpressions(filter as RequirementFilter);
  }

  async search<I extends SearchIndexName>(index: I, request: SearchRequest<I>): Promise<SearchResult<I>> {
    const text = request.text.trim();
    const attributes = FACET_ATTRIBUTE[index];
    // Page mode gives an exact total (totalHits); offsets off the page grid fall back to an estimate.
    const paging = request.offset % request.limit === 0 ? { page: request.offset / request.limit + 1, hitsPerPage: request.limit } : { offset: request.offset, limit: request.limit };
    const params: SearchParams = {
      filter: this.filterOf(index, request.filter),
      sort: sortOf(index, request.near),
      facets: request.facets.map((f) => attributes[f]),
      // All words first, then fewer, dropping from the end of the query.
      matchingStrategy: 'last',
      showRankingScore: true,
      locales: QUERY_LOCALES,
      ...paging,
    };
    const response = await this.client.index(this.uid(index)).search(text, params);
    const facets: Record<string, FacetValue[]> = {};
    for (const facet of request.facets) {
      const distribution = response.facetDistribution?.[attributes[facet]] ?? {};
      facets[facet] = Object.entries(distribution)
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    return {
      hits: response.hits.map((hit) => ({ id: String(hit.id), score: text ? clamp(hit._rankingScore) : 0, document: fromMeili<DocumentOf<I>>(hit) })),
      total: totalOf(response),
      totalIsEstimate: (response as { totalHits?: number }).totalHits === undefined,
      facets: facets as SearchResult<I>['facets'],
    };
  }

  async relevance(index: SearchIndexName, text: string, ids: readonly string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>(ids.map((id) => [id, 0]));
    if (ids.length === 0 || text.trim() === '') return result;
    const response = await this.client.index(this.uid(index)).search(text, {
      filter: [`id IN [${ids.map(quoteFilterValue).join(', ')}]`],
      limit: ids.length,
      // Any words of a long requirement text may match; more matched words rank higher.
      matchingStrategy: 'last',
      showRankingScore: true,
      attributesToRetrieve: ['id'],
      locales: QUERY_LOCALES,
    });
    for (const hit of response.hits) result.set(String(hit.id), clamp(hit._rankingScore));
    return result;
  }
}

/** totalHits in page mode (exact), estimatedTotalHits in offset mode. */
function totalOf(response: { hits: unknown[] }): number {
  const counts = response as { totalHits?: number; estimatedTotalHits?: number };
  return counts.totalHits ?? counts.estimatedTotalHits ?? response.hits.length;
}

function clamp(score: number | undefined): number {
  return Math.min(1, Math.max(0, score ?? 0));
}
