/**
 * The search index as the rest of the application sees it. Two indexes, `suppliers` and
 * `requirements`; two adapters (PostgreSQL, the default, and Meilisearch) behind this one
 * contract, which test/search-contract.e2e-spec.ts checks on both. Nothing outside
 * src/search knows which adapter runs: inject `SearchIndex`.
 */
import type { GeoPoint, RequirementDocument, SupplierDocument } from './documents.js';
import type { Vocabulary } from './text/analyzer.js';

export const SEARCH_INDEXES = ['suppliers', 'requirements'] as const;
export type SearchIndexName = (typeof SEARCH_INDEXES)[number];

export type SearchBackendName = 'postgres' | 'meilisearch';

export interface SupplierFilter {
  /** A category and its whole subtree. */
  categoryCode?: string;
  /** Every listed certification held, valid, at or above `minRank` (levelRank of the minimum; 0 = held). */
  certifications?: { typeCode: string; minRank: number }[];
  /** A plant in this region: a county, city or province code. */
  regionCode?: string;
  /** At least one of these designations. */
  designations?: string[];
  verified?: boolean;
}

export type RequirementVisibility =
  /** Platform admin: every requirement. */
  | { kind: 'all' }
  /** OPEN requirements, plus every requirement of `organizationId` (a buyer's own) when given. */
  | { kind: 'openOrOwn'; organizationId: string | null };

export interface RequirementFilter {
  visibility: RequirementVisibility;
  categoryCode?: string;
  /** The delivery plant in this region (county, city or province code). */
  regionCode?: string;
  statuses?: string[];
  organizationId?: string;
}

export const SUPPLIER_FACETS = ['category', 'certification', 'province', 'city', 'designation', 'verified'] as const;
export type SupplierFacet = (typeof SUPPLIER_FACETS)[number];
export const REQUIREMENT_FACETS = ['category', 'status', 'province', 'city'] as const;
export type RequirementFacet = (typeof REQUIREMENT_FACETS)[number];

export interface IndexTypes {
  suppliers: { document: SupplierDocument; filter: SupplierFilter; facet: SupplierFacet };
  requirements: { document: RequirementDocument; filter: RequirementFilter; facet: RequirementFacet };
}

export type DocumentOf<I extends SearchIndexName> = IndexTypes[I]['document'];

/**
 * Where the searcher is, when known (a buyer's first plant, or a region asked for): the
 * supplier tie-break puts nearer suppliers first among equal scores.
 */
export interface SearchNear {
  /** The searcher's region codes, most specific first (county, city, province). */
  regionCodes: string[];
  /** The searcher's plant, for backends that sort by distance (Meilisearch's _geoPoint). */
  location: GeoPoint | null;
}

export interface SearchRequest<I extends SearchIndexName> {
  /**
   * Free text; empty lists everything the filter lets through. Every concept (word, term) must
   * match; when no document matches them all, the last concept is dropped, and so on down to
   * the first (Meilisearch's `matchingStrategy: last`).
   */
  text: string;
  /** Supplier searches only: the searcher's location, for the tie-break. */
  near?: SearchNear | null;
  filter: IndexTypes[I]['filter'];
  offset: number;
  limit: number;
  facets: readonly IndexTypes[I]['facet'][];
}

export interface SearchHit<D> {
  id: string;
  /** Text relevance in [0, 1]; 0 when the query has no text. */
  score: number;
  document: D;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResult<I extends SearchIndexName> {
  hits: SearchHit<DocumentOf<I>>[];
  /** Documents matching text and filter, over all pages; a lower bound when `totalIsEstimate`. */
  total: number;
  /**
   * True when more documents match than the adapter counts exactly (PostgreSQL: 2,000;
   * Meilisearch: offset paging, its estimatedTotalHits); facet counts are then partial too.
   */
  totalIsEstimate?: boolean;
  /** Counts per value, for each facet asked for, over all matching documents. */
  facets: Partial<Record<IndexTypes[I]['facet'], FacetValue[]>>;
}

/** One index setting that differs from what the application wants. */
export interface SettingsDrift {
  index: SearchIndexName;
  setting: string;
  expected: unknown;
  actual: unknown;
}

/**
 * One concept of a relevance query as the PostgreSQL adapter scores it: it matches a document
 * holding, for some alternative, every lexeme of it (a prefix lexeme: any lexeme starting with
 * its value). Its worth, in ten-thousandths, by where it matched: in the strong vector at
 * weight A (name), at weight B (categories and products), at any weight (inherited category),
 * else anywhere in the lexemes (other); unmatched 0. A document's relevance is the sum of its
 * concepts' worths over the number of concepts (see `relevanceOfUnits`).
 */
export interface RelevanceConcept {
  alternatives: { value: string; prefix: boolean }[][];
  worths: readonly [name: number, held: number, strong: number, other: number];
}

/** See `SearchIndex.prepareRelevance`. Equal keys: equal scoring. */
export interface PreparedRelevance {
  text: string;
  concepts: RelevanceConcept[] | null;
  key: string;
  /** The adapter's own form of the query, for its `relevanceFor`; opaque to callers. */
  native?: unknown;
}

/**
 * The relevance of a document whose concepts are worth `units` ten-thousandths in all, over
 * `concepts` concepts, exactly as PostgreSQL computes `(sum of 4-decimal numerics) / n.0` and
 * casts it to float8: the quotient rounded half up at 20 decimals, then read as a double.
 */
export function relevanceOfUnits(units: number, concepts: number): number {
  if (concepts <= 0 || units <= 0) return 0;
  const scaled = BigInt(units) * 10n ** 16n;
  const n = BigInt(concepts);
  let q = scaled / n;
  if ((scaled % n) * 2n >= n) q += 1n;
  const digits = q.toString().padStart(21, '0');
  const value = Number(`${digits.slice(0, -20)}.${digits.slice(-20)}`);
  return Math.min(1, Math.max(0, value));
}

/** Pagination depth both adapters serve (Meilisearch's pagination.maxTotalHits is set to it). */
export const MAX_SEARCH_DEPTH = 10_000;

export abstract class SearchIndex {
  abstract readonly backend: SearchBackendName;

  /**
   * True when documents are indexed with the vocabulary (the PostgreSQL adapter's dictionary
   * terms), so that a vocabulary change must re-index them; false when the backend applies
   * its settings to stored documents itself (Meilisearch).
   */
  abstract readonly vocabularyInDocuments: boolean;

  /**
   * Text + filters + facets: one page of hits, best first. Ties (and every hit of an empty
   * text): suppliers nearest `near` first (county, then city, then province), then verified,
   * then by id — never by name; requirements by SOP date.
   */
  abstract search<I extends SearchIndexName>(index: I, request: SearchRequest<I>): Promise<SearchResult<I>>;

  /**
   * Text relevance in [0, 1] of each given document to `text` (missing or unmatched: 0). Any
   * part of the text counts (no need to match all of it): this is how matching scores the fit
   * of a supplier to a requirement's title and description.
   */
  abstract relevance(index: SearchIndexName, text: string, ids: readonly string[]): Promise<Map<string, number>>;

  /**
   * The relevance query of `text` prepared once (its concepts and typo corrections, as they
   * stand now), for `relevanceFor` and, when the adapter can state them (PostgreSQL), for
   * scoring in the caller's process: `concepts` says exactly how a document's lexemes are
   * scored. Null concepts: the adapter scores opaquely (Meilisearch).
   */
  async prepareRelevance(index: SearchIndexName, text: string): Promise<PreparedRelevance> {
    void index;
    return { text, concepts: null, key: text };
  }

  /** `relevance` with a prepared query: the same scores as `relevance(index, prepared.text, ids)` at the time of preparing. */
  relevanceFor(index: SearchIndexName, prepared: PreparedRelevance, ids: readonly string[]): Promise<Map<string, number>> {
    return this.relevance(index, prepared.text, ids);
  }

  /** Adds or replaces documents by id. Resolves once they are searchable; throws on failure. */
  abstract upsert<I extends SearchIndexName>(index: I, documents: readonly DocumentOf<I>[]): Promise<void>;

  /** Removes documents by id; unknown ids are ignored. */
  abstract delete(index: SearchIndexName, ids: readonly string[]): Promise<void>;

  /** Every document id in the index (for reindexing: what is there and should not be). */
  abstract allIds(index: SearchIndexName): Promise<string[]>;

  /** Creates indexes as needed and applies the settings (dictionary, synonyms, attributes). */
  abstract applySettings(vocabulary: Vocabulary): Promise<void>;

  /** Where the backend's settings differ from what applySettings would set; empty when in line. */
  abstract checkSettings(vocabulary: Vocabulary): Promise<SettingsDrift[]>;
}
