/**
 * The generated market the bureau benchmarks run on (bench/sourcing-stats.ts,
 * bench/sourcing-plan.ts): organisations and plants, contracts bulk-loaded through the rollup
 * triggers, capabilities, certificates and open requirements. Random but seeded (setseed).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import pg from 'pg';
import { createDatabaseIfMissing } from '../src/database/database-server.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { projectRoot } from '../src/common/paths.js';
import type { AppConfig } from '../src/config/config.js';

/**
 * The benchmark's database. Dropped and created afresh, unless `reuse`: then the embedded
 * cluster in `.data/<dirName>` (or BENCH_DATA_DIR), or the database behind DATABASE_URL, is kept
 * across runs (`worldMark`/`markWorld` tell whether it already holds the world asked for;
 * `recreateDatabase` empties it when not).
 */
export async function openDatabase(config: AppConfig, name = 'zlt_bench_sourcing', dirName = 'bench-sourcing', reuse = false): Promise<{ url: string; close: () => Promise<void> }> {
  if (config.databaseUrl) {
    const admin = new URL(config.databaseUrl);
    admin.pathname = '/postgres';
    if (!reuse) {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
    await createDatabaseIfMissing(admin.toString(), name);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return { url: url.toString(), close: async () => undefined };
  }
  const dataDir = config.benchDataDir ?? join(projectRoot(), '.data', dirName);
  if (!reuse) rmSync(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dataDir, port: config.embeddedPgPort, persistent: reuse });
  await createDatabaseIfMissing(server.url('postgres'), name);
  return {
    url: server.url(name),
    close: async () => {
      await server.stop();
      if (!reuse) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What world the database holds (written by `markWorld` once the world is complete), or null. */
export async function worldMark(db: DataSource): Promise<{ description: string; loadSeconds: number } | null> {
  const [{ present }] = await db.query<{ present: boolean }[]>(`SELECT to_regclass('bench_world') IS NOT NULL AS present`);
  if (!present) return null;
  const rows = await db.query<{ description: string; load_seconds: number }[]>(`SELECT description, load_seconds FROM bench_world WHERE id = 1`);
  return rows.length === 0 ? null : { description: rows[0].description, loadSeconds: Number(rows[0].load_seconds) };
}

export async function markWorld(db: DataSource, description: string, loadSeconds: number): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_world (id int PRIMARY KEY, description text NOT NULL, load_seconds double precision NOT NULL)`);
  await db.query(`INSERT INTO bench_world (id, description, load_seconds) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET description = EXCLUDED.description, load_seconds = EXCLUDED.load_seconds`, [description, loadSeconds]);
}

/** Drops and creates the database at `url` (a kept database that holds another world, or half of one). */
export async function recreateDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await createDatabaseIfMissing(admin.toString(), name);
}

/** Organisations and plants: 120 OEMs with two plants each (90 % in Zhejiang), 3,000 suppliers with one (70 % Zhejiang, 25 % neighbours, 5 % abroad). */
export async function generateMarket(db: DataSource): Promise<void> {
  await db.query(`SELECT setseed(0.20260101)`);
  await db.query(`INSERT INTO organizations (kind, legal_name, credit_code, verified) SELECT 'OEM', '基准整车' || g || '(示例)', 'BOEM' || lpad(g::text, 14, '0'), true FROM generate_series(1, 120) g`);
  await db.query(`INSERT INTO organizations (kind, legal_name, credit_code, verified) SELECT 'SUPPLIER', '基准供应商' || g || '(示例)', 'BSUP' || lpad(g::text, 14, '0'), true FROM generate_series(1, 3000) g`);
  const places = `
    zj AS (SELECT array_agg(r.code ORDER BY r.code) AS codes FROM regions r WHERE r.province_code = '330000' AND r.level = 'COUNTY'),
    nb AS (SELECT array_agg(r.code ORDER BY r.code) AS codes FROM regions r WHERE r.province_code IN ('310000', '320000', '340000') AND r.level = 'COUNTY')`;
  await db.query(`WITH ${places}, o AS (SELECT id, row_number() OVER (ORDER BY credit_code) AS n FROM organizations WHERE credit_code LIKE 'BOEM%')
    INSERT INTO sites (organization_id, name, region_code, lat, lon, location_approx)
    SELECT o.id, '工厂' || p, CASE WHEN random() < 0.9 THEN zj.codes[1 + floor(random() * array_length(zj.codes, 1))::int] ELSE nb.codes[1 + floor(random() * array_length(nb.codes, 1))::int] END, 0, 0, true
    FROM o, zj, nb, generate_series(1, 2) p`);
  await db.query(`WITH ${places}, o AS (SELECT id, random() AS x FROM organizations WHERE credit_code LIKE 'BSUP%')
    INSERT INTO sites (organization_id, name, country_code, region_code, lat, lon, location_approx)
    SELECT o.id, '生产基地', CASE WHEN o.x < 0.95 THEN 'CN' ELSE 'DE' END,
      CASE WHEN o.x < 0.70 THEN zj.codes[1 + floor(random() * array_length(zj.codes, 1))::int] WHEN o.x < 0.95 THEN nb.codes[1 + floor(random() * array_length(nb.codes, 1))::int] END,
      0, 0, true
    FROM o, zj, nb`);
  // Coordinates: the county's centroid, or its city's; a fixed point abroad.
  await db.query(`UPDATE sites s SET lat = coalesce(r.lat, c.lat, 30), lon = coalesce(r.lon, c.lon, 120) FROM regions r LEFT JOIN regions c ON c.code = r.parent_code WHERE r.code = s.region_code`);
  await db.query(`UPDATE sites SET lat = 48.78, lon = 9.18 WHERE country_code = 'DE'`);
}

/**
 * `count` contracts signed over three years (2023–2025), in statements of 100,000 rows; each
 * runs one to four years from its signature (end date), so that some end in any coming year.
 *
 * Set-based bulk load: on one connection with session_replication_role = replica (no per-row
 * trigger or foreign-key check: the generator draws only existing keys, and sets buyer_verified
 * as the insert trigger would), the contracts' secondary indexes dropped before and built once
 * after, then the rollup rebuilt from the table (sourcing_rollups_rebuild, what its statement
 * triggers would have summed). Where the role cannot be set (not a superuser), the rows go
 * through the triggers as the service's would.
 */
export async function loadContracts(db: DataSource, count: number): Promise<number> {
  const started = performance.now();
  const runner = db.createQueryRunner();
  await runner.connect();
  let bulk = true;
  try {
    try {
      await runner.query(`SET session_replication_role = replica`);
    } catch {
      bulk = false;
    }
    const indexes: { name: string; definition: string }[] = bulk
      ? await runner.query(`SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
          WHERE x.indrelid = 'contracts'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`)
      : [];
    for (const index of indexes) await runner.query(`DROP INDEX "${index.name}"`);
    for (let done = 0; done < count; done += 100_000) {
      const batch = Math.min(100_000, count - done);
      await runner.query(`
      WITH b AS (SELECT array_agg(s.id ORDER BY s.id) AS ids, array_agg(s.organization_id ORDER BY s.id) AS orgs, array_agg(s.region_code ORDER BY s.id) AS regions, array_agg(o.verified ORDER BY s.id) AS verified
                 FROM sites s JOIN organizations o ON o.id = s.organization_id WHERE o.kind = 'OEM'),
           p AS (SELECT array_agg(s.id ORDER BY s.id) AS ids, array_agg(s.organization_id ORDER BY s.id) AS orgs, array_agg(s.region_code::text ORDER BY s.id) AS regions, array_agg(s.country_code::text ORDER BY s.id) AS countries
                 FROM sites s JOIN organizations o ON o.id = s.organization_id WHERE o.kind = 'SUPPLIER'),
           c AS (SELECT array_agg(code ORDER BY code) AS codes FROM part_categories WHERE parent_code IS NOT NULL OR code IN ('THERMAL', 'INTERIOR', 'EDRIVE', 'PERCEPTION', 'AD_COMPUTE', 'V2X')),
           x AS (SELECT g, 1 + floor(random() * (SELECT array_length(ids, 1) FROM b))::int AS bi, 1 + floor(random() * (SELECT array_length(ids, 1) FROM p))::int AS si,
                   random() AS r1, random() AS r2, random() AS r3, round((100000 + random() * 4900000)::numeric, 2) AS v, date '2023-01-01' + floor(random() * 1095)::int AS signed,
                   365 + floor(random() * 1096)::int AS days
                 FROM generate_series(1, ${batch}) g)
      INSERT INTO contracts (source, buyer_organization_id, buyer_site_id, supplier_organization_id, supplier_site_id, category_code, unit_price, volume, total_value, delivered_value,
        signed_date, start_date, end_date, status, buyer_region_code, supplier_region_code, supplier_country_code, same_county, same_city, same_province, distance_km, buyer_verified)
      SELECT CASE WHEN x.r1 < 0.3 THEN 'AWARDED' ELSE 'RECORDED' END, b.orgs[x.bi], b.ids[x.bi], p.orgs[x.si], p.ids[x.si],
        c.codes[1 + floor(x.r2 * array_length(c.codes, 1))::int], round(x.v / 1000, 4), 1000, x.v,
        CASE WHEN x.r3 < 0.025 THEN round(x.v * 0.3, 2) END, x.signed, x.signed, x.signed + x.days,
        CASE WHEN x.r3 < 0.05 THEN 'TERMINATED' WHEN x.r3 < 0.75 THEN 'ACTIVE' ELSE 'COMPLETED' END,
        b.regions[x.bi], p.regions[x.si], p.countries[x.si],
        coalesce(p.regions[x.si] = b.regions[x.bi]::text, false), coalesce(left(p.regions[x.si], 4) = left(b.regions[x.bi], 4), false),
        coalesce(left(p.regions[x.si], 2) = left(b.regions[x.bi], 2), false), 50, b.verified[x.bi]
      FROM x, b, p, c`);
      console.log(`  loaded ${done + batch} contracts`);
    }
    for (const index of indexes) await runner.query(index.definition);
    if (bulk) {
      await runner.query(`SET session_replication_role = DEFAULT`);
      await runner.query(`SELECT sourcing_rollups_rebuild()`);
    }
  } finally {
    // The connection goes back to the pool: never with the triggers off.
    if (bulk) await runner.query(`SET session_replication_role = DEFAULT`);
    await runner.release();
  }
  return (performance.now() - started) / 1000;
}

/**
 * Capabilities, certificates and `requirements` OPEN requirements (SOP dates spread over two
 * years from 2027), for the demand-gap and lever queries. Zhejiang has real demand gaps: one
 * category in 25 that no plant in the province makes, and AEC-Q100 grade 0 (which chip
 * requirements may ask for) held by no supplier there.
 */
export async function generateDemand(db: DataSource, requirements = 3000): Promise<void> {
  // Demand gaps in Zhejiang: no plant in the province makes one category in 25 (every 25th by code).
  await db.query(`WITH q AS (SELECT code, row_number() OVER (ORDER BY code) % 25 = 0 AS gap FROM part_categories WHERE parent_code IS NOT NULL),
      c AS (SELECT array_agg(code ORDER BY code) AS codes, array_agg(code ORDER BY code) FILTER (WHERE NOT gap) AS local_codes FROM q)
    INSERT INTO capabilities (organization_id, category_code, annual_capacity)
    SELECT o.id, CASE WHEN s.region_code LIKE '33%' THEN c.local_codes[1 + floor(random() * array_length(c.local_codes, 1))::int] ELSE c.codes[1 + floor(random() * array_length(c.codes, 1))::int] END, 100000
    FROM organizations o JOIN sites s ON s.organization_id = o.id, c WHERE o.kind = 'SUPPLIER'`);
  await db.query(`INSERT INTO capability_sites (capability_id, site_id) SELECT c.id, s.id FROM capabilities c JOIN sites s ON s.organization_id = c.organization_id`);
  await db.query(`INSERT INTO supplier_certifications (organization_id, type_code, level, certificate_number, valid_from, valid_until)
    SELECT id, 'IATF_16949', NULL, 'IATF-' || credit_code, '2024-01-01', '2030-12-31' FROM organizations WHERE kind = 'SUPPLIER' AND random() < 0.9`);
  await db.query(`INSERT INTO supplier_certifications (organization_id, type_code, level, certificate_number, valid_from, valid_until)
    SELECT o.id, 'AEC_Q100', CASE WHEN s.region_code LIKE '33%' THEN (ARRAY['3', '2', '1'])[1 + floor(random() * 3)::int] ELSE (ARRAY['3', '2', '1', '0'])[1 + floor(random() * 4)::int] END,
      'AEC-' || o.credit_code, '2024-01-01', '2030-12-31'
    FROM organizations o JOIN sites s ON s.organization_id = o.id WHERE o.kind = 'SUPPLIER' AND random() < 0.5`);
  await db.query(`WITH b AS (SELECT array_agg(s.id ORDER BY s.id) AS ids, array_agg(s.organization_id ORDER BY s.id) AS orgs FROM sites s JOIN organizations o ON o.id = s.organization_id WHERE o.kind = 'OEM'),
      c AS (SELECT array_agg(code ORDER BY code) AS codes FROM part_categories WHERE parent_code IS NOT NULL),
      x AS (SELECT g, 1 + floor(random() * (SELECT array_length(ids, 1) FROM b))::int AS bi, random() AS r FROM generate_series(1, ${requirements}) g)
    INSERT INTO requirements (organization_id, delivery_site_id, category_code, title, annual_volume, target_unit_price, sop_date, quote_deadline, status, created_by, published_at)
    SELECT b.orgs[x.bi], b.ids[x.bi], c.codes[1 + floor(x.r * array_length(c.codes, 1))::int], '基准需求 ' || x.g, 10000 + (x.g % 90) * 1000, 100 + (x.g % 50), date '2027-01-01' + (x.g % 730), now() + interval '30 days', 'OPEN', gen_random_uuid(), now()
    FROM x, b, c`);
  await db.query(`INSERT INTO requirement_certifications (requirement_id, type_code, min_level) SELECT id, 'IATF_16949', NULL FROM requirements WHERE random() < 0.8`);
  await db.query(`INSERT INTO requirement_certifications (requirement_id, type_code, min_level) SELECT id, 'AEC_Q100', (ARRAY['2', '1', '0'])[1 + floor(random() * 3)::int] FROM requirements WHERE category_code LIKE 'CHIP.%'`);
}
