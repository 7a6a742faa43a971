/**
 * Fixed-window rate limits. The arithmetic is pure (`retryAfterSeconds`); the counting goes
 * through a `HitCounter` port, so that every process on one database shares the same windows
 * (`src/common/rate-limit-windows.ts`, PostgreSQL) — or, in a unit test, one process's memory
 * (`MemoryHitCounter`).
 */

/** One counted hit: the key's hits in its current window, the window's start and the counter's clock. */
export interface WindowCount {
  key: string;
  hits: number;
  windowStart: Date;
  now: Date;
}

/**
 * Counts one hit on each key, in the key's window of `windowSeconds` as `nextWindow` moves it
 * (the PostgreSQL adapter runs the same rule in SQL).
 */
export interface HitCounter {
  hit(keys: readonly string[], windowSeconds: number): Promise<WindowCount[]>;
}

export interface Window {
  start: number;
  hits: number;
}

/**
 * A key's window after one more hit at `now` (ms): a window opens at a key's first hit and
 * lasts `windowMs`; a hit after it has ended opens the next one.
 */
export function nextWindow(previous: Window | null, now: number, windowMs: number): Window {
  if (!previous || now - previous.start >= windowMs) return { start: now, hits: 1 };
  return { start: previous.start, hits: previous.hits + 1 };
}

/** Seconds to wait before the window ends when `hits` exceed `limit`, else 0 (at least 1 when over). */
export function retryAfterSeconds(hits: number, limit: number, windowStart: number, windowMs: number, now: number): number {
  if (hits <= limit) return 0;
  return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
}

export interface RateLimit {
  key: string;
  limit: number;
}

/**
 * Counts one hit on every key (one call to the counter) and returns the longest wait any
 * over-limit key asks for, in seconds; 0 when all are within their limits.
 */
export async function countHits(counter: HitCounter, limits: readonly RateLimit[], windowSeconds: number): Promise<number> {
  if (limits.length === 0) return 0;
  const counts = await counter.hit(limits.map((l) => l.key), windowSeconds);
  const limitOf = new Map(limits.map((l) => [l.key, l.limit]));
  let wait = 0;
  for (const c of counts) {
    const limit = limitOf.get(c.key);
    if (limit === undefined) continue;
    wait = Math.max(wait, retryAfterSeconds(c.hits, limit, c.windowStart.getTime(), windowSeconds * 1000, c.now.getTime()));
  }
  return wait;
}

/** In this process's memory, with a clock passed in: for unit tests and tools without a database. */
export class MemoryHitCounter implements HitCounter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: () => number = Date.now) {}

  async hit(keys: readonly string[], windowSeconds: number): Promise<WindowCount[]> {
    const now = this.clock();
    return keys.map((key) => {
      const window = nextWindow(this.windows.get(key) ?? null, now, windowSeconds * 1000);
      this.windows.set(key, window);
      return { key, hits: window.hits, windowStart: new Date(window.start), now: new Date(now) };
    });
  }
}
