import type { DataSource } from 'typeorm';
import type { HitCounter, WindowCount } from './rate-limiter.js';
import { RoundTrips, mergeHits } from './round-trips.js';

/**
 * The rate-limit counters of every process on this database, in the UNLOGGED table
 * `rate_limit_windows (key, window_start, hits)`: a lost counter after a crash only resets a
 * window. Hits are counted by an `INSERT … ON CONFLICT DO UPDATE … RETURNING` of all their keys
 * at once, on the database's clock, so replicas agree on the windows. The window rule is
 * `nextWindow` (rate-limiter.ts) in SQL: a window opens at a key's first hit and the first hit
 * after it ends opens the next. Requests arriving while a statement is in flight are counted
 * together by the next one (`RoundTrips`), each request getting the count it would have had
 * counted alone in arrival order (`mergeHits`): under load one statement counts many requests.
 * Ended windows are deleted by `sweep` (on a timer, not on the request path).
 */
export class PostgresHitCounter implements HitCounter {
  private readonly trips = new Map<number, RoundTrips<readonly string[], WindowCount[]>>();

  constructor(private readonly dataSource: DataSource) {}

  hit(keys: readonly string[], windowSeconds: number): Promise<WindowCount[]> {
    let trips = this.trips.get(windowSeconds);
    if (!trips) this.trips.set(windowSeconds, (trips = new RoundTrips((questions) => this.count(questions, windowSeconds))));
    return trips.ask(keys);
  }

  private async count(questions: (readonly string[])[], windowSeconds: number): Promise<WindowCount[][]> {
    // Keys in one order (mergeHits sorts them), so that two statements that share keys lock their rows in the same order.
    const { merged, perRequest } = mergeHits(questions);
    const rows = await this.dataSource.query<{ key: string; hits: number; window_start: Date; now: Date }[]>(
      `INSERT INTO rate_limit_windows AS w (key, window_start, hits)
       SELECT k, statement_timestamp(), n FROM unnest($1::text[], $3::int[]) WITH ORDINALITY AS u(k, n, i) ORDER BY i
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN w.window_start <= statement_timestamp() - make_interval(secs => $2) THEN statement_timestamp() ELSE w.window_start END,
         hits = CASE WHEN w.window_start <= statement_timestamp() - make_interval(secs => $2) THEN EXCLUDED.hits ELSE w.hits + EXCLUDED.hits END
       RETURNING key, hits, window_start, statement_timestamp() AS now`,
      [merged.map((m) => m.key), windowSeconds, merged.map((m) => m.n)],
    );
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const own = perRequest(new Map(rows.map((r) => [r.key, r.hits])));
    return questions.map((keys, i) =>
      [...own[i]].map(([key, hits]) => {
        const row = byKey.get(key) as (typeof rows)[number];
        return { key, hits, windowStart: row.window_start, now: row.now };
      }),
    );
  }

  /** Deletes the windows that have ended. */
  async sweep(windowSeconds: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_windows WHERE window_start <= statement_timestamp() - make_interval(secs => $1)`, [windowSeconds]);
  }
}
