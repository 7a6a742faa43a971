/**
 * Text analysis for the PostgreSQL search adapter: pure functions, no database.
 *
 * Chinese has no spaces and `Intl.Segmenter('zh')` cuts domain terms apart (线|控制|动), so a
 * Han run is indexed twice over: as every dictionary term it contains (taxonomy names,
 * keywords, synonyms) and as all its overlapping character bigrams, so that any two-character
 * term (座椅, 铸造) is found even when no dictionary knows it. Latin words are lower-cased,
 * NFKC-folded (full-width ｂｒａｋｅ → brake) and stemmed; hyphenated compounds
 * (brake-by-wire) are kept whole and as parts. Queries are cut the same way, Han runs by
 * longest dictionary match first, and every term is widened by its synonyms.
 */
import { stemEnglish } from './stemmer.js';

/** A set of interchangeable terms; one-way groups expand the first term to the others only. */
export interface SynonymGroup {
  terms: readonly string[];
  oneWay: boolean;
}

/** What the analyzer knows of the domain: dictionary terms and synonym groups. */
export interface Vocabulary {
  terms: readonly string[];
  synonyms: readonly SynonymGroup[];
}

/** A lexeme to look up; `prefix` also matches longer lexemes that start with it. */
export interface QueryLexeme {
  value: string;
  prefix: boolean;
}

/**
 * One unit of meaning in a query (a dictionary term, a word, a run of unknown Han text).
 * It matches a document holding every lexeme of any one alternative.
 */
export interface QueryConcept {
  /** The query text it came from. */
  text: string;
  alternatives: QueryLexeme[][];
  /**
   * The word as indexed (lower-cased, stemmed) when it may be a typo worth correcting: a
   * single Latin word or compound of four letters or more. Null for Han text, dictionary
   * phrases and short words.
   */
  fuzzy: string | null;
  /** Set when the concept is a Chinese near-miss of a dictionary term: scored as a typo. */
  nearMiss?: boolean;
}

type Token = { kind: 'han'; text: string } | { kind: 'word'; text: string; parts: string[] };

const HAN = /\p{Script=Han}/u;
const TOKEN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:(?:-|(?<=\p{N})\.(?=\p{N}))(?:(?!\p{Script=Han})[\p{L}\p{N}])+)*)/gu;

/** English function words: never a query concept of their own. */
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with']);
/** Han function characters that separate query terms when no dictionary term claims them. */
const HAN_STOP = new Set(['的', '和', '与', '及', '或', '等', '在', '是', '了', '并', '为']);

const MAX_LEXEME = 100;
const MIN_FUZZY_LETTERS = 4;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalizeText(text).matchAll(TOKEN)) {
    if (match[1]) tokens.push({ kind: 'han', text: match[1] });
    else tokens.push({ kind: 'word', text: match[2], parts: match[2].split(/[-.]/).filter(Boolean) });
  }
  return tokens;
}

function clip(lexeme: string): string {
  return lexeme.length > MAX_LEXEME ? lexeme.slice(0, MAX_LEXEME) : lexeme;
}

/** A word's index form: each part stemmed, joined as written (brake-by-wire, controller). */
function wordKey(token: { parts: string[] }): string {
  return clip(token.parts.map(stemEnglish).join('-'));
}

function contentStems(parts: readonly string[]): string[] {
  return parts.filter((p) => !STOP_WORDS.has(p)).map(stemEnglish);
}

export function hanBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return [run];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
  return grams;
}

/**
 * The comparison key of a term, as the analyzer sees it: a Han term itself, a Latin term's
 * stemmed words joined by spaces ("Domain Controllers" → "domain controller"). Null for
 * terms that mix scripts or have no letters.
 */
export function termKey(term: string): string | null {
  const tokens = tokenize(term);
  if (tokens.length === 0) return null;
  if (tokens.every((t) => t.kind === 'han')) return tokens.length === 1 ? tokens[0].text : null;
  if (tokens.every((t) => t.kind === 'word')) return tokens.map((t) => wordKey(t as { parts: string[] })).join(' ');
  return null;
}

function dedupe<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** The analyzer for one vocabulary; build it once and reuse it (construction indexes the dictionary). */
export class TextAnalyzer {
  private readonly hanTerms = new Set<string>();
  private readonly phrases = new Set<string>();
  private readonly words = new Set<string>();
  private readonly expansions = new Map<string, Set<string>>();
  private maxHanLength = 0;
  private maxPhraseWords = 0;
  /** Han terms of three characters or more by each one-character mask (智能?舱 → 智能座舱): near-miss lookup. */
  private readonly hanMasks = new Map<string, Set<string>>();

  constructor(vocabulary: Vocabulary) {
    const addTerm = (term: string): string | null => {
      const key = termKey(term);
      if (key === null) return null;
      if (HAN.test(key)) {
        this.hanTerms.add(key);
        this.maxHanLength = Math.max(this.maxHanLength, [...key].length);
      } else if (key.includes(' ')) {
        this.phrases.add(key);
        this.maxPhraseWords = Math.max(this.maxPhraseWords, key.split(' ').length);
      } else {
        this.words.add(key);
      }
      return key;
    };
    for (const term of vocabulary.terms) addTerm(term);
    for (const group of vocabulary.synonyms) for (const term of group.terms) addTerm(term);
    for (const term of this.hanTerms) {
      const chars = [...term];
      if (chars.length < 3) continue;
      for (const mask of hanMasksOf(chars)) {
        const set = this.hanMasks.get(mask) ?? new Set<string>();
        set.add(term);
        this.hanMasks.set(mask, set);
      }
    }
    for (const group of vocabulary.synonyms) {
      const keys = dedupe(group.terms.map(addTerm).filter((k): k is string => k !== null));
      const heads = group.oneWay ? keys.slice(0, 1) : keys;
      for (const head of heads) {
        const set = this.expansions.get(head) ?? new Set<string>();
        for (const key of keys) if (key !== head) set.add(key);
        this.expansions.set(head, set);
      }
    }
  }

  /** Whether a word key (lower-cased, stemmed) is a dictionary word: a taxonomy name or keyword, or a synonym. */
  isDictionaryWord(key: string): boolean {
    return this.words.has(key) || this.expansions.has(key);
  }

  /** The lexemes a document's text is indexed under. */
  documentLexemes(text: string): string[] {
    const lexemes: string[] = [];
    const words: { parts: string[] }[] = [];
    const flushPhrases = () => {
      lexemes.push(...this.phrasesIn(words));
      words.length = 0;
    };
    for (const token of tokenize(text)) {
      if (token.kind === 'han') {
        flushPhrases();
        lexemes.push(...hanBigrams(token.text), ...this.hanTermsIn(token.text));
      } else {
        words.push(token);
        // A lone stop word is never searched for (queries drop it): no need to index it.
        if (token.parts.length > 1 || !STOP_WORDS.has(token.parts[0])) lexemes.push(wordKey(token));
        if (token.parts.length > 1) lexemes.push(...contentStems(token.parts));
      }
    }
    flushPhrases();
    return dedupe(lexemes);
  }

  /** The concepts of a query, in order, at most `limit` of them. */
  query(text: string, limit = 16): QueryConcept[] {
    const concepts: QueryConcept[] = [];
    const tokens = tokenize(text);
    for (let i = 0; i < tokens.length && concepts.length < limit; ) {
      const token = tokens[i];
      if (token.kind === 'han') {
        concepts.push(...this.hanConcepts(token.text));
        i++;
        continue;
      }
      const phrase = this.phraseAt(tokens, i);
      if (phrase) {
        concepts.push({ text: phrase.text, alternatives: this.expand(phrase.key), fuzzy: null });
        i += phrase.length;
        continue;
      }
      i++;
      if (token.parts.every((p) => STOP_WORDS.has(p))) continue;
      const key = wordKey(token);
      const alternatives: QueryLexeme[][] = [[{ value: key, prefix: key.length >= 3 }]];
      const stems = contentStems(token.parts);
      // A compound the user typed also matches its parts written apart (brake by wire).
      if (token.parts.length > 1 && stems.length > 0 && !this.words.has(key)) alternatives.push(stems.map((value) => ({ value, prefix: false })));
      if (this.words.has(key)) alternatives.push(...this.expand(key).slice(1));
      concepts.push({ text: token.text, alternatives: uniqueAlternatives(alternatives), fuzzy: fuzzyOf(key) });
    }
    return concepts.slice(0, limit);
  }

  /** The term and its synonyms, each as alternatives a document may match. */
  private expand(key: string): QueryLexeme[][] {
    const keys = [key, ...(this.expansions.get(key) ?? [])];
    return uniqueAlternatives(keys.flatMap((k) => alternativesOfKey(k)));
  }

  private hanTermsIn(run: string): string[] {
    const chars = [...run];
    const found: string[] = [];
    for (let i = 0; i < chars.length; i++) {
      for (let len = Math.min(this.maxHanLength, chars.length - i); len >= 2; len--) {
        const candidate = chars.slice(i, i + len).join('');
        if (this.hanTerms.has(candidate)) found.push(candidate);
      }
    }
    return found;
  }

  private phrasesIn(words: { parts: string[] }[]): string[] {
    const found: string[] = [];
    for (let i = 0; i < words.length; i++) {
      for (let len = Math.min(this.maxPhraseWords, words.length - i); len >= 2; len--) {
        const key = words.slice(i, i + len).map(wordKey).join(' ');
        if (this.phrases.has(key)) found.push(key);
      }
    }
    return found;
  }

  private phraseAt(tokens: Token[], start: number): { key: string; text: string; length: number } | null {
    for (let len = this.maxPhraseWords; len >= 2; len--) {
      const slice = tokens.slice(start, start + len);
      if (slice.length < len || slice.some((t) => t.kind !== 'word')) continue;
      const words = slice as { kind: 'word'; text: string; parts: string[] }[];
      const key = words.map(wordKey).join(' ');
      if (this.phrases.has(key)) return { key, text: words.map((w) => w.text).join(' '), length: len };
    }
    return null;
  }

  /**
   * The dictionary term of three characters or more that the text at `start` misses by one
   * character (the longest, then the first in code-point order), or null. Terms of two
   * characters are too short to guess from.
   */
  private nearHanTermAt(chars: string[], start: number): { term: string; length: number } | null {
    for (let len = Math.min(this.maxHanLength, chars.length - start); len >= 3; len--) {
      const slice = chars.slice(start, start + len);
      const candidates = new Set<string>();
      for (const mask of hanMasksOf(slice)) for (const term of this.hanMasks.get(mask) ?? []) candidates.add(term);
      const best = [...candidates].sort()[0];
      if (best !== undefined) return { term: best, length: len };
    }
    return null;
  }

  /** Longest dictionary match first; the Han text between matches is searched by its bigrams. */
  private hanConcepts(run: string): QueryConcept[] {
    const chars = [...run];
    const concepts: QueryConcept[] = [];
    let pending = '';
    const flush = () => {
      if (pending) concepts.push(unknownHan(pending));
      pending = '';
    };
    for (let i = 0; i < chars.length; ) {
      let matched = 0;
      for (let len = Math.min(this.maxHanLength, chars.length - i); len >= 2; len--) {
        if (this.hanTerms.has(chars.slice(i, i + len).join(''))) {
          matched = len;
          break;
        }
      }
      // A near-miss wins over an exact term two or more characters shorter (车规级芯皮: 车规级芯片, not 车规级 + 芯皮).
      const candidate = this.nearHanTermAt(chars, i);
      const near = candidate && candidate.length >= matched + 2 ? candidate : null;
      if (matched > 0 && !near) {
        flush();
        const term = chars.slice(i, i + matched).join('');
        concepts.push({ text: term, alternatives: this.expand(term), fuzzy: null });
        i += matched;
      } else if (near) {
        // A near-miss of a dictionary term (智能坐舱 for 智能座舱): the term, its synonyms, and the typed bigrams.
        flush();
        const typed = chars.slice(i, i + near.length).join('');
        concepts.push({ text: typed, alternatives: uniqueAlternatives([...this.expand(near.term), ...unknownHan(typed).alternatives]), fuzzy: null, nearMiss: true });
        i += near.length;
      } else {
        if (HAN_STOP.has(chars[i])) flush();
        else pending += chars[i];
        i++;
      }
    }
    flush();
    return concepts;
  }
}

function hanMasksOf(chars: readonly string[]): string[] {
  return chars.map((_, i) => [...chars.slice(0, i), '?', ...chars.slice(i + 1)].join(''));
}

function unknownHan(text: string): QueryConcept {
  const single = [...text].length === 1;
  return { text, alternatives: [hanBigrams(text).map((value) => ({ value, prefix: single }))], fuzzy: null };
}

/**
 * How a dictionary key is found in documents: as itself. Documents are indexed with the
 * dictionary's terms (Han terms whole, phrases whole), and a change of dictionary re-indexes
 * them (SearchSettings), so no bigram or word-part fallback is needed; each would cost the GIN
 * index a scan of very common entries (控制, wire) for nothing.
 */
function alternativesOfKey(key: string): QueryLexeme[][] {
  return [[{ value: key, prefix: false }]];
}

function uniqueAlternatives(alternatives: QueryLexeme[][]): QueryLexeme[][] {
  const seen = new Set<string>();
  return alternatives.filter((alt) => {
    const id = alt.map((l) => `${l.value}${l.prefix ? '*' : ''}`).sort().join('&');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Whether a lexeme is a Latin word worth keeping in the typo lexicon: letters (and digits or
 * hyphens), at least three characters, no Han, no spaces.
 */
export function isLexiconWord(lexeme: string): boolean {
  return lexeme.length >= 3 && /^[a-z0-9][a-z0-9-]*$/.test(lexeme) && /[a-z]/.test(lexeme);
}

const EDIT_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Every string one edit away from `word` (a letter deleted, inserted, replaced, or two
 * neighbours swapped), letters only: the candidates a typo correction looks up in the lexicon.
 * For a hyphenated compound (brak-by-wire) only its first part of four letters or more is
 * edited; digits and hyphens stay as typed.
 */
export function oneEditVariants(word: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    for (const ch of EDIT_ALPHABET) variants.add(head + ch + tail);
    if (i < word.length) {
      variants.add(head + tail.slice(1));
      for (const ch of EDIT_ALPHABET) variants.add(head + ch + tail.slice(1));
    }
    if (i + 1 < word.length) variants.add(head + tail[1] + tail[0] + tail.slice(2));
  }
  variants.delete(word);
  return [...variants].filter((v) => v.length >= 3 && !v.startsWith('-') && !v.endsWith('-') && !v.includes('--'));
}

function fuzzyOf(text: string): string | null {
  const letters = text.replace(/[^a-z]/g, '').length;
  return letters >= MIN_FUZZY_LETTERS ? text : null;
}
