import { describeFailure, retryDelayMs } from './retry.js';

describe('retryDelayMs', () => {
  it('doubles from the base delay and stops at the cap', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect([0, 1, 2, 3, 4, 6, 7, 50].map((n) => retryDelayMs(n, policy))).toEqual([0, 1000, 2000, 4000, 8000, 32_000, 60_000, 60_000]);
  });

  it('uses a one-second base and a ten-minute cap by default', () => {
    expect(retryDelayMs(1)).toBe(1000);
    expect(retryDelayMs(100)).toBe(600_000);
  });
});

describe('describeFailure', () => {
  it('keeps one line, cut to the limit', () => {
    expect(describeFailure(new TypeError('bad\n  thing'))).toBe('TypeError: bad thing');
    expect(describeFailure('x'.repeat(50), 10)).toBe('xxxxxxxxx…');
  });
});
