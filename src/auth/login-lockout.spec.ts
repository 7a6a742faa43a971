import { LOCKOUT_AFTER, reserveAttempt, type ThrottleState } from './login-lockout.js';

const at = (iso: string) => new Date(iso);

function run(attempts: number, start: ThrottleState | null, now: Date): { evaluated: number; state: ThrottleState | null } {
  let state = start;
  let evaluated = 0;
  for (let i = 0; i < attempts; i += 1) {
    const r = reserveAttempt(state, now);
    if (r.allowed) {
      evaluated += 1;
      state = r.next;
    }
  }
  return { evaluated, state };
}

describe('login lockout', () => {
  it('evaluates at most LOCKOUT_AFTER attempts in a row, then locks for 15 minutes', () => {
    const now = at('2026-12-01T10:00:00Z');
    const { evaluated, state } = run(50, null, now);
    expect(evaluated).toBe(LOCKOUT_AFTER);
    expect(state?.lockedUntil?.toISOString()).toBe('2026-12-01T10:15:00.000Z');
  });

  it('doubles the lock with each failure after it expires, up to a day', () => {
    let state: ThrottleState | null = run(LOCKOUT_AFTER, null, at('2026-12-01T10:00:00Z')).state;
    const r1 = reserveAttempt(state, at('2026-12-01T10:16:00Z'));
    expect(r1).toMatchObject({ allowed: true, next: { failures: 6, lockedUntil: at('2026-12-01T10:46:00Z') } });
    state = { failures: 12, lockedUntil: at('2026-12-01T09:00:00Z'), lastFailureAt: at('2026-12-01T09:30:00Z') };
    const r2 = reserveAttempt(state, at('2026-12-01T10:00:00Z'));
    expect(r2).toMatchObject({ allowed: true, next: { failures: 13, lockedUntil: at('2026-12-02T10:00:00Z') } });
  });

  it('refuses while locked and starts over after a day without failures', () => {
    const locked: ThrottleState = { failures: 5, lockedUntil: at('2026-12-01T10:15:00Z'), lastFailureAt: at('2026-12-01T10:00:00Z') };
    expect(reserveAttempt(locked, at('2026-12-01T10:14:59Z'))).toEqual({ allowed: false, lockedUntil: locked.lockedUntil });
    expect(reserveAttempt({ ...locked, lockedUntil: null }, at('2026-12-02T10:00:01Z'))).toMatchObject({ allowed: true, next: { failures: 1, lockedUntil: null } });
  });
});
