/**
 * Early-stopping top-k over the match index (a threshold algorithm). The index's one pass gives
 * every eligible supplier's factor values except text; the score with text relevance 1 is an
 * upper bound of its real score (`scoreOfValues` is non-decreasing in every value). With the
 * suppliers' search text in the index, the bound uses the relevance computed in process
 * (match-text.ts) instead of 1, so it is tight. Suppliers are visited best bound first (ties by
 * supplier id); only visited ones get their exact text relevance (computed in process when
 * `TextUnits.exact`, else from the search port, in batches) and their exact score, by
 * `scoreMatch` itself on the same facts the reference ranking reads. The walk stops when it holds the page (and one
 * more, to know whether a next page exists) and the next bound cannot beat the last of it.
 *
 * The order is the reference's (`rankMatches`): score descending, ties by supplier id in code-
 * unit order; the cursor (score, supplier id) selects what comes after it. No Nest, no SQL: the
 * caller passes the relevance lookup.
 */
import type { MatchWeights } from '../requirements/match-weights.js';
import type { RequirementFacts, SupplierFacts } from './match-facts.js';
import type { CandidateValues, MatchIndex } from './match-index.js';
import { fitValue, scoreMatch, scoreOfValues, type MatchScore } from './match-scoring.js';
import { relevanceOfUnits } from '../search/search-index.port.js';
import { hardFilterFailures } from './qualification.js';

export interface ScoredFacts {
  score: MatchScore;
  facts: SupplierFacts;
}

export interface TopKResult {
  /** Up to `first + 1` matches after the cursor, best first. */
  matches: ScoredFacts[];
  /** Eligible suppliers over all pages. */
  total: number;
  /** Suppliers whose exact score was computed (for the benchmark). */
  visited: number;
}

export type Relevance = (ids: readonly string[]) => Promise<Map<string, number>>;

/**
 * Text relevance computed in process (match-text.ts) for the candidates: each one's concepts'
 * worth in ten-thousandths (-1 / null: unknown, bounded by 1), over `concepts` concepts. The
 * bound of a candidate is its score at that relevance; with `exact`, that relevance is also
 * its text relevance (no lookup), else the lookup gives it.
 */
export interface TextUnits {
  units: Int32Array;
  overlayUnits: (number | null)[];
  concepts: number;
  exact: boolean;
}

/** Above a relevance computed in process, so that the bound stays above the score whatever the rounding. */
const TEXT_SLACK = 1e-9;

function textBound(units: number, concepts: number): number {
  if (units < 0) return 1;
  if (concepts === 0) return 0;
  return Math.min(1, units / (10_000 * concepts) + TEXT_SLACK);
}

/** A candidate's best possible score; a ranking walks them in order (see `sortedBounds`). */
export interface Bound {
  id: string;
  bound: number;
  facts: () => SupplierFacts;
  /** The concepts' worth computed in process (TextUnits), else -1. */
  units: number;
}

/** Is (score, id) ranked before (otherScore, otherId)? */
function before(score: number, id: string, otherScore: number, otherId: string): boolean {
  return score > otherScore || (score === otherScore && id < otherId);
}

/** The first batch of relevance lookups is the page (and one more) and this margin; later batches double. */
export const FIRST_BATCH_MARGIN = 16;

export async function topKMatches(
  index: MatchIndex,
  req: RequirementFacts,
  weights: MatchWeights,
  first: number,
  cursor: { score: number; supplierId: string } | null,
  relevance: Relevance,
  values: CandidateValues = index.candidates(req, (f) => hardFilterFailures(req, f).length === 0),
  batchMargin: number = FIRST_BATCH_MARGIN,
  text: TextUnits | null = null,
  bounds: readonly Bound[] = sortedBounds(index, req, weights, values, text),
): Promise<TopKResult> {
  const need = first + 1;
  const kept: ScoredFacts[] = [];
  let next = 0;
  let batch = Math.max(1, need + batchMargin);
  while (next < bounds.length) {
    if (kept.length >= need) {
      const last = kept[need - 1].score;
      const head = bounds[next];
      if (before(last.score, last.supplierId, head.bound, head.id)) break;
    }
    const slice = bounds.slice(next, next + batch);
    next += slice.length;
    batch *= 2;
    const facts = slice.map((b) => b.facts());
    const inProcess = (b: Bound) => text !== null && text.exact && b.units >= 0;
    const unknown = slice.filter((b) => !inProcess(b)).map((b) => b.id);
    const looked = unknown.length > 0 ? await relevance(unknown) : new Map<string, number>();
    for (const [i, f] of facts.entries()) {
      f.textRelevance = inProcess(slice[i]) ? relevanceOfUnits(slice[i].units, text!.concepts) : (looked.get(f.supplierId) ?? 0);
      const score = scoreMatch(req, f, weights);
      if (!score.eligible) continue;
      if (cursor && !before(cursor.score, cursor.supplierId, score.score, score.supplierId)) continue;
      kept.push({ score, facts: f });
    }
    kept.sort((a, b) => b.score.score - a.score.score || (a.score.supplierId < b.score.supplierId ? -1 : a.score.supplierId > b.score.supplierId ? 1 : 0));
    if (kept.length > need) kept.length = need;
  }
  return { matches: kept, total: bounds.length, visited: next };
}

/**
 * Every candidate's bound, best first (ties by supplier id): a pure function of the candidate
 * values, the text worths and the weights, so a caller may keep it while those stay the same.
 */
export function sortedBounds(index: MatchIndex, req: RequirementFacts, weights: MatchWeights, values: CandidateValues, text: TextUnits | null): Bound[] {
  const bounds: Bound[] = [];
  const { ordinals } = values;
  for (let i = 0; i < ordinals.length; i += 1) {
    const ordinal = ordinals[i];
    const units = text ? text.units[i] : -1;
    const specShare = values.specShare[i];
    const fit = units < 0 ? values.fitBound[i] : fitValue(textBound(units, text!.concepts), Number.isNaN(specShare) ? null : specShare);
    const bound = scoreOfValues({ fit, locality: values.locality[i], certification: values.certification[i], capacity: values.capacity[i], designation: values.designation[i] }, weights);
    bounds.push({ id: index.supplierId(ordinal), bound, facts: () => index.materialize(ordinal, req), units });
  }
  values.overlay.forEach((facts, i) => {
    const units = text?.overlayUnits[i] ?? -1;

    const relevance = text && units >= 0 ? textBound(units, text.concepts) : 1;
    bounds.push({ id: facts.supplierId, bound: scoreMatch(req, { ...facts, textRelevance: relevance }, weights).score, facts: () => facts, units });
  });
  bounds.sort((a, b) => b.bound - a.bound || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return bounds;
}
