import {
  conceptTsquery,
  correctedTsquery,
  facetKeys,
  matchTsquery,
  pickCorrections,
  requirementConditions,
  requirementKeys,
  supplierConditions,
  supplierKeys,
  supplierText,
  tsvectorLiteral,
  typoFactor,
  proximityTsquery,
  SUPPLIER_FACET_PREFIX,
  TYPO_FACTOR,
} from './pg-query.js';
import { TextAnalyzer, type QueryConcept } from '../text/analyzer.js';
import { buildVocabulary } from '../text/vocabulary.js';
import { SEED_SYNONYMS } from '../text/synonyms.data.js';
import { flattenTaxonomy } from '../../taxonomy/taxonomy.data.js';
import { buildSupplierDocument, buildRequirementDocument, type CategoryRef } from '../documents.js';

const categories = new Map<string, CategoryRef>(flattenTaxonomy().map((c) => [c.code, c]));
const analyzer = new TextAnalyzer(buildVocabulary(flattenTaxonomy(), SEED_SYNONYMS));

const supplier = buildSupplierDocument(
  {
    organization: { id: '11111111-1111-4111-8111-111111111111', legalName: "示例'制动", nameEn: null, designations: ['LITTLE_GIANT'], verified: true },
    capabilities: [{ categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'EHB units', products: ['EHB'], specs: [] }],
    certifications: [{ typeCode: 'ISO_26262', level: 'C', levelScheme: 'ASIL' }],
    sites: [{ id: 's1', name: '北仑', regionCode: '330206', lat: 29.9, lon: 121.8 }],
  },
  categories,
);

describe('tsvectorLiteral', () => {
  it('keeps each lexeme once, with its strongest weight, quoted', () => {
    expect(tsvectorLiteral({ C: ['座椅', "o'neil"], A: ['座椅'], D: ['a\\b'] })).toBe(`'座椅':1A 'o''neil':1C 'a\\\\b':1D`);
  });
});

describe('tsquery rendering', () => {
  const concept: QueryConcept = { text: 'x', alternatives: [[{ value: '线控制动', prefix: false }], [{ value: 'brake', prefix: true }, { value: "it's", prefix: false }]], fuzzy: null };

  it('renders alternatives as OR of ANDs, with prefixes and weights', () => {
    expect(conceptTsquery(concept)).toBe(`('线控制动') | ('brake':* & 'it''s')`);
    expect(conceptTsquery(concept, 'AB')).toBe(`('线控制动':AB) | ('brake':*AB & 'it''s':AB)`);
  });

  it('adds corrections to a concept and ANDs concepts together', () => {
    const corrected = { concept, corrections: [{ word: 'brake-by-wire' }] };
    expect(correctedTsquery(corrected)).toBe(`('线控制动') | ('brake':* & 'it''s') | 'brake-by-wire'`);
    expect(correctedTsquery(corrected, 'A')).toBe(`('线控制动':A) | ('brake':*A & 'it''s':A) | 'brake-by-wire':A`);
    expect(matchTsquery([corrected, { concept, corrections: [] }])).toBe(`(${correctedTsquery(corrected)}) & (${conceptTsquery(concept)})`);
    expect(typoFactor(corrected)).toBeCloseTo(TYPO_FACTOR);
    expect(typoFactor({ concept: { ...concept, nearMiss: true }, corrections: [] })).toBeCloseTo(TYPO_FACTOR);
    expect(typoFactor({ concept, corrections: [] })).toBe(1);
    expect(proximityTsquery(corrected, { concept, corrections: [] })).toBe(`(${correctedTsquery(corrected)}) <0> (${conceptTsquery(concept)})`);
  });
});

describe('pickCorrections', () => {
  it('keeps at most five, in code-point order', () => {
    const words = ['seat', 'sect', 'beet', 'seen', 'sees', 'feet', 'meet'].map((word) => ({ word }));
    expect(pickCorrections(words).map((c) => c.word)).toEqual(['beet', 'feet', 'meet', 'seat', 'sect']);
    expect(pickCorrections([])).toEqual([]);
  });
});

describe('document text and keys', () => {
  it('puts names (A), categories and products (B, one position each) in the strong vector, descriptions only in the full one', () => {
    const text = supplierText(supplier, analyzer);
    expect(text.strong).toContain(`'示例':1A`);
    // The category held at B, its ancestor 线控底盘 / By-wire chassis at C.
    expect(text.strong).toMatch(/'线控制动':\d+B/);
    expect(text.strong).toMatch(/'线控底盘':\d+C/);
    expect(text.strong).toMatch(/'线控':\d+B,\d+C/);
    expect(text.strong).toMatch(/'ehb':(\d+B,)*\d+B/);
    expect(text.lexemes).toContain(`'unit':1C`);
    expect(text.strong).not.toContain(`'unit'`);
    expect(text.words).toEqual(expect.arrayContaining(['brake-by-wire', 'ehb', 'unit', 'iso']));
  });

  it('derives filter keys and the facet subset', () => {
    const keys = supplierKeys(supplier);
    expect(keys).toEqual(
      expect.arrayContaining(['c:CHASSIS', 'c:CHASSIS.BRAKE_BY_WIRE', 't:ISO_26262', 'k:ISO_26262:0', 'k:ISO_26262:3', 'r:330206', 'r:330200', 'r:330000', 'p:330000', 'y:330200', 'd:LITTLE_GIANT', 'v:true']),
    );
    expect(keys).not.toContain('k:ISO_26262:4');
    expect(facetKeys(keys, SUPPLIER_FACET_PREFIX).every((k) => ['c:', 't:', 'p:', 'y:', 'd:', 'v:'].includes(k.slice(0, 2)))).toBe(true);
    const requirement = buildRequirementDocument(
      { id: 'r', organizationId: 'o', title: 't', description: '', specs: [], categoryCode: 'CHIP.MCU', status: 'DRAFT', sopDate: '2027-01-01', site: { regionCode: '330282', lat: 30, lon: 121 } },
      categories,
    );
    expect(requirementKeys(requirement)).toEqual(['c:CHIP', 'c:CHIP.MCU', 'r:330000', 'r:330200', 'r:330282', 'p:330000', 'y:330200', 's:DRAFT', 'o:o']);
  });

  it('turns filters into key conditions', () => {
    expect(supplierConditions({ categoryCode: 'CHASSIS', certifications: [{ typeCode: 'ISO_26262', minRank: 3 }], regionCode: '330200', designations: ['LITTLE_GIANT'], verified: false })).toEqual({
      all: ['c:CHASSIS', 'k:ISO_26262:3', 'r:330200', 'v:false'],
      anyOf: [['d:LITTLE_GIANT']],
    });
    expect(requirementConditions({ visibility: { kind: 'openOrOwn', organizationId: 'me' }, statuses: ['DRAFT'] })).toEqual({ all: [], anyOf: [['s:DRAFT'], ['s:OPEN', 'o:me']] });
    expect(requirementConditions({ visibility: { kind: 'openOrOwn', organizationId: null } })).toEqual({ all: [], anyOf: [['s:OPEN']] });
    expect(requirementConditions({ visibility: { kind: 'all' }, organizationId: 'me' })).toEqual({ all: ['o:me'], anyOf: [] });
  });
});
