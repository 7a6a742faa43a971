/**
 * The match weights a buyer may set (src/requirements/match-weights.ts holds the rule: each
 * within its bounds, the five summing to 1). Moving one slider rebalances the others within
 * their bounds, so every position the sliders can reach is a valid set of weights.
 */
export type FactorName = 'locality' | 'fit' | 'certification' | 'capacity' | 'designation';
export const FACTORS: readonly FactorName[] = ['locality', 'fit', 'certification', 'capacity', 'designation'];
export type Weights = Record<FactorName, number>;

export const DEFAULT_WEIGHTS: Weights = { fit: 0.25, locality: 0.4, certification: 0.15, capacity: 0.12, designation: 0.08 };
export const WEIGHT_BOUNDS: Record<FactorName, { min: number; max: number }> = {
  fit: { min: 0, max: 0.5 },
  locality: { min: 0.2, max: 0.7 },
  certification: { min: 0, max: 0.5 },
  capacity: { min: 0, max: 0.5 },
  designation: { min: 0, max: 0.15 },
};

const cents = (x: number) => Math.round(x * 100);

/**
 * Sets `factor` to `value` (clamped to its bounds and to what the others can absorb) and
 * spreads the difference over the other factors in proportion to their room, in whole
 * hundredths, so that the five still sum to exactly 1.
 */
export function rebalance(weights: Weights, factor: FactorName, value: number): Weights {
  const others = FACTORS.filter((f) => f !== factor);
  const othersMin = others.reduce((s, f) => s + cents(WEIGHT_BOUNDS[f].min), 0);
  const othersMax = others.reduce((s, f) => s + cents(WEIGHT_BOUNDS[f].max), 0);
  const lo = Math.max(cents(WEIGHT_BOUNDS[factor].min), 100 - othersMax);
  const hi = Math.min(cents(WEIGHT_BOUNDS[factor].max), 100 - othersMin);
  const target = Math.min(hi, Math.max(lo, cents(value)));
  const next: Record<FactorName, number> = Object.fromEntries(FACTORS.map((f) => [f, cents(weights[f])])) as Record<FactorName, number>;
  next[factor] = target;
  // Hand out (or take back) the difference one hundredth at a time, to the factor with the most room.
  let diff = 100 - FACTORS.reduce((s, f) => s + next[f], 0);
  while (diff !== 0) {
    const step = diff > 0 ? 1 : -1;
    const room = (f: FactorName) => (step > 0 ? cents(WEIGHT_BOUNDS[f].max) - next[f] : next[f] - cents(WEIGHT_BOUNDS[f].min));
    const candidates = others.filter((f) => room(f) > 0).sort((a, b) => room(b) / Math.max(1, next[b]) - room(a) / Math.max(1, next[a]) || room(b) - room(a));
    if (candidates.length === 0) break;
    next[candidates[0]] += step;
    diff -= step;
  }
  return Object.fromEntries(FACTORS.map((f) => [f, next[f] / 100])) as Weights;
}
