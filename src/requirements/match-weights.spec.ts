import { DEFAULT_WEIGHTS, resolveWeights, type MatchWeights } from './match-weights.js';

describe('resolveWeights', () => {
  it('returns the defaults, which sum to 1 and favour locality', () => {
    const resolved = resolveWeights(undefined);
    expect(resolved).toEqual({ ok: true, weights: DEFAULT_WEIGHTS });
    const w = DEFAULT_WEIGHTS;
    expect(w.fit + w.locality + w.certification + w.capacity + w.designation).toBeCloseTo(1, 9);
    expect(Math.max(w.fit, w.certification, w.capacity, w.designation)).toBeLessThan(w.locality);
  });

  it('keeps the defaults of the factors not given, and the whole must still sum to 1', () => {
    expect(resolveWeights({ locality: 0.5 })).toEqual({
      ok: false,
      problems: [
        {
          field: 'weights',
          message: 'weights must sum to 1, got 1.1; factors not given keep their defaults (fit 0.25, certification 0.15, capacity 0.12, designation 0.08)',
        },
      ],
    });
    // 0.15 + 0.5 + 0.15 + 0.12 + 0.08 = 1
    expect(resolveWeights({ locality: 0.5, fit: 0.15 })).toEqual({
      ok: true,
      weights: { fit: 0.15, locality: 0.5, certification: 0.15, capacity: 0.12, designation: 0.08 },
    });
  });

  it('rejects weights out of bounds', () => {
    // locality 0.1 < 0.2, designation 0.35 > 0.15; sum 0.25 + 0.1 + 0.15 + 0.15 + 0.35 = 1 is fine
    const resolved = resolveWeights({ locality: 0.1, designation: 0.35, capacity: 0.15 });
    expect(resolved).toEqual({
      ok: false,
      problems: [
        { field: 'weights.locality', message: 'must be between 0.2 and 0.7, got 0.1' },
        { field: 'weights.designation', message: 'must be between 0 and 0.15, got 0.35' },
      ],
    });
    expect(resolveWeights({ fit: -0.05, locality: 0.7 })).toEqual({
      ok: false,
      problems: [{ field: 'weights.fit', message: 'must be between 0 and 0.5, got -0.05' }],
    });
  });

  it('rejects non-numbers and unknown factors', () => {
    const resolved = resolveWeights({ fit: Number.NaN, price: 0.1 } as Partial<MatchWeights>);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) {
      expect(resolved.problems).toEqual([
        { field: 'weights.price', message: 'unknown factor; factors are fit, locality, certification, capacity, designation' },
        { field: 'weights.fit', message: 'must be a finite number' },
      ]);
    }
  });

  it('tolerates floating-point sums within 1e-6', () => {
    // 0.1 + 0.2 style noise
    expect(resolveWeights({ fit: 0.1 + 0.2, locality: 0.35 }).ok).toBe(true);
    expect(resolveWeights({ fit: 0.25 + 2e-6 }).ok).toBe(false);
  });
});
