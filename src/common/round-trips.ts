/**
 * One statement per round trip for work that every request does (read the token's user, count
 * a rate-limit hit): requests that arrive while a statement is in flight wait for the next one,
 * which carries all of them. Under load a process then sends a handful of statements where it
 * would send one per request; an idle process sends each request's statement at once.
 *
 * Freshness is as without it: a request is only ever served by a statement sent after the
 * request asked — never by one already in flight — so it sees everything committed before it
 * arrived (a disabled user, a revoked token, every earlier hit).
 */
export class RoundTrips<Q, A> {
  private waiting: { question: Q; resolve: (answer: A) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = false;

  /** `send` answers a batch of questions with one statement, one answer per question in order. */
  constructor(private readonly send: (questions: Q[]) => Promise<A[]>) {}

  ask(question: Q): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      this.waiting.push({ question, resolve, reject });
      if (!this.inFlight) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          const answers = await this.send(batch.map((w) => w.question));
          if (answers.length !== batch.length) throw new Error(`${answers.length} answers to ${batch.length} questions`);
          batch.forEach((w, i) => w.resolve(answers[i]));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.inFlight = false;
    }
  }
}

/** One key's hits in one statement: `hits` is the key's count after all `n` of them. */
export interface MergedHits {
  key: string;
  n: number;
}

/**
 * Merges the keys of several requests' hits (`questions`, each a list of keys) into one count
 * per key, in key order; `perRequest` then gives each request its own count for each of its
 * keys, as if the requests had been counted one after the other in arrival order: with `total`
 * hits on a key after the statement, and `n` of them from this batch, the batch's requests on
 * that key have counts total − n + 1, …, total.
 */
export function mergeHits(questions: readonly (readonly string[])[]): { merged: MergedHits[]; perRequest: (totals: Map<string, number>) => Map<string, number>[] } {
  const counts = new Map<string, number>();
  for (const keys of questions) for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const merged = [...counts.keys()].sort().map((key) => ({ key, n: counts.get(key) as number }));
  return {
    merged,
    perRequest: (totals) => {
      const seen = new Map<string, number>();
      return questions.map((keys) => {
        const own = new Map<string, number>();
        for (const key of new Set(keys)) {
          const ordinal = (seen.get(key) ?? 0) + 1;
          seen.set(key, ordinal);
          const total = totals.get(key);
          if (total === undefined) throw new Error(`no count for ${key}`);
          own.set(key, total - (counts.get(key) as number) + ordinal);
        }
        return own;
      });
    },
  };
}
