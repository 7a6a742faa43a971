/**
 * Account lockout, as a pure rule: each sign-in attempt for an e-mail reserves its place in the
 * count *before* the password is checked, under a row lock, so that however many attempts run
 * at once, no more than LOCKOUT_AFTER of them are ever evaluated before the lock.
 */

/** Failed sign-ins in a row before an e-mail is locked. */
export const LOCKOUT_AFTER = 5;
/** The first lock; each further failure doubles it, up to a day. */
export const FIRST_LOCK_MINUTES = 15;
export const LONGEST_LOCK_MINUTES = 24 * 60;
/** A count older than this starts again from one. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
  lastFailureAt: Date;
}

export type Reservation = { allowed: false; lockedUntil: Date } | { allowed: true; next: ThrottleState };

/**
 * Whether an attempt may be evaluated now, and the state to store if so: the attempt counts as a
 * failure until it succeeds (a success clears the state). The attempt that reaches the limit
 * sets the lock as it reserves, so attempts running beside it are refused unevaluated.
 */
export function reserveAttempt(state: ThrottleState | null, now: Date): Reservation {
  if (state?.lockedUntil && state.lockedUntil.getTime() > now.getTime()) return { allowed: false, lockedUntil: state.lockedUntil };
  const stale = !state || state.lastFailureAt.getTime() < now.getTime() - FAILURE_MEMORY_MS;
  const failures = stale ? 1 : state.failures + 1;
  const lockedUntil =
    failures >= LOCKOUT_AFTER
      ? new Date(now.getTime() + Math.min(FIRST_LOCK_MINUTES * 2 ** (failures - LOCKOUT_AFTER), LONGEST_LOCK_MINUTES) * 60_000)
      : null;
  return { allowed: true, next: { failures, lockedUntil, lastFailureAt: now } };
}
