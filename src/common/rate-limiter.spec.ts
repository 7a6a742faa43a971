import { MemoryHitCounter, countHits, nextWindow, retryAfterSeconds } from './rate-limiter.js';

describe('rate-limit arithmetic', () => {
  it('opens a window at a key\'s first hit and the next one at the first hit after it ends', () => {
    expect(nextWindow(null, 5_000, 60_000)).toEqual({ start: 5_000, hits: 1 });
    expect(nextWindow({ start: 5_000, hits: 1 }, 64_999, 60_000)).toEqual({ start: 5_000, hits: 2 });
    expect(nextWindow({ start: 5_000, hits: 9 }, 65_000, 60_000)).toEqual({ start: 65_000, hits: 1 });
    expect(nextWindow({ start: 5_000, hits: 9 }, 500_000, 60_000)).toEqual({ start: 500_000, hits: 1 });
  });

  it('allows the limit and asks the next hit to wait until the window ends', () => {
    expect(retryAfterSeconds(3, 3, 0, 60_000, 30_000)).toBe(0);
    expect(retryAfterSeconds(4, 3, 0, 60_000, 30_000)).toBe(30);
    expect(retryAfterSeconds(4, 3, 0, 60_000, 30_001)).toBe(30);
    expect(retryAfterSeconds(4, 3, 0, 60_000, 29_999)).toBe(31);
  });

  it('never asks for less than a second when over the limit', () => {
    expect(retryAfterSeconds(10, 3, 0, 60_000, 59_999)).toBe(1);
    expect(retryAfterSeconds(10, 3, 0, 60_000, 60_000)).toBe(1);
  });
});

describe('countHits', () => {
  it('counts every key once per call, returns the longest wait, and resets with the window', async () => {
    let now = 0;
    const counter = new MemoryHitCounter(() => now);
    const limits = [{ key: 'ip:a', limit: 3 }, { key: 'user:u', limit: 2 }];
    expect(await countHits(counter, limits, 60)).toBe(0);
    now = 1000;
    expect(await countHits(counter, limits, 60)).toBe(0);
    now = 30_000;
    expect(await countHits(counter, limits, 60)).toBe(30); // user over (3 > 2), address at its limit
    expect(await countHits(counter, [{ key: 'ip:b', limit: 3 }], 60)).toBe(0);
    now = 60_000;
    expect(await countHits(counter, limits, 60)).toBe(0);
    expect(await countHits(counter, limits, 60)).toBe(0);
    expect(await countHits(counter, limits, 60)).toBe(60); // the user's second window: its third hit
  });

  it('asks nothing of the counter without limits', async () => {
    let calls = 0;
    const counter = { hit: async () => (calls++, []) };
    expect(await countHits(counter, [], 60)).toBe(0);
    expect(calls).toBe(0);
  });
});
