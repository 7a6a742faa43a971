import { TextAnalyzer, hanBigrams, oneEditVariants, normalizeText, termKey, type QueryConcept } from './analyzer.js';
import { stemEnglish } from './stemmer.js';
import { buildVocabulary, synonymMap } from './vocabulary.js';
import { SEED_SYNONYMS } from './synonyms.data.js';
import { flattenTaxonomy } from '../../taxonomy/taxonomy.data.js';

const vocabulary = buildVocabulary(flattenTaxonomy(), SEED_SYNONYMS);
const analyzer = new TextAnalyzer(vocabulary);

/** Does a document with these lexemes match the concept? (What PostgreSQL's @@ decides.) */
function matches(concept: QueryConcept, lexemes: string[]): boolean {
  return concept.alternatives.some((alt) => alt.every((l) => lexemes.some((x) => (l.prefix ? x.startsWith(l.value) : x === l.value))));
}

function finds(query: string, document: string): boolean {
  const lexemes = analyzer.documentLexemes(document);
  const concepts = analyzer.query(query);
  return concepts.length > 0 && concepts.every((c) => matches(c, lexemes));
}

describe('stemEnglish', () => {
  it.each([
    ['controllers', 'controller'],
    ['batteries', 'battery'],
    ['battery', 'battery'],
    ['casting', 'cast'],
    ['braking', 'brake'],
    ['brake', 'brake'],
    ['wiring', 'wire'],
    ['switches', 'switch'],
    ['boxes', 'box'],
    ['glass', 'glass'],
    ['bus', 'bus'],
    ['stamped', 'stamp'],
    ['mcu', 'mcu'],
    ['q100', 'q100'],
  ])('%s → %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });
});

describe('normalizeText and keys', () => {
  it('folds full-width forms and case', () => {
    expect(normalizeText('ＢＲＡＫＥ－ｂｙ－ｗｉｒｅ，座椅')).toBe('brake-by-wire,座椅');
  });

  it('keys Latin terms by their stemmed words and Han terms by themselves', () => {
    expect(termKey('Domain Controllers')).toBe('domain controller');
    expect(termKey('Brake-by-wire')).toBe('brake-by-wire');
    expect(termKey('线控制动')).toBe('线控制动');
    expect(termKey('座舱 SoC')).toBeNull();
    expect(termKey('  ')).toBeNull();
  });

  it('cuts Han text into overlapping bigrams', () => {
    expect(hanBigrams('线控制动')).toEqual(['线控', '控制', '制动']);
    expect(hanBigrams('椅')).toEqual(['椅']);
  });
});

describe('TextAnalyzer.documentLexemes', () => {
  it('indexes a Han run as bigrams and as every dictionary term inside it', () => {
    const lexemes = analyzer.documentLexemes('线控制动系统');
    expect(lexemes).toEqual(expect.arrayContaining(['线控', '控制', '制动', '动系', '系统', '线控制动']));
  });

  it('keeps hyphenated compounds whole and as content words', () => {
    const lexemes = analyzer.documentLexemes('Brake-by-wire (EHB) units');
    expect(lexemes).toEqual(expect.arrayContaining(['brake-by-wire', 'brake', 'wire', 'ehb', 'unit']));
    expect(lexemes).not.toContain('by');
  });

  it('recognises multi-word dictionary phrases', () => {
    expect(analyzer.documentLexemes('We build domain controllers')).toContain('domain controller');
  });

  it('gives no lexemes for punctuation only', () => {
    expect(analyzer.documentLexemes(' ,.;—！ ')).toEqual([]);
  });
});

describe('TextAnalyzer.query', () => {
  it('segments Han by longest dictionary match first', () => {
    const concepts = analyzer.query('线控制动系统');
    expect(concepts.map((c) => c.text)).toEqual(['线控制动', '系统']);
  });

  it('drops English stop words and Han function characters', () => {
    expect(analyzer.query('the seats and 座椅和铸造').map((c) => c.text)).toEqual(['seats', '座椅', '铸造']);
  });

  it('marks Latin words of four letters or more for fuzzy matching', () => {
    const [concept] = analyzer.query('brak-by-wire');
    expect(concept.fuzzy).toBe('brak-by-wire');
    expect(analyzer.query('EHB')[0].fuzzy).toBeNull();
    expect(analyzer.query('座椅')[0].fuzzy).toBeNull();
  });

  it('caps the number of concepts', () => {
    expect(analyzer.query('a1 b2 c3 d4 e5 f6', 3)).toHaveLength(3);
  });
});

describe('matching through the analyzer', () => {
  it('finds an English description by a Chinese query via synonyms', () => {
    expect(finds('线控制动', 'Brake-by-wire systems, two-box and one-box')).toBe(true);
    expect(finds('域控', 'Cockpit domain controllers for SUVs')).toBe(true);
    expect(finds('车规', 'Automotive-grade MCUs')).toBe(true);
  });

  it('finds a Chinese description by an English query via synonyms', () => {
    expect(finds('brake-by-wire', '提供线控制动系统')).toBe(true);
    expect(finds('domain controller', '智能座舱域控制器')).toBe(true);
  });

  it('expands one-way groups in one direction only', () => {
    expect(finds('线控制动', 'EHB electro-hydraulic units')).toBe(true);
    expect(finds('EHB', 'EMB calipers')).toBe(false);
  });

  it('finds two-character Han terms that no dictionary knows, inside longer words', () => {
    expect(finds('铸件', '铝合金铸件与压铸模具')).toBe(true);
    expect(finds('模具', '铝合金铸件与压铸模具')).toBe(true);
    expect(finds('座椅', '智能座椅骨架')).toBe(true);
  });

  it('needs every concept of the query', () => {
    expect(finds('座椅 铸造', '智能座椅骨架')).toBe(false);
    expect(finds('座椅 骨架', '智能座椅骨架')).toBe(true);
  });

  it('matches English plurals and prefixes', () => {
    expect(finds('controller', 'domain controllers')).toBe(true);
    expect(finds('seat', 'Seating systems')).toBe(true);
    expect(finds('batteries', 'battery pack')).toBe(true);
  });

  it('does not match a typo lexically (the lexicon lookup of oneEditVariants does that in SQL)', () => {
    expect(finds('brak-by-wire', 'Brake-by-wire systems')).toBe(false);
  });

  it('matches a Chinese near-miss of a dictionary term through the term (智能坐舱 → 智能座舱)', () => {
    const [concept] = analyzer.query('智能坐舱');
    expect(concept.nearMiss).toBe(true);
    expect(finds('智能坐舱', '智能座舱')).toBe(true);
    expect(finds('智能坐舱', 'smart cockpit')).toBe(true);
    expect(finds('车规级芯皮', '车规级芯片')).toBe(true);
    // Exact terms are never treated as near-misses, and two-character text is not guessed at.
    expect(analyzer.query('智能座舱')[0].nearMiss).toBeUndefined();
    expect(finds('坐椅', '座椅')).toBe(false);
  });
});

describe('oneEditVariants', () => {
  it('holds every deletion, insertion, substitution and transposition, and not the word itself', () => {
    const variants = new Set(oneEditVariants('seet'));
    for (const fix of ['seat', 'set', 'sweet', 'eset', 'sete']) expect(variants.has(fix)).toBe(true);
    expect(variants.has('seet')).toBe(false);
    expect(variants.has('sat')).toBe(false);
    expect(new Set(oneEditVariants('controler')).has('controller')).toBe(true);
    expect(new Set(oneEditVariants('brak-by-wire')).has('brake-by-wire')).toBe(true);
    // airbag is two edits or more from air: no variant reaches it.
    expect(new Set(oneEditVariants('airbag')).has('air')).toBe(false);
  });
});

describe('synonymMap (Meilisearch form)', () => {
  it('maps each member of an equivalent group to the others, one-way heads only to the rest', () => {
    const map = synonymMap([
      { terms: ['域控', 'Domain Controller'], oneWay: false },
      { terms: ['线控制动', 'EHB', 'EMB'], oneWay: true },
    ]);
    expect(map).toEqual({ '域控': ['domain controller'], 'domain controller': ['域控'], '线控制动': ['ehb', 'emb'] });
  });

  it('treats category names as synonyms', () => {
    const map = synonymMap(vocabulary.synonyms);
    expect(map['线控制动']).toEqual(expect.arrayContaining(['brake-by-wire', 'ehb']));
    expect(map['smart seats']).toEqual(['智能座椅']);
  });
});
