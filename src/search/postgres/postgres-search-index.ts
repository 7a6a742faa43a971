import type { DataSource, QueryRunner } from 'typeorm';
import { TextAnalyzer, oneEditVariants, type Vocabulary } from '../text/analyzer.js';
import type { RequirementDocument, SupplierDocument } from '../documents.js';
import {
  SearchIndex,
  type DocumentOf,
  type FacetValue,
  type PreparedRelevance,
  type RelevanceConcept,
  type SearchIndexName,
  type SearchNear,
  type SearchRequest,
  type SearchResult,
  type SettingsDrift,
} from '../search-index.port.js';
import {
  INHERITED_SCORE,
  NAME_SCORE,
  OTHER_SCORE,
  PROXIMITY_SHARE,
  REQUIREMENT_FACET_PREFIX,
  STRONG_SCORE,
  proximityTsquery,
  SUPPLIER_FACET_PREFIX,
  correctedTsquery,
  facetKeys,
  matchTsquery,
  pickCorrections,
  requirementConditions,
  requirementKeys,
  requirementText,
  supplierConditions,
  supplierKeys,
  supplierText,
  typoFactor,
  type CorrectedConcept,
  type Correction,
  type KeyConditions,
} from './pg-query.js';

const TABLES: Record<SearchIndexName, string> = { suppliers: 'search_suppliers', requirements: 'search_requirements' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Concepts considered in a search box query, and in a requirement's text for relevance. */
const QUERY_CONCEPTS = 12;
const RELEVANCE_CONCEPTS = 32;
const UPSERT_BATCH = 500;
/**
 * Broad queries: matches are counted (and faceted) exactly up to COUNT_CAP; beyond it the
 * total is COUNT_CAP, marked as an estimate (a lower bound), and facets count the first
 * COUNT_CAP matches found. Only the first SCORE_CAP matches found (in table order) are scored
 * and ranked. Both keep a query naming a focus area (40% of the index) within its time budget.
 */
export const COUNT_CAP = 2_000;
export const SCORE_CAP = 500;

/** Collects positional parameters for one SQL statement. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

interface UpsertRow {
  id: string;
  document: SupplierDocument | RequirementDocument;
  lexemes: string;
  strong: string;
  filter_keys: string[];
  facet_keys: string[];
  sort_key: string;
}

/**
 * The PostgreSQL adapter (the default): documents in `search_suppliers` and
 * `search_requirements`, text matched through the analyzer's lexemes (GIN on a `simple`
 * tsvector), filters and facets from one GIN-indexed key array.
 *
 * Typos: every Latin word indexed goes into `search_lexicon`. A query word of four letters
 * or more that the lexicon does not hold is corrected to the lexicon words one edit away
 * (oneEditVariants, looked up by primary key): seet finds seat, brak-by-wire brake-by-wire.
 * Nothing further away is guessed, so airbag does not drift to air (suspension).
 *
 * A query matches when each of its concepts matches (by a lexeme of the concept, of one of
 * its synonyms, or of a correction). When no document matches them all, the last concept is
 * dropped and the query retried, down to the first one (Meilisearch's `matchingStrategy:
 * last`). The score, in [0, 1], is the mean worth of the query's concepts (see NAME_SCORE;
 * unmatched dropped concepts count 0) with a share for proximity. Ties: suppliers nearest the
 * searcher first (same county, city, province), then verified, then by id; requirements by
 * SOP date.
 */
export class PostgresSearchIndex extends SearchIndex {
  readonly backend = 'postgres' as const;
  readonly vocabularyInDocuments = true;
  private analyzer: TextAnalyzer | null = null;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async applySettings(vocabulary: Vocabulary): Promise<void> {
    this.analyzer = new TextAnalyzer(vocabulary);
  }

  /** The tables come from migrations; the vocabulary lives in this process. Nothing can drift. */
  async checkSettings(): Promise<SettingsDrift[]> {
    return [];
  }

  private get textAnalyzer(): TextAnalyzer {
    if (!this.analyzer) throw new Error('PostgresSearchIndex: applySettings() has not been called');
    return this.analyzer;
  }

  async upsert<I extends SearchIndexName>(index: I, documents: readonly DocumentOf<I>[]): Promise<void> {
    for (let start = 0; start < documents.length; start += UPSERT_BATCH) {
      const rows = documents.slice(start, start + UPSERT_BATCH).map((doc) => this.row(index, doc));
      await this.dataSource.query(
        `INSERT INTO ${TABLES[index]} (id, document, lexemes, strong, filter_keys, facet_keys, sort_key, indexed_at)
         SELECT id, document, lexemes, strong, filter_keys, facet_keys, sort_key, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, document jsonb, lexemes tsvector, strong tsvector, filter_keys text[], facet_keys text[], sort_key text)
         ON CONFLICT (id) DO UPDATE SET document = excluded.document, lexemes = excluded.lexemes, strong = excluded.strong, filter_keys = excluded.filter_keys,
           facet_keys = excluded.facet_keys, sort_key = excluded.sort_key, indexed_at = now()`,
        [JSON.stringify(rows.map((r) => r.row))],
      );
      const words = [...new Set(rows.flatMap((r) => r.words))].sort();
      // Sorted, so that concurrent writers take the lexicon's key locks in the same order.
      if (words.length) await this.dataSource.query(`INSERT INTO search_lexicon (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [words]);
    }
  }

  private row(index: SearchIndexName, doc: SupplierDocument | RequirementDocument): { row: UpsertRow; words: string[] } {
    if (index === 'suppliers') {
      const supplier = doc as SupplierDocument;
      const text = supplierText(supplier, this.textAnalyzer);
      const keys = supplierKeys(supplier);
      return {
        row: { id: supplier.id, document: supplier, lexemes: text.lexemes, strong: text.strong, filter_keys: keys, facet_keys: facetKeys(keys, SUPPLIER_FACET_PREFIX), sort_key: clip(supplier.name) },
        words: text.words,
      };
    }
    const requirement = doc as RequirementDocument;
    const text = requirementText(requirement, this.textAnalyzer);
    const keys = requirementKeys(requirement);
    return {
      row: { id: requirement.id, document: requirement, lexemes: text.lexemes, strong: text.strong, filter_keys: keys, facet_keys: facetKeys(keys, REQUIREMENT_FACET_PREFIX), sort_key: clip(`${requirement.sopDate} ${requirement.title}`) },
      words: text.words,
    };
  }

  /** Corrections for the concepts that may be typos: lexicon words one edit away from a word the lexicon does not hold. */
  private async corrected(text: string, limit: number): Promise<CorrectedConcept[]> {
    const concepts = this.textAnalyzer.query(text, limit);
    const words = [...new Set(concepts.map((c) => c.fuzzy).filter((w): w is string => w !== null))];
    if (words.length === 0) return concepts.map((concept) => ({ concept, corrections: [] }));
    // Most query words are in the lexicon: one cheap lookup, and variants only for the rest.
    const known: { word: string }[] = await this.dataSource.query(`SELECT word FROM search_lexicon WHERE word = ANY($1::text[])`, [words]);
    const knownWords = new Set(known.map((k) => k.word));
    const missing = words.filter((w) => !knownWords.has(w));
    if (missing.length === 0) return concepts.map((concept) => ({ concept, corrections: [] }));
    const queries: string[] = [];
    const variants: string[] = [];
    for (const word of missing) {
      for (const variant of oneEditVariants(word)) {
        queries.push(word);
        variants.push(variant);
      }
    }
    const rows: { query: string; word: string }[] = await this.dataSource.query(
      `SELECT v.query, l.word FROM unnest($1::text[], $2::text[]) AS v(query, variant) JOIN search_lexicon l ON l.word = v.variant`,
      [queries, variants],
    );
    const byWord = new Map<string, Correction[]>();
    for (const row of rows) byWord.set(row.query, [...(byWord.get(row.query) ?? []), { word: row.word }]);
    return concepts.map((concept) => {
      const found = concept.fuzzy ? (byWord.get(concept.fuzzy) ?? []) : [];
      // Words of the domain dictionary first: seet → seat (a taxonomy keyword), not set or seen.
      const inDictionary = found.filter((c) => this.textAnalyzer.isDictionaryWord(c.word));
      const corrections = pickCorrections(inDictionary.length ? inDictionary : found);
      // A corrected word is searched as if typed: with its prefixes and synonyms (seet → seat, seating, 座椅).
      const alternatives = [...concept.alternatives, ...corrections.flatMap((c) => this.textAnalyzer.query(c.word, 1)[0]?.alternatives ?? [])];
      return { concept: { ...concept, alternatives }, corrections };
    });
  }

  async delete(index: SearchIndexName, ids: readonly string[]): Promise<void> {
    const valid = ids.filter((id) => UUID.test(id));
    if (valid.length === 0) return;
    await this.dataSource.query(`DELETE FROM ${TABLES[index]} WHERE id = ANY($1::uuid[])`, [valid]);
  }

  async allIds(index: SearchIndexName): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM ${TABLES[index]} ORDER BY id`);
    return rows.map((r) => r.id);
  }

  async search<I extends SearchIndexName>(index: I, request: SearchRequest<I>): Promise<SearchResult<I>> {
    const concepts = await this.corrected(request.text, QUERY_CONCEPTS);
    // A query of only stop words or punctuation finds nothing rather than everything.
    if (request.text.trim() !== '' && concepts.length === 0) return { hits: [], total: 0, facets: {} };
    // All concepts first; while nothing matches, drop the last one (matchingStrategy: last).
    for (let required = concepts.length; ; required--) {
      const result = await this.searchWith(index, request, concepts, required);
      if (result.total > 0 || required <= 1) return result;
    }
  }

  private async searchWith<I extends SearchIndexName>(index: I, request: SearchRequest<I>, concepts: CorrectedConcept[], required: number): Promise<SearchResult<I>> {
    const conditions = index === 'suppliers' ? supplierConditions(request.filter as SupplierRequestFilter) : requirementConditions(request.filter as RequirementRequestFilter);
    const table = TABLES[index];
    const matching = concepts.slice(0, required);

    const params = new Params();
    const where = [...keyConditionsSql(conditions, params), ...(matching.length ? [`lexemes @@ ${params.add(matchTsquery(matching))}::tsquery`] : [])];
    const score = matching.length ? matchedScoreSql(matching, concepts.length, params) : '0';
    const tieBreak = index === 'suppliers' ? supplierTieBreakSql(request.near ?? null, params) : 'sort_key';
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = params.add(request.limit);
    const offset = params.add(request.offset);
    const prefixes: Record<string, string> = index === 'suppliers' ? SUPPLIER_FACET_PREFIX : REQUIREMENT_FACET_PREFIX;
    const wanted = request.facets.map((name) => ({ name, prefix: prefixes[name] }));
    const allFacets = new Set(wanted.map((w) => w.prefix)).size === new Set(Object.values(prefixes)).size;
    const facetFilter = wanted.length === 0 || allFacets ? '' : `WHERE left(k, 2) = ANY(${params.add(wanted.map((w) => w.prefix))}::text[])`;
    const countCap = params.add(COUNT_CAP + 1);
    const scoreCap = params.add(Math.max(SCORE_CAP, request.offset + request.limit));
    // One statement: the matches are found (up to COUNT_CAP + 1), the first SCORE_CAP of them
    // scored, then paged, counted and faceted.
    const [row]: { total: number; hits: { id: string; score: number; document: DocumentOf<I> }[]; facets: Record<string, number> | null }[] = await this.withIndexPlans((runner) =>
      runner.query(
        `WITH matched AS MATERIALIZED (SELECT id, strong, filter_keys, sort_key${wanted.length ? ', facet_keys' : ''} FROM ${table} ${whereSql} LIMIT ${countCap}),
              scored AS MATERIALIZED (SELECT id, ${tieBreak} AS tie, ${score} AS score FROM (SELECT * FROM matched LIMIT ${scoreCap}) m),
              page AS (SELECT id, tie, score FROM scored ORDER BY score DESC, tie, id LIMIT ${limit} OFFSET ${offset})
         SELECT (SELECT count(*)::int FROM matched) AS total,
                (SELECT coalesce(json_agg(json_build_object('id', p.id, 'score', p.score::float8, 'document', t.document) ORDER BY p.score DESC, p.tie, p.id), '[]')
                 FROM page p JOIN ${table} t ON t.id = p.id) AS hits,
                ${wanted.length ? `(SELECT json_object_agg(k, n) FROM (SELECT k, count(*)::int AS n FROM (SELECT unnest(facet_keys) AS k FROM matched) u ${facetFilter} GROUP BY k) f)` : 'NULL'} AS facets`,
        params.values,
      ),
    );
    const facets: Record<string, FacetValue[]> = {};
    for (const { name, prefix } of wanted) {
      facets[name] = Object.entries(row.facets ?? {})
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, count]) => ({ value: key.slice(prefix.length), count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    return {
      hits: row.hits.map((hit) => ({ id: hit.id, score: clamp(hit.score), document: hit.document })),
      total: Math.min(row.total, COUNT_CAP),
      totalIsEstimate: row.total > COUNT_CAP,
      facets: facets as SearchResult<I>['facets'],
    };
  }

  /**
   * Runs the search statements in a read-only transaction that keeps the planner on the GIN
   * indexes: its row estimates for OR-heavy tsqueries are poor and a sequential scan tests
   * every document. JIT is off too: compiling costs more than these queries take.
   */
  private async withIndexPlans<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN READ ONLY; SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL jit = off');
      const result = await work(runner);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  async relevance(index: SearchIndexName, text: string, ids: readonly string[]): Promise<Map<string, number>> {
    if (!ids.some((id) => UUID.test(id))) return new Map<string, number>(ids.map((id) => [id, 0]));
    return this.scored(index, await this.corrected(text, RELEVANCE_CONCEPTS), ids);
  }

  /** The concepts of `text` with the corrections the lexicon gives now, stated for scoring in process (`RelevanceConcept`). */
  override async prepareRelevance(index: SearchIndexName, text: string): Promise<PreparedRelevance> {
    void index;
    const corrected = await this.corrected(text, RELEVANCE_CONCEPTS);
    const concepts = corrected.map(relevanceConcept);
    return { text, concepts, key: JSON.stringify(concepts), native: corrected };
  }

  override relevanceFor(index: SearchIndexName, prepared: PreparedRelevance, ids: readonly string[]): Promise<Map<string, number>> {
    const corrected = prepared.native as CorrectedConcept[] | undefined;
    return corrected ? this.scored(index, corrected, ids) : this.relevance(index, prepared.text, ids);
  }

  private async scored(index: SearchIndexName, concepts: CorrectedConcept[], ids: readonly string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>(ids.map((id) => [id, 0]));
    const valid = ids.filter((id) => UUID.test(id));
    if (valid.length === 0) return result;
    if (concepts.length === 0) return result;
    const params = new Params();
    const idParam = params.add(valid);
    const rows: { id: string; score: number }[] = await this.dataSource.query(
      `SELECT id, (${scoreSql(concepts, params)})::float8 AS score FROM ${TABLES[index]} WHERE id = ANY(${idParam}::uuid[])`,
      params.values,
    );
    for (const row of rows) result.set(row.id, clamp(row.score));
    return result;
  }
}

type SupplierRequestFilter = Parameters<typeof supplierConditions>[0];
type RequirementRequestFilter = Parameters<typeof requirementConditions>[0];

function clip(text: string): string {
  return text.length > 200 ? text.slice(0, 200) : text;
}

function clamp(score: number): number {
  return Math.min(1, Math.max(0, Number(score) || 0));
}

function keyConditionsSql(conditions: KeyConditions, params: Params): string[] {
  const sql: string[] = [];
  if (conditions.all.length) sql.push(`filter_keys @> ${params.add(conditions.all)}::text[]`);
  for (const any of conditions.anyOf) sql.push(`filter_keys && ${params.add(any)}::text[]`);
  return sql;
}

/** A concept's worths as the SQL literals: name, held (strong B), strong (any weight), other; 4 decimals. */
function worthLiterals(c: CorrectedConcept): [string, string, string, string] {
  const factor = typoFactor(c);
  return [NAME_SCORE, STRONG_SCORE, INHERITED_SCORE, OTHER_SCORE].map((score) => (score * factor).toFixed(4)) as [string, string, string, string];
}

/** The concept as `conceptWorthSql` scores it, for scoring in process: its corrections are alternatives of one lexeme. */
function relevanceConcept(c: CorrectedConcept): RelevanceConcept {
  const alternatives = [...c.concept.alternatives.map((alt) => alt.map((l) => ({ value: l.value, prefix: l.prefix }))), ...c.corrections.map((fix) => [{ value: fix.word, prefix: false }])];
  const [name, held, strong, other] = worthLiterals(c).map((literal) => Math.round(Number(literal) * 10_000));
  return { alternatives, worths: [name, held, strong, other] };
}

/** A concept's worth in a row, by the strongest field it matched in; `other` when it matched only elsewhere. */
function conceptWorthSql(c: CorrectedConcept, params: Params, other: string): string {
  const [nameWorth, heldWorth, strongWorth, otherWorth] = worthLiterals(c);
  const name = params.add(correctedTsquery(c, 'A'));
  const held = params.add(correctedTsquery(c, 'B'));
  const strong = params.add(correctedTsquery(c));
  return `(CASE WHEN strong @@ ${name}::tsquery THEN ${nameWorth} WHEN strong @@ ${held}::tsquery THEN ${heldWorth}
    WHEN strong @@ ${strong}::tsquery THEN ${strongWorth} ELSE ${other.replace('$WORTH', otherWorth)} END)`;
}

/**
 * The score of a row the WHERE clause matched (so each of the `matching` concepts matched
 * somewhere): their worth over the query's `total` concepts, the rest counting 0, and with
 * two concepts or more a proximity share. Only the small inline strong vector is read: the
 * full lexemes stay in TOAST.
 */
function matchedScoreSql(matching: CorrectedConcept[], total: number, params: Params): string {
  const parts = matching.map((c) => conceptWorthSql(c, params, '$WORTH'));
  const worth = `((${parts.join(' + ')}) / ${total}.0)`;
  if (total < 2) return worth;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < matching.length; i++) pairs.push(`(CASE WHEN strong @@ ${params.add(proximityTsquery(matching[i], matching[i + 1]))}::tsquery THEN 1 ELSE 0 END)`);
  const near = pairs.length ? `((${pairs.join(' + ')}) / ${total - 1}.0)` : '0';
  return `(${worth} * ${(1 - PROXIMITY_SHARE).toFixed(4)} + ${near} * ${PROXIMITY_SHARE.toFixed(4)})`;
}

/** The same worth for any row (relevance of given ids): a concept matched nowhere is worth 0. */
function scoreSql(concepts: CorrectedConcept[], params: Params): string {
  const parts = concepts.map((c) => {
    const any = params.add(correctedTsquery(c));
    return conceptWorthSql(c, params, `(CASE WHEN lexemes @@ ${any}::tsquery THEN $WORTH ELSE 0 END)`);
  });
  return `((${parts.join(' + ')}) / ${concepts.length}.0)`;
}

/**
 * The supplier tie-break, ascending: 0 for a plant in the searcher's county, 1 city, 2
 * province, 3 elsewhere (or no searcher location), plus 4 when not verified; then by id.
 */
function supplierTieBreakSql(near: SearchNear | null, params: Params): string {
  const verified = `(CASE WHEN filter_keys @> '{v:true}'::text[] THEN 0 ELSE 4 END)`;
  if (!near?.regionCodes.length) return verified;
  const tiers = near.regionCodes.map((code, i) => `WHEN filter_keys @> ARRAY[${params.add(`r:${code}`)}::text] THEN ${i}`).join(' ');
  return `(CASE ${tiers} ELSE ${near.regionCodes.length} END * 8 + ${verified})`;
}
