/**
 * The seed generator's own pseudo-random numbers: mulberry32 (32-bit state, period 2^32),
 * so that the same seed gives the same rows on every machine and Node version. Nothing in
 * seeds/ may use Math.random or the clock for data.
 */

/** A 32-bit hash of a label (FNV-1a), to give each table its own stream: `deriveSeed(seed, 'contracts')`. */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seed for one named stream: changing how one table is generated leaves the others' rows alone. */
export function deriveSeed(seed: number, label: string): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ hashLabel(label)) >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A fresh, independent generator for a named stream of this one's seed. */
  static forStream(seed: number, label: string): Prng {
    return new Prng(deriveSeed(seed, label));
  }

  /** Uniform on [0, 1), 32 bits of randomness (mulberry32). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform on [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct items in random order (all of them if fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-space sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /**
   * A version-7-shaped UUID whose 48-bit millisecond field is `sequence` (a table's own
   * counter from a fixed epoch, not the clock), the rest from this stream. Ids made in order
   * sort in order, so a big table's primary-key index is filled at its right edge.
   */
  uuidV7(sequence: number): string {
    if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence >= 2 ** 48) throw new RangeError(`bad UUIDv7 sequence ${sequence}`);
    const high = Math.floor(sequence / 0x10000);
    const low = sequence % 0x10000;
    const b = this.nextUint32();
    const c = this.nextUint32();
    const d = this.nextUint32();
    return (
      `${high.toString(16).padStart(8, '0')}-${low.toString(16).padStart(4, '0')}-7${(b & 0xfff).toString(16).padStart(3, '0')}-` +
      `${HEX[((c >>> 24) & 63) | 0x80]}${HEX[(c >>> 16) & 255]}-${HEX[(c >>> 8) & 255]}${HEX[c & 255]}${HEX[d >>> 24]}${HEX[(d >>> 16) & 255]}${HEX[(d >>> 8) & 255]}${HEX[d & 255]}`
    );
  }

  /** A version-4-shaped UUID from this stream (deterministic, not cryptographic). */
  uuid(): string {
    const a = this.nextUint32();
    const b = this.nextUint32();
    const c = this.nextUint32();
    const d = this.nextUint32();
    const bytes = [
      a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255,
      b >>> 24, (b >>> 16) & 255, ((b >>> 8) & 15) | 0x40, b & 255,
      ((c >>> 24) & 63) | 0x80, (c >>> 16) & 255, (c >>> 8) & 255, c & 255,
      d >>> 24, (d >>> 16) & 255, (d >>> 8) & 255, d & 255,
    ];
    const h = bytes.map((x) => HEX[x]);
    return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
  }
}

/**
 * Picks from a fixed list by weight in O(log n) (cumulative sums and binary search): build
 * once, draw many times.
 */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length) throw new RangeError('weighted pick needs one weight per item, and items');
    let sum = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`bad weight ${w}`);
      sum += w;
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new RangeError('weights sum to zero');
    this.total = sum;
  }

  static of<T>(entries: readonly (readonly [T, number])[]): WeightedPicker<T> {
    return new WeightedPicker(entries.map((e) => e[0]), entries.map((e) => e[1]));
  }

  get size(): number {
    return this.items.length;
  }

  pick(rng: Prng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/** Time-ordered ids for one table: UUIDv7 shapes counting up from a fixed epoch (milliseconds). */
export class IdSequence {
  private next = 0;

  constructor(
    private readonly rng: Prng,
    private readonly epochMs: number,
  ) {}

  id(): string {
    return this.rng.uuidV7(this.epochMs + this.next++);
  }
}
