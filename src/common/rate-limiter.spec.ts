import { FixedWindowLimiter } from './rate-limiter.js';

describe('FixedWindowLimiter', () => {
  it('allows the limit, refuses the next with the seconds to wait, and resets with the window', () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    expect([limiter.hit('a', 0), limiter.hit('a', 1000), limiter.hit('a', 2000)]).toEqual([0, 0, 0]);
    expect(limiter.hit('a', 30_000)).toBe(30);
    expect(limiter.hit('b', 30_000)).toBe(0);
    expect(limiter.hit('a', 60_000)).toBe(0);
  });
});
