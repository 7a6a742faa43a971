/**
 * A requirement's match weights: the five factors of matching's score, their defaults, the
 * bounds a buyer may set them within, and the rule that fills in and validates a buyer's
 * partial weights. Requirements own them (a requirement stores its `matchWeights` and is
 * validated with `resolveWeights` when written); matching reads them to score. Pure.
 */

export type FactorName = 'fit' | 'locality' | 'certification' | 'capacity' | 'designation';

export interface MatchWeights {
  fit: number;
  locality: number;
  certification: number;
  capacity: number;
  designation: number;
}

export const FACTOR_NAMES: readonly FactorName[] = ['fit', 'locality', 'certification', 'capacity', 'designation'];

/** Locality first: it is the point of the marketplace. Sums to 1. */
export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  fit: 0.25,
  locality: 0.4,
  certification: 0.15,
  capacity: 0.12,
  designation: 0.08,
});

/** Inclusive bounds a buyer may set each weight within. Locality can never be switched off. */
export const WEIGHT_BOUNDS: Readonly<Record<FactorName, { min: number; max: number }>> = Object.freeze({
  fit: { min: 0, max: 0.5 },
  locality: { min: 0.2, max: 0.7 },
  certification: { min: 0, max: 0.5 },
  capacity: { min: 0, max: 0.5 },
  designation: { min: 0, max: 0.15 },
});

export const WEIGHT_SUM_TOLERANCE = 1e-6;

export interface WeightProblem {
  /** `weights` for the sum, `weights.<factor>` for one factor. */
  field: string;
  message: string;
}

export type ResolvedWeights = { ok: true; weights: MatchWeights } | { ok: false; problems: WeightProblem[] };

/**
 * Fills in the weights the buyer did not give and validates the result.
 *
 * Policy: a factor the buyer leaves out keeps its DEFAULT weight — nothing is rescaled behind
 * the buyer's back — and the complete set must still sum to 1 (±1e-6). So raising locality to
 * 0.5 alone is rejected (sum 1.10); the buyer must lower another factor by 0.10 as well. Each
 * given weight must be a finite number within WEIGHT_BOUNDS; unknown factor names are rejected.
 * null/undefined means "all defaults".
 */
export function resolveWeights(partial?: Partial<MatchWeights> | null): ResolvedWeights {
  const given: Record<string, unknown> = { ...(partial ?? {}) };
  const problems: WeightProblem[] = [];
  for (const key of Object.keys(given)) {
    if (given[key] === undefined) continue;
    if (!(FACTOR_NAMES as readonly string[]).includes(key)) {
      problems.push({ field: `weights.${key}`, message: `unknown factor; factors are ${FACTOR_NAMES.join(', ')}` });
    }
  }
  const weights = { ...DEFAULT_WEIGHTS };
  let allFinite = true;
  for (const name of FACTOR_NAMES) {
    const value = given[name];
    if (value === undefined || value === null) continue;
    const { min, max } = WEIGHT_BOUNDS[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      allFinite = false;
      problems.push({ field: `weights.${name}`, message: 'must be a finite number' });
      continue;
    }
    if (value < min || value > max) {
      problems.push({ field: `weights.${name}`, message: `must be between ${min} and ${max}, got ${value}` });
    }
    weights[name] = value;
  }
  if (allFinite) {
    const sum = FACTOR_NAMES.reduce((acc, name) => acc + weights[name], 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      const defaulted = FACTOR_NAMES.filter((name) => given[name] == null);
      const note = defaulted.length > 0 ? `; factors not given keep their defaults (${defaulted.map((n) => `${n} ${DEFAULT_WEIGHTS[n]}`).join(', ')})` : '';
      problems.push({ field: 'weights', message: `weights must sum to 1, got ${round(sum, 6)}${note}` });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, weights };
}

/** Rounding to `places` decimals, half up, robust to binary artefacts. */
function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(Number((x * f).toPrecision(15))) / f;
}
