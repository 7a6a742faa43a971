/**
 * Matching, server-side: `MatchingService.rank` (candidate SQL, facts SQL, text relevance
 * from the search index, scoring) for a sample of OPEN requirements, timed step by step in
 * the service process (no HTTP), after a warm-up round.
 */
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MatchingService, type RankTimings } from '../src/matching/matching.service.js';
import { median, percentile } from './stats.js';

export interface MatchingBenchResult {
  requirements: number;
  runs: number;
  candidates: { median: number; max: number };
  totalMs: { median: number; p95: number };
  split: Record<keyof RankTimings, { median: number; p95: number }>;
}

export async function benchMatching(app: INestApplication, options: { requirements: number; rounds: number }): Promise<MatchingBenchResult> {
  const matching = app.get(MatchingService);
  const rows = await app.get(DataSource).query<{ id: string }[]>(
    `SELECT id FROM requirements WHERE status = 'OPEN' ORDER BY md5(id::text) LIMIT $1`,
    [options.requirements],
  );
  if (rows.length === 0) throw new Error('no OPEN requirements to match: seed the database first');
  const loaded = await Promise.all(rows.map((r) => matching.loadRequirement(r.id)));
  for (const requirement of loaded) await matching.rank(requirement, null); // warm-up
  const totals: number[] = [];
  const candidates: number[] = [];
  const split: Record<keyof RankTimings, number[]> = { candidateSqlMs: [], factsSqlMs: [], relevanceMs: [], scoringMs: [] };
  for (let round = 0; round < options.rounds; round++) {
    for (const requirement of loaded) {
      const started = performance.now();
      const { matches, timings } = await matching.rank(requirement, null);
      totals.push(performance.now() - started);
      candidates.push(matches.length);
      for (const key of Object.keys(split) as (keyof RankTimings)[]) split[key].push(timings[key]);
    }
  }
  const summary = (xs: number[]) => ({ median: median(xs), p95: percentile(xs, 95) });
  return {
    requirements: loaded.length,
    runs: totals.length,
    candidates: { median: median(candidates), max: Math.max(...candidates) },
    totalMs: summary(totals),
    split: Object.fromEntries(Object.entries(split).map(([k, v]) => [k, summary(v)])) as MatchingBenchResult['split'],
  };
}
