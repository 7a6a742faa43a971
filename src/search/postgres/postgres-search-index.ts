import type { DataSource } from 'typeorm';
import { TextAnalyzer, type QueryConcept, type Vocabulary } from '../text/analyzer.js';
import type { RequirementDocument, SupplierDocument } from '../documents.js';
import {
  SearchIndex,
  type DocumentOf,
  type FacetValue,
  type SearchIndexName,
  type SearchRequest,
  type SearchResult,
  type SettingsDrift,
} from '../search-index.port.js';
import {
  FIELD_SCORES,
  REQUIREMENT_FACET_PREFIX,
  SUPPLIER_FACET_PREFIX,
  TYPO_FACTOR,
  conceptTsquery,
  requirementConditions,
  requirementKeys,
  requirementText,
  supplierConditions,
  supplierKeys,
  supplierText,
  type KeyConditions,
} from './pg-query.js';

const TABLES: Record<SearchIndexName, string> = { suppliers: 'search_suppliers', requirements: 'search_requirements' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Concepts considered in a search box query, and in a requirement's text for relevance. */
const QUERY_CONCEPTS = 12;
const RELEVANCE_CONCEPTS = 32;
const UPSERT_BATCH = 500;

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
  fuzzy: string;
  filter_keys: string[];
  sort_key: string;
}

/**
 * The PostgreSQL adapter (the default): documents in `search_suppliers` and
 * `search_requirements`, text matched through the analyzer's lexemes (GIN on a `simple`
 * tsvector) and `pg_trgm` word similarity for typos in Latin words, filters and facets from
 * one GIN-indexed key array. A query matches when each of its concepts matches (by a lexeme of
 * the concept or one of its synonyms, or for Latin words by trigram similarity ≥ the pg_trgm
 * word_similarity_threshold, 0.6 by default); its score is the mean of the concepts' worth
 * (see FIELD_SCORES), in [0, 1].
 */
export class PostgresSearchIndex extends SearchIndex {
  readonly backend = 'postgres' as const;
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
        `INSERT INTO ${TABLES[index]} (id, document, lexemes, fuzzy, filter_keys, sort_key, indexed_at)
         SELECT id, document, lexemes, fuzzy, filter_keys, sort_key, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, document jsonb, lexemes tsvector, fuzzy text, filter_keys text[], sort_key text)
         ON CONFLICT (id) DO UPDATE SET document = excluded.document, lexemes = excluded.lexemes, fuzzy = excluded.fuzzy,
           filter_keys = excluded.filter_keys, sort_key = excluded.sort_key, indexed_at = now()`,
        [JSON.stringify(rows)],
      );
    }
  }

  private row(index: SearchIndexName, doc: SupplierDocument | RequirementDocument): UpsertRow {
    if (index === 'suppliers') {
      const supplier = doc as SupplierDocument;
      const text = supplierText(supplier, this.textAnalyzer);
      return { id: supplier.id, document: supplier, ...text, filter_keys: supplierKeys(supplier), sort_key: supplier.name };
    }
    const requirement = doc as RequirementDocument;
    const text = requirementText(requirement, this.textAnalyzer);
    return { id: requirement.id, document: requirement, ...text, filter_keys: requirementKeys(requirement), sort_key: `${requirement.sopDate} ${requirement.title}` };
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
    const concepts = this.textAnalyzer.query(request.text, QUERY_CONCEPTS);
    const conditions = index === 'suppliers' ? supplierConditions(request.filter as SupplierRequestFilter) : requirementConditions(request.filter as RequirementRequestFilter);
    // A query of only stop words or punctuation finds nothing rather than everything.
    if (request.text.trim() !== '' && concepts.length === 0) return { hits: [], total: 0, facets: {} };
    const table = TABLES[index];

    const params = new Params();
    const where = [...keyConditionsSql(conditions, params), ...(concepts.length ? [matchAllSql(concepts, params)] : [])];
    const whereValues = [...params.values];
    const score = concepts.length ? scoreSql(concepts, params) : '0';
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = params.add(request.limit);
    const offset = params.add(request.offset);
    const rows: { id: string; score: number; total: number; document: DocumentOf<I> }[] = await this.dataSource.query(
      `WITH matched AS (SELECT id, sort_key, ${score} AS score FROM ${table} ${whereSql}),
            page AS (SELECT id, sort_key, score, count(*) OVER () AS total FROM matched ORDER BY score DESC, sort_key, id LIMIT ${limit} OFFSET ${offset})
       SELECT p.id, p.score::float8 AS score, p.total::int AS total, t.document
       FROM page p JOIN ${table} t ON t.id = p.id
       ORDER BY p.score DESC, p.sort_key, p.id`,
      params.values,
    );
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && request.offset > 0) {
      const counted: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table} ${whereSql}`, whereValues);
      total = counted[0].n;
    }
    const facets = request.facets.length ? await this.facets(index, request.facets, whereSql, whereValues) : {};
    return {
      hits: rows.map((r) => ({ id: r.id, score: clamp(r.score), document: r.document })),
      total,
      facets: facets as SearchResult<I>['facets'],
    };
  }

  private async facets(index: SearchIndexName, names: readonly string[], whereSql: string, values: unknown[]): Promise<Record<string, FacetValue[]>> {
    const prefixes: Record<string, string> = index === 'suppliers' ? SUPPLIER_FACET_PREFIX : REQUIREMENT_FACET_PREFIX;
    const wanted = names.map((name) => ({ name, prefix: prefixes[name] }));
    const params = [...values, wanted.map((w) => w.prefix)];
    const rows: { key: string; n: number }[] = await this.dataSource.query(
      `SELECT k AS key, count(*)::int AS n
       FROM (SELECT filter_keys FROM ${TABLES[index]} ${whereSql}) m, unnest(m.filter_keys) k
       WHERE left(k, 2) = ANY($${params.length}::text[])
       GROUP BY k`,
      params,
    );
    const result: Record<string, FacetValue[]> = {};
    for (const { name, prefix } of wanted) {
      result[name] = rows
        .filter((r) => r.key.startsWith(prefix))
        .map((r) => ({ value: r.key.slice(prefix.length), count: r.n }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    return result;
  }

  async relevance(index: SearchIndexName, text: string, ids: readonly string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>(ids.map((id) => [id, 0]));
    const valid = ids.filter((id) => UUID.test(id));
    const concepts = this.textAnalyzer.query(text, RELEVANCE_CONCEPTS);
    if (valid.length === 0 || concepts.length === 0) return result;
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

function clamp(score: number): number {
  return Math.min(1, Math.max(0, Number(score) || 0));
}

function keyConditionsSql(conditions: KeyConditions, params: Params): string[] {
  const sql: string[] = [];
  if (conditions.all.length) sql.push(`filter_keys @> ${params.add(conditions.all)}::text[]`);
  for (const any of conditions.anyOf) sql.push(`filter_keys && ${params.add(any)}::text[]`);
  return sql;
}

/** Every concept matches: by lexemes (one GIN probe for all of them when none may fall back to trigrams). */
function matchAllSql(concepts: QueryConcept[], params: Params): string {
  if (concepts.every((c) => c.fuzzy === null)) {
    return `lexemes @@ ${params.add(concepts.map((c) => `(${conceptTsquery(c)})`).join(' & '))}::tsquery`;
  }
  return concepts
    .map((c) => {
      const lexical = `lexemes @@ ${params.add(conceptTsquery(c))}::tsquery`;
      return c.fuzzy === null ? lexical : `(${lexical} OR ${params.add(c.fuzzy)} <% fuzzy)`;
    })
    .join(' AND ');
}

/** The mean over concepts of the best field each matched in (FIELD_SCORES), or its typo score. */
function scoreSql(concepts: QueryConcept[], params: Params): string {
  const parts = concepts.map((c) => {
    const cases = (['A', 'B', 'C', 'D'] as const).map((w) => `WHEN lexemes @@ ${params.add(conceptTsquery(c, w))}::tsquery THEN ${FIELD_SCORES[w]}`);
    if (c.fuzzy !== null) {
      const fuzzy = params.add(c.fuzzy);
      cases.push(`WHEN ${fuzzy} <% fuzzy THEN ${TYPO_FACTOR} * word_similarity(${fuzzy}, fuzzy)`);
    }
    return `(CASE ${cases.join(' ')} ELSE 0 END)`;
  });
  return `((${parts.join(' + ')}) / ${concepts.length}.0)`;
}
