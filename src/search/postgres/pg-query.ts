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
 * What a matched concept is worth: STRONG when it matched in the name or title (A) or the
 * categories and products (B), OTHER when only in descriptions (C) or specs (D); a concept
 * found only through typo corrections is worth TYPO_FACTOR × the best correction's trigram
 * similarity times that. Two tiers keep scoring to one test per concept and row, on the
 * small strong vector.
 */
export const STRONG_WEIGHTS = 'AB';
export const STRONG_SCORE = 1;
export const OTHER_SCORE = 0.75;
export const TYPO_FACTOR = 0.5;

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

/** A lexicon word close to a query word that no document has: what the user probably meant. */
export interface Correction {
  word: string;
  similarity: number;
}

/** A query concept with the typo corrections found for it (none for most). */
export interface CorrectedConcept {
  concept: QueryConcept;
  corrections: Correction[];
}

/** Corrections worth trying: similarity at least MIN_CORRECTION, and close to the best one. */
export const MIN_CORRECTION = 0.35;
const CORRECTION_SPREAD = 0.1;
const MAX_CORRECTIONS = 3;

export function pickCorrections(candidates: Correction[]): Correction[] {
  const sorted = [...candidates].sort((a, b) => b.similarity - a.similarity || a.word.localeCompare(b.word));
  const best = sorted[0]?.similarity ?? 0;
  return sorted.filter((c) => c.similarity >= MIN_CORRECTION && c.similarity >= best - CORRECTION_SPREAD).slice(0, MAX_CORRECTIONS);
}

export function correctionsTsquery(corrections: readonly Correction[]): string {
  return corrections.map((c) => quote(c.word)).join(' | ');
}

/** The concept's own alternatives or its corrections, as one tsquery. */
export function correctedTsquery({ concept, corrections }: CorrectedConcept): string {
  return corrections.length ? `${conceptTsquery(concept)} | ${correctionsTsquery(corrections)}` : conceptTsquery(concept);
}

/** What a match of this concept is worth beyond its field: 1, or the typo factor for a corrected word. */
export function typoFactor({ corrections }: CorrectedConcept): number {
  return corrections.length ? TYPO_FACTOR * Math.max(...corrections.map((c) => c.similarity)) : 1;
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

export function supplierText(doc: SupplierDocument, analyzer: TextAnalyzer): IndexedText {
  const fields = {
    A: [doc.name, doc.nameEn ?? ''],
    B: [...doc.categoryNames, ...doc.products],
    C: doc.descriptions,
    D: [...doc.specs, ...doc.certificationTypes],
  };
  return indexedText(fields, analyzer);
}

export function requirementText(doc: RequirementDocument, analyzer: TextAnalyzer): IndexedText {
  return indexedText({ A: [doc.title], B: doc.categoryNames, C: [doc.description], D: doc.specs }, analyzer);
}

function indexedText(fields: Record<Weight, string[]>, analyzer: TextAnalyzer): IndexedText {
  const lexemes: Partial<Record<Weight, string[]>> = {};
  for (const weight of WEIGHT_ORDER) lexemes[weight] = fields[weight].flatMap((text) => analyzer.documentLexemes(text));
  const words = [...new Set(WEIGHT_ORDER.flatMap((w) => lexemes[w] ?? []).filter(isLexiconWord))];
  const strong: string[] = [];
  let bytes = 0;
  for (const lexeme of new Set([...(lexemes.A ?? []), ...(lexemes.B ?? [])])) {
    bytes += Buffer.byteLength(lexeme) + 8;
    if (strong.length >= MAX_STRONG_LEXEMES || bytes > MAX_STRONG_BYTES) break;
    strong.push(lexeme);
  }
  return { lexemes: tsvectorLiteral(lexemes), strong: tsvectorLiteral({ A: strong }), words };
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
