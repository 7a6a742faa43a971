/**
 * Pure helpers of the PostgreSQL adapter: tsvector and tsquery literals, filter keys, and the
 * per-concept scoring rules. No database here; postgres-search-index.ts runs the SQL.
 */
import type { QueryConcept, QueryLexeme, TextAnalyzer } from '../text/analyzer.js';
import type { RequirementDocument, SupplierDocument } from '../documents.js';
import type { RequirementFacet, RequirementFilter, SupplierFacet, SupplierFilter } from '../search-index.port.js';

export type Weight = 'A' | 'B' | 'C' | 'D';
const WEIGHT_ORDER: Weight[] = ['A', 'B', 'C', 'D'];

/**
 * What a matched concept is worth by the best field it matched in: the name or title (A),
 * categories and products (B), descriptions (C), specs (D); a trigram (typo) match is worth
 * TYPO_FACTOR × its word similarity.
 */
export const FIELD_SCORES: Record<Weight, number> = { A: 1, B: 0.9, C: 0.75, D: 0.6 };
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

/** Text fields of a document by weight, and its Latin text for trigrams. */
export interface IndexedText {
  lexemes: string;
  fuzzy: string;
}

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
  const fuzzy = analyzer.fuzzyText(WEIGHT_ORDER.flatMap((w) => fields[w]).join(' \n '));
  return { lexemes: tsvectorLiteral(lexemes), fuzzy };
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
