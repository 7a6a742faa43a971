import fc from 'fast-check';
import { DEFAULT_WEIGHTS, FACTORS, WEIGHT_BOUNDS, rebalance, type FactorName, type Weights } from './weights.js';

const cents = (w: Weights) => FACTORS.reduce((sum, f) => sum + Math.round(w[f] * 100), 0);
const withinBounds = (w: Weights) => FACTORS.every((f) => w[f] >= WEIGHT_BOUNDS[f].min - 1e-9 && w[f] <= WEIGHT_BOUNDS[f].max + 1e-9);

describe('rebalance (the buyer\'s weight sliders)', () => {
  it('keeps every weight within its bounds and the five summing to exactly 1, whatever is moved', () => {
    const factor = fc.constantFrom<FactorName>(...FACTORS);
    fc.assert(
      fc.property(fc.array(fc.tuple(factor, fc.double({ min: -0.5, max: 1.5, noNaN: true })), { minLength: 1, maxLength: 20 }), (moves) => {
        let w: Weights = { ...DEFAULT_WEIGHTS };
        for (const [f, value] of moves) {
          w = rebalance(w, f, value);
          expect(cents(w)).toBe(100);
          expect(withinBounds(w)).toBe(true);
        }
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('gives the moved factor the value asked for when the others can absorb it', () => {
    const w = rebalance(DEFAULT_WEIGHTS, 'locality', 0.6);
    expect(w.locality).toBe(0.6);
    expect(cents(w)).toBe(100);
    // The difference came out of the others, none below its minimum.
    expect(FACTORS.filter((f) => f !== 'locality').every((f) => w[f] <= DEFAULT_WEIGHTS[f])).toBe(true);
  });

  it('clamps a value beyond the bounds', () => {
    expect(rebalance(DEFAULT_WEIGHTS, 'designation', 0.9).designation).toBe(0.15);
    expect(rebalance(DEFAULT_WEIGHTS, 'locality', 0).locality).toBe(0.2);
  });
});
