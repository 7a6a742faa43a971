/**
 * Early-stopping top-k over the match index (a threshold algorithm). The index's one pass gives
 * every eligible supplier's factor values except text; the score with text relevance 1 is an
 * upper bound of its real score (`scoreOfValues` is non-decreasing in every value). Suppliers
 * are visited best bound first (ties by supplier id); only visited ones get their exact text
 * relevance (from the search port, in batches) and their exact score, by `scoreMatch` itself on
 * the same facts the reference ranking reads. The walk stops when it holds the page (and one
 * more, to know whether a next page exists) and the next bound cannot beat the last of it.
 *
 * The order is the reference's (`rankMatches`): score descending, ties by supplier id in code-
 * unit order; the cursor (score, supplier id) selects what comes after it. No Nest, no SQL: the
 * caller passes the relevance lookup.
 */
import type { MatchWeights } from '../requirements/match-weights.js';
import type { RequirementFacts, SupplierFacts } from './match-facts.js';
import type { CandidateValues, MatchIndex } from './match-index.js';
import { scoreMatch, scoreOfValues, type MatchScore } from './match-scoring.js';
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

interface Bound {
  id: string;
  bound: number;
  facts: () => SupplierFacts;
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
): Promise<TopKResult> {
  const bounds: Bound[] = [];
  const { ordinals } = values;
  for (let i = 0; i < ordinals.length; i += 1) {
    const ordinal = ordinals[i];
    const bound = scoreOfValues(
      { fit: values.fitBound[i], locality: values.locality[i], certification: values.certification[i], capacity: values.capacity[i], designation: values.designation[i] },
      weights,
    );
    bounds.push({ id: index.supplierId(ordinal), bound, facts: () => index.materialize(ordinal, req) });
  }
  for (const facts of values.overlay) {
    bounds.push({ id: facts.supplierId, bound: scoreMatch(req, { ...facts, textRelevance: 1 }, weights).score, facts: () => facts });
  }
  bounds.sort((a, b) => b.bound - a.bound || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

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
    const text = await relevance(facts.map((f) => f.supplierId));
    for (const f of facts) {
      f.textRelevance = text.get(f.supplierId) ?? 0;
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
