/**
 * The SQL statements one request runs, as TypeORM's PostgreSQL query runner sees them, apart
 * from what the process does in the background in the same window: the search indexer's loop
 * (stopped first), the match index reading its change feed every 200 ms (brought up to date first)
 * (src/matching/match-index.service.ts) and the rate limiter's statements (its per-request count
 * and its once-a-minute sweep, src/access/rate-limits.ts), which are kept apart. A slow machine
 * makes the window longer, so anything left in the background would make the count flaky.
 */
import { jest } from '@jest/globals';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { SearchIndexer } from '../../src/search/search-indexer.js';
import { MatchIndexService } from '../../src/matching/match-index.service.js';
import type { TestApp } from './app.js';

export interface RequestStatements<T> {
  result: T;
  /** The request's own statements, the rate limiter's left out. */
  own: string[];
  /** The rate limiter's statements in the window. */
  rateLimit: string[];
}

export async function statementsOf<T>(t: TestApp, run: () => Promise<T>): Promise<RequestStatements<T>> {
  await t.app.get(SearchIndexer).stop();
  // What the feed holds is applied first (the search indexer's writes feed it too), so only its idle reads fall in the window.
  await t.app.get(MatchIndexService).refresh();
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
  try {
    const result = await run();
    const all = spy.mock.calls.map(([sql]) => String(sql)).filter((sql) => !sql.includes('match_changes'));
    return { result, own: all.filter((sql) => !sql.includes('rate_limit_windows')), rateLimit: all.filter((sql) => sql.includes('rate_limit_windows')) };
  } finally {
    spy.mockRestore();
  }
}

/** Reads of the token's user (once per request, src/access/tokens.ts, shared by the rate limiter and the guard). */
export function tokenChecks(statements: readonly string[]): number {
  return statements.filter((sql) => /FROM users WHERE id = ANY\(/.test(sql)).length;
}
