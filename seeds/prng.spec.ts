import { Prng, WeightedPicker, deriveSeed } from './prng.js';

describe('Prng (mulberry32)', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const first = Array.from({ length: 100 }, () => a.nextUint32());
    expect(Array.from({ length: 100 }, () => b.nextUint32())).toEqual(first);
  });

  it('matches the reference mulberry32 output for seed 42', () => {
    // Reference values of the published algorithm (state += 0x6D2B79F5, …) for seed 42.
    const rng = new Prng(42);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([2581720956, 1925393290, 3661312704]);
  });

  it('gives different sequences for different seeds and streams', () => {
    expect(new Prng(1).nextUint32()).not.toBe(new Prng(2).nextUint32());
    expect(deriveSeed(42, 'contracts')).not.toBe(deriveSeed(42, 'suppliers'));
    expect(Prng.forStream(42, 'contracts').nextUint32()).toBe(Prng.forStream(42, 'contracts').nextUint32());
  });

  it('draws integers within bounds, roughly uniformly', () => {
    const rng = new Prng(7);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.int(0, 5)]++;
    for (const c of counts) expect(c).toBeGreaterThan(9_500);
    for (const c of counts) expect(c).toBeLessThan(10_500);
  });

  it('makes version-4-shaped UUIDs, deterministically', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => new Prng(i).uuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1000);
    expect(new Prng(5).uuid()).toBe(new Prng(5).uuid());
  });

  it('samples distinct items', () => {
    const sample = new Prng(3).sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(sample).size).toBe(3);
    expect(new Prng(3).sample(['a'], 5)).toEqual(['a']);
  });

  it('log-normal draws have the given median', () => {
    const rng = new Prng(11);
    const draws = Array.from({ length: 20_001 }, () => rng.logNormal(100, 0.7)).sort((x, y) => x - y);
    expect(draws[10_000]).toBeGreaterThan(95);
    expect(draws[10_000]).toBeLessThan(105);
  });
});

describe('WeightedPicker', () => {
  it('picks in proportion to the weights', () => {
    const picker = WeightedPicker.of<string>([['a', 1], ['b', 3], ['c', 0]]);
    const rng = new Prng(9);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[picker.pick(rng)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / 40_000).toBeGreaterThan(0.73);
    expect(counts.b / 40_000).toBeLessThan(0.77);
  });

  it('refuses empty or zero weights', () => {
    expect(() => WeightedPicker.of<string>([])).toThrow(RangeError);
    expect(() => WeightedPicker.of([['a', 0]])).toThrow(RangeError);
    expect(() => WeightedPicker.of([['a', -1]])).toThrow(RangeError);
  });
});
