/**
 * Pure helpers of the PostgreSQL adapter: tsvector and tsquery literals, filter keys, and the
 * per-concept scoring rules. No database here; postgres-search-index.ts runs the SQL.
 */
import { isLexiconWord, type QueryConcept, type QueryLexeme, type TextAnalyzer } from '../text/analyzer.js';
import type { RequirementDocument, SupplierDocument } from '../documents.js';
import type { RequirementFacet, RequirementFilter, SupplierFacet, SupplierFilter } from '../search-index.port.js';

export type Weight = 'A' | 'B' | 'C' | 'D';
const WEIGHT_ORDER: Weight[] = ['A', 'B', 'C', 'D'];

/**
 * What a matched concept is worth, by the strongest field it matched in: the name (A, in the
 * strong vector at weight A), the category names and products (B, in the strong vector at
 * weight B), an inherited (ancestor) category name (INHERITED, weight C: 线控底盘 for a
 * brake-by-wire maker), or only descriptions and specs (OTHER). A concept found only through a typo
 * correction (one edit) or a Chinese near-miss is worth TYPO_FACTOR times that.
 *
 * Proximity: with two or more concepts, PROXIMITY_SHARE of the score is the share of
 * neighbouring concept pairs found in one and the same name, category name or product
 * ("brake controller" in one product beats "brake pads" next to "seat controller").
 */
export const NAME_SCORE = 1;
export const STRONG_SCORE = 0.9;
export const INHERITED_SCORE = 0.8;
export const OTHER_SCORE = 0.6;
export const TYPO_FACTOR = 0.8;
export const PROXIMITY_SHARE = 0.15;

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A tsvector literal: each lexeme once, at position 1, with the strongest weight it has. */
export function tsvectorLiteral(fields: Partial<Record<Weight, string[]>>): string {
  const best = new Map<string, Weight>();
  for (const weight of WEIGHT_ORDER) {
    for (const lexeme of fields[weight] ?? []) if (!best.has(lexeme)) best.set(lexeme, weight);
  }
  return [...best].map(([lexeme, weight]) => `${quote(lexeme)}:1${weight}`).join(' ');
}

function lexemeQuery(lexeme: QueryLexeme, weights: string): string {
  const flags = `${lexeme.prefix ? '*' : ''}${weights}`;
  return flags ? `${quote(lexeme.value)}:${flags}` : quote(lexeme.value);
}

/** The concept as a tsquery: any alternative, each an AND of lexemes, optionally limited to weights. */
export function conceptTsquery(concept: QueryConcept, weights = ''): string {
  return concept.alternatives.map((alt) => `(${alt.map((l) => lexemeQuery(l, weights)).join(' & ')})`).join(' | ');
}

/** A lexicon word one edit away from a query word that no document has: what the user probably meant. */
export interface Correction {
  word: string;
}

/** A query concept with the typo corrections found for it (none for most). */
export interface CorrectedConcept {
  concept: QueryConcept;
  corrections: Correction[];
}

/** At most this many corrections per word, in code-point order. */
const MAX_CORRECTIONS = 5;

/** The lexicon words one edit away from a typed word (found by oneEditVariants), in a stable order. */
export function pickCorrections(candidates: Correction[]): Correction[] {
  return [...candidates].sort((a, b) => a.word.localeCompare(b.word)).slice(0, MAX_CORRECTIONS);
}

/** The concept's own alternatives or its corrections, as one tsquery, optionally limited to weights. */
export function correctedTsquery({ concept, corrections }: CorrectedConcept, weights = ''): string {
  if (!corrections.length) return conceptTsquery(concept, weights);
  const fixes = corrections.map((c) => (weights ? `${quote(c.word)}:${weights}` : quote(c.word))).join(' | ');
  return `${conceptTsquery(concept, weights)} | ${fixes}`;
}

/** What a match of this concept is worth beyond its field: 1, or the typo factor for a corrected word or a Chinese near-miss. */
export function typoFactor({ concept, corrections }: CorrectedConcept): number {
  return corrections.length || concept.nearMiss ? TYPO_FACTOR : 1;
}

/** Two neighbouring concepts in one and the same strong value (position): the proximity test. */
export function proximityTsquery(left: CorrectedConcept, right: CorrectedConcept): string {
  return `(${correctedTsquery(left)}) <0> (${correctedTsquery(right)})`;
}

/** Every concept, each by its own alternatives or its corrections: one GIN probe for the whole query. */
export function matchTsquery(concepts: readonly CorrectedConcept[]): string {
  return concepts.map((c) => `(${correctedTsquery(c)})`).join(' & ');
}

/**
 * Text fields of a document: every lexeme, weighted (the GIN-indexed match column); the
 * strong fields' lexemes alone (a small vector kept in the row, for scoring); and the Latin
 * words for the typo lexicon.
 */
export interface IndexedText {
  lexemes: string;
  strong: string;
  words: string[];
}

/** Bounds on the strong vector, which stays inline in the row. */
const MAX_STRONG_LEXEMES = 200;
const MAX_STRONG_BYTES = 4000;
const MAX_STRONG_POSITIONS = 200;
const MAX_POSITIONS_PER_LEXEME = 16;

export function supplierText(doc: SupplierDocument, analyzer: TextAnalyzer): IndexedText {
  const fields = {
    A: [doc.name, doc.nameEn ?? ''],
    B: [...doc.categoryNames, ...(doc.parentCategoryNames ?? []), ...doc.products],
    C: doc.descriptions,
    D: [...doc.specs, ...doc.certificationTypes, ...(doc.certificationNames ?? [])],
  };
  return indexedText(fields, analyzer, [...doc.categoryNames, ...doc.products], doc.parentCategoryNames ?? []);
}

export function requirementText(doc: RequirementDocument, analyzer: TextAnalyzer): IndexedText {
  const parents = doc.parentCategoryNames ?? [];
  return indexedText({ A: [doc.title], B: [...doc.categoryNames, ...parents], C: [doc.description], D: doc.specs }, analyzer, doc.categoryNames, parents);
}

function indexedText(fields: Record<Weight, string[]>, analyzer: TextAnalyzer, strongValues: string[], inherited: string[]): IndexedText {
  const lexemes: Partial<Record<Weight, string[]>> = {};
  for (const weight of WEIGHT_ORDER) lexemes[weight] = fields[weight].flatMap((text) => analyzer.documentLexemes(text));
  const words = [...new Set(WEIGHT_ORDER.flatMap((w) => lexemes[w] ?? []).filter(isLexiconWord))];
  return { lexemes: tsvectorLiteral(lexemes), strong: strongLiteral(fields.A, strongValues, inherited, analyzer), words };
}

/**
 * The strong vector: the lexemes of the name fields (weight A), of the category names held and
 * products (weight B) and of the inherited (ancestor) category names (weight C), each value at
 * its own position, so that `<0>` finds two concepts in one value (proximity). Bounded in
 * lexemes and bytes, so that it stays inline in the row.
 */
export function strongLiteral(names: readonly string[], strongValues: readonly string[], inherited: readonly string[], analyzer: TextAnalyzer): string {
  const entries = new Map<string, string[]>();
  let bytes = 0;
  const values = [...names.map((text) => ({ text, weight: 'A' })), ...strongValues.map((text) => ({ text, weight: 'B' })), ...inherited.map((text) => ({ text, weight: 'C' }))].filter(
    (v) => v.text.trim() !== '',
  );
  values.slice(0, MAX_STRONG_POSITIONS).forEach(({ text, weight }, i) => {
    for (const lexeme of analyzer.documentLexemes(text)) {
      const positions = entries.get(lexeme);
      if (positions) {
        if (positions.length < MAX_POSITIONS_PER_LEXEME) {
          positions.push(`${i + 1}${weight}`);
          bytes += 4;
        }
        continue;
      }
      bytes += Buffer.byteLength(lexeme) + 8;
      if (entries.size >= MAX_STRONG_LEXEMES || bytes > MAX_STRONG_BYTES) continue;
      entries.set(lexeme, [`${i + 1}${weight}`]);
    }
  });
  return [...entries].map(([lexeme, positions]) => `${quote(lexeme)}:${positions.join(',')}`).join(' ');
}

/** Filter and facet keys: one GIN-indexed text[] answers every equality filter at once. */
export function supplierKeys(doc: SupplierDocument): string[] {
  return [
    ...doc.categoryPaths.map((c) => `c:${c}`),
    ...doc.certificationTypes.map((t) => `t:${t}`),
    ...doc.certificationKeys.map((k) => `k:${k}`),
    ...doc.regionCodes.map((r) => `r:${r}`),
    ...doc.provinceCodes.map((p) => `p:${p}`),
    ...doc.cityCodes.map((c) => `y:${c}`),
    ...doc.designations.map((d) => `d:${d}`),
    `v:${doc.verified}`,
  ];
}

export function requirementKeys(doc: RequirementDocument): string[] {
  return [
    ...doc.categoryPaths.map((c) => `c:${c}`),
    ...doc.regionCodes.map((r) => `r:${r}`),
    ...doc.provinceCodes.map((p) => `p:${p}`),
    ...doc.cityCodes.map((c) => `y:${c}`),
    `s:${doc.status}`,
    `o:${doc.organizationId}`,
  ];
}

/** The keys facets count: a subset of the filter keys, so that counting unnests as few as it can. */
export function facetKeys(filterKeys: readonly string[], prefixes: Record<string, string>): string[] {
  const wanted = new Set(Object.values(prefixes));
  return filterKeys.filter((k) => wanted.has(k.slice(0, 2)));
}

export const SUPPLIER_FACET_PREFIX: Record<SupplierFacet, string> = { category: 'c:', certification: 't:', province: 'p:', city: 'y:', designation: 'd:', verified: 'v:' };
export const REQUIREMENT_FACET_PREFIX: Record<RequirementFacet, string> = { category: 'c:', status: 's:', province: 'p:', city: 'y:' };

/** A filter as key conditions: all of `all`, and at least one of each `anyOf` set. */
export interface KeyConditions {
  all: string[];
  anyOf: string[][];
}

export function supplierConditions(filter: SupplierFilter): KeyConditions {
  const all: string[] = [];
  const anyOf: string[][] = [];
  if (filter.categoryCode) all.push(`c:${filter.categoryCode}`);
  for (const cert of filter.certifications ?? []) all.push(`k:${cert.typeCode}:${cert.minRank}`);
  if (filter.regionCode) all.push(`r:${filter.regionCode}`);
  if (filter.designations?.length) anyOf.push(filter.designations.map((d) => `d:${d}`));
  if (filter.verified !== undefined) all.push(`v:${filter.verified}`);
  return { all, anyOf };
}

export function requirementConditions(filter: RequirementFilter): KeyConditions {
  const all: string[] = [];
  const anyOf: string[][] = [];
  if (filter.categoryCode) all.push(`c:${filter.categoryCode}`);
  if (filter.regionCode) all.push(`r:${filter.regionCode}`);
  if (filter.statuses) anyOf.push(filter.statuses.map((s) => `s:${s}`));
  if (filter.organizationId) all.push(`o:${filter.organizationId}`);
  if (filter.visibility.kind === 'openOrOwn') {
    anyOf.push(filter.visibility.organizationId ? ['s:OPEN', `o:${filter.visibility.organizationId}`] : ['s:OPEN']);
  }
  return { all, anyOf };
}
