import type { DataSource } from 'typeorm';
import type { HitCounter, WindowCount } from './rate-limiter.js';

/**
 * The rate-limit counters of every process on this database, in the UNLOGGED table
 * `rate_limit_windows (key, window_start, hits)`: a lost counter after a crash only resets a
 * window. Each request costs one statement — an `INSERT … ON CONFLICT DO UPDATE … RETURNING`
 * of all its keys at once — on the database's clock, so replicas agree on the windows. The
 * window rule is `nextWindow` (rate-limiter.ts) in SQL: a window opens at a key's first hit and
 * the first hit after it ends opens the next. Ended windows are deleted by `sweep` (on a timer,
 * not on the request path).
 */
export class PostgresHitCounter implements HitCounter {
  constructor(private readonly dataSource: DataSource) {}

  async hit(keys: readonly string[], windowSeconds: number): Promise<WindowCount[]> {
    // Keys in one order, so that two statements that share keys lock their rows in the same order.
    const sorted = [...new Set(keys)].sort();
    const rows = await this.dataSource.query<{ key: string; hits: number; window_start: Date; now: Date }[]>(
      `INSERT INTO rate_limit_windows AS w (key, window_start, hits)
       SELECT k, statement_timestamp(), 1 FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN w.window_start <= statement_timestamp() - make_interval(secs => $2) THEN statement_timestamp() ELSE w.window_start END,
         hits = CASE WHEN w.window_start <= statement_timestamp() - make_interval(secs => $2) THEN 1 ELSE w.hits + 1 END
       RETURNING key, hits, window_start, statement_timestamp() AS now`,
      [sorted, windowSeconds],
    );
    return rows.map((r) => ({ key: r.key, hits: r.hits, windowStart: r.window_start, now: r.now }));
  }

  /** Deletes the windows that have ended. */
  async sweep(windowSeconds: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_windows WHERE window_start <= statement_timestamp() - make_interval(secs => $1)`, [windowSeconds]);
  }
}
