/** Exponential back-off for outbox rows the indexer could not carry to the index. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 10 * 60_000 };

/** Delay before the next try, after `attempts` failed ones (1 → base, 2 → 2 × base, … capped). */
export function retryDelayMs(attempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (attempts < 1) return 0;
  const exponent = Math.min(attempts - 1, 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/** An error as one line for the outbox's last_error column. */
export function describeFailure(error: unknown, limit = 2000): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}
