/**
 * Text relevance in process: a requirement's relevance concepts (the search port's
 * `RelevanceConcept`, as the PostgreSQL adapter scores them) evaluated against a supplier's
 * lexemes and strong vector held in the match index, with PostgreSQL's `@@` semantics for
 * queries without NOT or phrase operators: a concept matches at a weight when some alternative
 * has every lexeme present at that weight (a prefix lexeme: any lexeme starting with it). The
 * result is the concepts' worth in ten-thousandths (`relevanceOfUnits` turns it into the
 * relevance). No Nest, no SQL.
 *
 * Lexemes are interned in a sorted dictionary, so that a prefix is a range of ids; a supplier's
 * lexemes are a sorted run of ids, its strong lexemes another, each with a mask of its weights.
 */
import type { RelevanceConcept } from '../search/search-index.port.js';

/** Weight bits of a strong lexeme; OTHER marks a lexeme present in the full lexemes. */
export const WEIGHT_A = 1;
export const WEIGHT_B = 2;
const ANY_STRONG = 1 | 2 | 4 | 8;
const OTHER = 16;
/** The tiers a concept is tried at, strongest first (the SQL's CASE order). */
const TIERS = [WEIGHT_A, WEIGHT_B, ANY_STRONG, OTHER] as const;

/** Weight letters (unnest(tsvector).weights) as bits. */
export function weightMask(weights: readonly string[] | string): number {
  let mask = 0;
  for (const w of weights) mask |= w === 'A' ? 1 : w === 'B' ? 2 : w === 'C' ? 4 : 8;
  return mask;
}

/** Index of the first value ≥ `value` in sorted `values` (code-unit order). */
export function lowerBound(values: readonly string[], value: string, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [lo, hi) of the values equal to `value`, or starting with it when `prefix`, in sorted `values`. */
function range(values: readonly string[], value: string, prefix: boolean, from = 0, to = values.length): [number, number] {
  const lo = lowerBound(values, value, from, to);
  if (!prefix) return [lo, lo < to && values[lo] === value ? lo + 1 : lo];
  let a = lo;
  let b = to;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (values[mid].startsWith(value)) a = mid + 1;
    else b = mid;
  }
  return [lo, a];
}

function firstAtLeast(ids: Int32Array, id: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A supplier's text outside the dictionary (changed since the build): sorted lexemes, sorted strong lexemes and their weight masks. */
export interface LooseText {
  lexemes: string[];
  strong: string[];
  strongMask: Uint8Array;
}

/** A document's text as one mask per lexeme (its strong weights, and OTHER when in its full lexemes), with the lexemes sorted for prefixes. */
export interface MaskedText {
  masks: Map<string, number>;
  sorted: string[];
}

export function maskedText(text: LooseText): MaskedText {
  const masks = new Map<string, number>();
  text.strong.forEach((lexeme, i) => masks.set(lexeme, (masks.get(lexeme) ?? 0) | text.strongMask[i]));
  for (const lexeme of text.lexemes) masks.set(lexeme, (masks.get(lexeme) ?? 0) | OTHER);
  return { masks, sorted: [...masks.keys()].sort() };
}

/** Builds a `LooseText` from unsorted rows. */
export function looseText(lexemes: readonly string[], strong: readonly { lexeme: string; mask: number }[]): LooseText {
  const sortedStrong = [...strong].sort((a, b) => (a.lexeme < b.lexeme ? -1 : a.lexeme > b.lexeme ? 1 : 0));
  return { lexemes: [...lexemes].sort(), strong: sortedStrong.map((s) => s.lexeme), strongMask: Uint8Array.from(sortedStrong.map((s) => s.mask)) };
}

/** The concepts compiled against one dictionary: each distinct query lexeme once, with its id range. */
export class CompiledText {
  readonly count: number;
  private readonly values: string[] = [];
  private readonly prefix: boolean[] = [];
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  private readonly concepts: { alternatives: number[][]; worths: readonly number[] }[];
  private readonly masks: Uint8Array;
  /** The highest worth any document can reach. */
  readonly maxUnits: number;

  constructor(concepts: readonly RelevanceConcept[], dictionary: readonly string[]) {
    const slot = new Map<string, number>();
    this.concepts = concepts.map((c) => ({
      alternatives: c.alternatives
        .filter((alt) => alt.length > 0)
        .map((alt) =>
          alt.map((l) => {
            const key = `${l.prefix ? '*' : '='}${l.value}`;
            let at = slot.get(key);
            if (at === undefined) {
              at = this.values.length;
              slot.set(key, at);
              this.values.push(l.value);
              this.prefix.push(l.prefix);
            }
            return at;
          }),
        ),
      worths: c.worths,
    }));
    this.count = concepts.length;
    this.lo = new Int32Array(this.values.length);
    this.hi = new Int32Array(this.values.length);
    this.values.forEach((value, i) => {
      const [lo, hi] = range(dictionary, value, this.prefix[i]);
      this.lo[i] = lo;
      this.hi[i] = hi;
    });
    this.masks = new Uint8Array(this.values.length);
    this.maxUnits = this.concepts.reduce((sum, c) => sum + (c.alternatives.length ? c.worths[0] : 0), 0);
  }

  /** Worth of a dictionary-held supplier: lexeme ids `lex[lexFrom, lexTo)` and strong ids `strong[strongFrom, strongTo)`, both ascending. */
  unitsOfIds(lex: Int32Array, lexFrom: number, lexTo: number, strong: Int32Array, strongMask: Uint8Array, strongFrom: number, strongTo: number): number {
    if (lexFrom === lexTo && strongFrom === strongTo) return 0;
    const masks = this.masks;
    for (let u = 0; u < masks.length; u += 1) {
      const lo = this.lo[u];
      const hi = this.hi[u];
      let mask = 0;
      if (lo < hi) {
        for (let k = firstAtLeast(strong, lo, strongFrom, strongTo); k < strongTo && strong[k] < hi; k += 1) mask |= strongMask[k];
        const at = firstAtLeast(lex, lo, lexFrom, lexTo);
        if (at < lexTo && lex[at] < hi) mask |= OTHER;
      }
      masks[u] = mask;
    }
    return this.sum();
  }

  /** Worth of a supplier held as strings (see `LooseText`). */
  unitsOfLoose(text: LooseText): number {
    const masks = this.masks;
    for (let u = 0; u < masks.length; u += 1) {
      const value = this.values[u];
      const prefix = this.prefix[u];
      let mask = 0;
      const [sLo, sHi] = range(text.strong, value, prefix);
      for (let k = sLo; k < sHi; k += 1) mask |= text.strongMask[k];
      const [lLo, lHi] = range(text.lexemes, value, prefix);
      if (lLo < lHi) mask |= OTHER;
      masks[u] = mask;
    }
    return this.sum();
  }

  /** Worth of a document held as a `MaskedText`: the same as `unitsOfLoose` on the text it was made from. */
  unitsOfMasked(text: MaskedText): number {
    const masks = this.masks;
    for (let u = 0; u < masks.length; u += 1) {
      if (!this.prefix[u]) {
        masks[u] = text.masks.get(this.values[u]) ?? 0;
        continue;
      }
      let mask = 0;
      const [lo, hi] = range(text.sorted, this.values[u], true);
      for (let k = lo; k < hi; k += 1) mask |= text.masks.get(text.sorted[k])!;
      masks[u] = mask;
    }
    return this.sum();
  }

  private sum(): number {
    const masks = this.masks;
    let units = 0;
    for (const concept of this.concepts) {
      for (let t = 0; t < TIERS.length; t += 1) {
        const tier = TIERS[t];
        let matched = false;
        for (const alt of concept.alternatives) {
          let all = true;
          for (const u of alt) {
            if ((masks[u] & tier) === 0) {
              all = false;
              break;
            }
          }
          if (all) {
            matched = true;
            break;
          }
        }
        if (matched) {
          units += concept.worths[t];
          break;
        }
      }
    }
    return units;
  }
}

/**
 * A tsvector's text form (`tsvector::text`: `'lexeme':1A,2 'other'`, quotes and backslashes
 * doubled) as its lexemes and, per lexeme, the mask of its positions' weights (no letter: D).
 * Reading the text form and parsing it here is several times faster than asking PostgreSQL
 * for arrays.
 */
export function parseTsvector(text: string): { lexemes: string[]; masks: number[] } {
  const lexemes: string[] = [];
  const masks: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) !== 39) {
      i += 1;
      continue;
    }
    i += 1;
    let value = '';
    let start = i;
    for (;;) {
      const ch = text.charCodeAt(i);
      if (i >= n) throw new Error('parseTsvector: unterminated lexeme');
      if (ch === 39) {
        if (text.charCodeAt(i + 1) === 39) {
          value += text.slice(start, i + 1);
          i += 2;
          start = i;
          continue;
        }
        value += text.slice(start, i);
        i += 1;
        break;
      }
      if (ch === 92) {
        value += text.slice(start, i) + text[i + 1];
        i += 2;
        start = i;
        continue;
      }
      i += 1;
    }
    // Without positions (never written here) a lexeme matches at any weight, as PostgreSQL has it.
    let mask = ANY_STRONG;
    if (text.charCodeAt(i) === 58) {
      mask = 0;
      i += 1;
      // Positions: digits, then a weight letter (A, B, C) or none (D), comma-separated.
      while (i < n && text.charCodeAt(i) !== 32) {
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
        const letter = text[i];
        if (letter === 'A') mask |= 1;
        else if (letter === 'B') mask |= 2;
        else if (letter === 'C') mask |= 4;
        else mask |= 8;
        if (letter === 'A' || letter === 'B' || letter === 'C') i += 1;
        if (text.charCodeAt(i) === 44) i += 1;
      }
    }
    lexemes.push(value);
    masks.push(mask);
  }
  return { lexemes, masks };
}
