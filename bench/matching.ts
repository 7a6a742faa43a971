/**
 * Matching, server-side, both paths side by side in one process (no HTTP), after a warm-up:
 * - the fast path (`MatchingService.rankPage`: the in-process match index, early-stopping
 *   top-k, text relevance for the visited suppliers only) at first = 20 and first = 50 — what
 *   `matchesForRequirement` runs;
 * - the reference (`MatchingService.rank`: candidate SQL, facts SQL, every candidate's text
 *   relevance and score), timed step by step;
 * - `opportunitiesForSupplier` for a sample of suppliers;
 * - the index build (time, and heap retained after a forced GC when node runs with --expose-gc).
 */
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MatchingService, type RankTimings } from '../src/matching/matching.service.js';
import { MatchIndexService } from '../src/matching/match-index.service.js';
import { Role, type Principal } from '../src/access/role.js';
import { median, percentile } from './stats.js';

type Summary = { median: number; p95: number };

export interface MatchingBenchResult {
  requirements: number;
  runs: number;
  candidates: { median: number; max: number };
  /** Reference path. */
  totalMs: Summary;
  split: Record<keyof RankTimings, Summary>;
  fast20: Summary;
  /** First call per requirement at first = 20 (no cached candidate pass or text worths: the one-pass and text evaluation included). */
  cold20: Summary;
  fast50: Summary;
  fastRuns: number;
  visited20: { median: number; max: number };
  opportunities: Summary & { runs: number };
  /** Each supplier's first call; `qualified`: OPEN requirements it qualifies for. */
  opportunitiesFirst: Summary & { runs: number; qualified: { median: number; max: number } };
  build: { ms: number; heapMb: number | null; peakMb: number; organizations: number; sites: number; capabilities: number; certifications: number };
}

function gc(): boolean {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return false;
  collect();
  collect();
  return true;
}

export async function benchMatching(app: INestApplication, options: { requirements: number; rounds: number; referenceRounds?: number }): Promise<MatchingBenchResult> {
  const matching = app.get(MatchingService);
  const indexService = app.get(MatchIndexService);
  const dataSource = app.get(DataSource);
  indexService.drop();
  const collected = gc();
  // Typed arrays live outside the JavaScript heap (arrayBuffers): both count.
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const heapBefore = used();
  // The peak while building (rows read and parsed before they are packed), sampled every 50 ms.
  let peak = heapBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 50);
  const built = performance.now();
  const index = await indexService.build().finally(() => clearInterval(sampler));
  const buildMs = performance.now() - built;
  peak = Math.max(peak, used());
  const peakMb = (peak - heapBefore) / 2 ** 20;
  gc();
  const heapMb = collected ? (used() - heapBefore) / 2 ** 20 : null;
  const stats = index.stats();

  const rows = await dataSource.query<{ id: string }[]>(`SELECT id FROM requirements WHERE status = 'OPEN' ORDER BY md5(id::text) LIMIT $1`, [options.requirements]);
  if (rows.length === 0) throw new Error('no OPEN requirements to match: seed the database first');
  const loaded = await Promise.all(rows.map((r) => matching.loadRequirement(r.id)));
  const cold20: number[] = [];
  for (const requirement of loaded) {
    await matching.rank(requirement, null); // warm-up
    const started = performance.now();
    await matching.rankPage(requirement, null, 20, null);
    cold20.push(performance.now() - started);
  }
  const summary = (xs: number[]): Summary => ({ median: median(xs), p95: percentile(xs, 95) });

  const fast20: number[] = [];
  const fast50: number[] = [];
  const visited: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const requirement of loaded) {
      let started = performance.now();
      const page = await matching.rankPage(requirement, null, 20, null);
      fast20.push(performance.now() - started);
      visited.push(page.visited);
      started = performance.now();
      await matching.rankPage(requirement, null, 50, null);
      fast50.push(performance.now() - started);
    }
  }

  const totals: number[] = [];
  const candidates: number[] = [];
  const split: Record<keyof RankTimings, number[]> = { candidateSqlMs: [], factsSqlMs: [], relevanceMs: [], scoringMs: [] };
  for (let round = 0; round < (options.referenceRounds ?? options.rounds); round++) {
    for (const requirement of loaded) {
      const started = performance.now();
      const { matches, timings } = await matching.rank(requirement, null);
      totals.push(performance.now() - started);
      candidates.push(matches.length);
      for (const key of Object.keys(split) as (keyof RankTimings)[]) split[key].push(timings[key]);
    }
  }

  const suppliers = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM (SELECT DISTINCT organization_id AS id FROM capabilities) s ORDER BY md5(id::text) LIMIT $1`,
    [options.requirements],
  );
  // Round 0 is each supplier's first call (its bounds computed, then kept until the index, the
  // OPEN requirements or its profile's concepts change); later rounds ask again, as paging does.
  const opportunities: number[] = [];
  const opportunitiesFirst: number[] = [];
  const opportunityCounts: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const { id } of suppliers) {
      const actor = { role: Role.SUPPLIER_ADMIN, organizationId: id } as Principal;
      const started = performance.now();
      const page = await matching.opportunitiesForSupplier(actor, 20, null);
      (round > 0 ? opportunities : opportunitiesFirst).push(performance.now() - started);
      if (round === 0) opportunityCounts.push(await page.totalCount);
    }
  }

  return {
    requirements: loaded.length,
    runs: totals.length,
    candidates: { median: median(candidates), max: Math.max(...candidates) },
    totalMs: summary(totals),
    split: Object.fromEntries(Object.entries(split).map(([k, v]) => [k, summary(v)])) as MatchingBenchResult['split'],
    fast20: summary(fast20),
    cold20: summary(cold20),
    fast50: summary(fast50),
    fastRuns: fast20.length,
    visited20: { median: median(visited), max: Math.max(...visited) },
    opportunities: { ...summary(opportunities.length > 0 ? opportunities : [0]), runs: opportunities.length },
    opportunitiesFirst: { ...summary(opportunitiesFirst.length > 0 ? opportunitiesFirst : [0]), runs: opportunitiesFirst.length, qualified: { median: median(opportunityCounts), max: Math.max(0, ...opportunityCounts) } },
    build: { ms: buildMs, heapMb, peakMb, organizations: stats.organizations, sites: stats.sites, capabilities: stats.capabilities, certifications: stats.certifications },
  };
}
