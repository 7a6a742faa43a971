/**
 * Loads the generated market (market-rows.ts) into a migrated database with `COPY … FROM
 * STDIN`, streaming the rows (a million contracts are never one string), in ONE transaction:
 * a failure leaves the database as it was. Used by `npm run seed` (seeds/generate.ts), by
 * `npm start`'s demo data (seeds/demo.ts) and by the tests.
 *
 * At scale, the secondary indexes and foreign keys of the big tables can be dropped for the
 * load and recreated from their own definitions (pg_get_indexdef / pg_get_constraintdef)
 * inside the same transaction; the schema is compared before and after, and the load fails
 * (rolling everything back) if anything differs.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/passwords.js';
import { countedValueSql } from '../src/locality/counted-value.js';
import { buildMarket, type CategoryInfo, type DemoLogin, type MarketInput, type RegionInfo, type ScaleSpec } from './market-rows.js';
import { DEFAULT_REFERENCE_DATE } from './market-model.js';
import {
  CAPABILITIES, CAPABILITY_SITES, CERTIFICATIONS, CONTRACTS, ORGANIZATIONS, REQUIREMENT_CERTIFICATIONS, REQUIREMENTS, SITES, USERS,
  type CopyTable, type HashedUser,
} from './market-tables.js';

export interface SeedOptions {
  scale: ScaleSpec;
  seed: number;
  /** `YYYY-MM-DD`; default DEFAULT_REFERENCE_DATE. */
  referenceDate?: string;
  /** Empty the marketplace tables first (reference data, the audit log and search synonyms stay). */
  reset?: boolean;
  /** Drop and recreate the big tables' secondary indexes and foreign keys around the load (default: when over 100k contracts). */
  deferIndexes?: boolean;
  /** Write an outbox row per supplier and requirement, so that the search indexer picks them up (default true). */
  enqueueForSearch?: boolean;
  log?: (line: string) => void;
}

export interface TableTiming {
  table: string;
  rows: number;
  seconds: number;
}

export interface LocalShare {
  year: number;
  contracts: number;
  /** Provincial local share of counted value (same_province), buyer plants in Zhejiang. */
  valueShare: number;
  countShare: number;
  sameCityValueShare: number;
}

export interface SeedReport {
  scale: string;
  seed: number;
  referenceDate: string;
  timings: TableTiming[];
  totalSeconds: number;
  logins: DemoLogin[];
  generatedBuyerEmails: string[];
  localShares: LocalShare[];
  /** Share of suppliers whose head plant is in Zhejiang. */
  zhejiangSupplierShare: number;
}

export class SeedError extends Error {}

/** What --reset empties: every table that hangs off organisations goes with them (CASCADE). */
const RESET_TABLES = ['organizations', 'outbox', 'search_suppliers', 'search_requirements', 'login_throttles'];
/** The tables whose indexes and foreign keys may be deferred at scale. */
const BIG_TABLES = ['sites', 'capabilities', 'capability_sites', 'supplier_certifications', 'requirements', 'requirement_certifications', 'contracts'];

const CHUNK_CHARS = 1 << 18;

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function copySql(spec: CopyTable<unknown>): string {
  return `COPY ${spec.table} (${spec.columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
}

/** Streams rows into a table by COPY; resolves to the number of rows. */
export async function copyRows<R>(client: pg.ClientBase, spec: CopyTable<R>, rows: Iterable<R>): Promise<number> {
  let count = 0;
  function* chunks(): Generator<string> {
    let buffer = '';
    for (const row of rows) {
      buffer += spec.line(row);
      count++;
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), client.query(copyFrom(copySql(spec as CopyTable<unknown>))));
  return count;
}

interface SchemaObjects {
  indexes: { table: string; name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/** Secondary indexes (not backing a constraint) and foreign keys of the tables, with their definitions. */
async function schemaObjects(client: pg.ClientBase, tables: readonly string[]): Promise<SchemaObjects> {
  const indexes = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY 1, 2`,
    [tables],
  );
  const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname = ANY($1) AND k.contype = 'f'
      ORDER BY 1, 2`,
    [tables],
  );
  return { indexes: indexes.rows, foreignKeys: foreignKeys.rows };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function readReferenceData(client: pg.ClientBase): Promise<{ regions: RegionInfo[]; categories: CategoryInfo[] }> {
  const regions = await client.query<RegionInfo>(
    `SELECT trim(code) AS code, name, name_en AS "nameEn", level, trim(parent_code) AS "parentCode", lat, lon FROM regions ORDER BY code`,
  );
  const categories = await client.query<CategoryInfo>(
    `SELECT code, parent_code AS "parentCode", name_zh AS "nameZh", name_en AS "nameEn", focus_area AS "focusArea", keywords FROM part_categories ORDER BY sort_order, code`,
  );
  if (regions.rows.length === 0 || categories.rows.length === 0) throw new SeedError('the regions and part_categories tables are empty: run the migrations first');
  return { regions: regions.rows, categories: categories.rows };
}

/** Loads the market; see the file comment. */
export async function seedMarket(dataSource: DataSource, options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? (() => undefined);
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const deferIndexes = options.deferIndexes ?? options.scale.contracts > 100_000;
  const started = process.hrtime.bigint();
  const timings: TableTiming[] = [];
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as pg.ClientBase;
  try {
    if (!options.reset) {
      const existing = await client.query<{ n: string }>('SELECT count(*) AS n FROM organizations');
      if (Number(existing.rows[0].n) > 0) throw new SeedError('the database already has organisations: seed an empty database, or pass --reset to replace the marketplace data');
    }
    let step = process.hrtime.bigint();
    const reference = await readReferenceData(client);
    const input: MarketInput = { seed: options.seed, scale: options.scale, referenceDate, ...reference };
    const market = buildMarket(input);
    const users: HashedUser[] = await Promise.all(
      market.users.map(async ({ password, ...user }) => ({ ...user, passwordHash: await hashPassword(password) })),
    );
    timings.push({ table: '(build in memory)', rows: 0, seconds: seconds(step) });
    log(`built ${market.organizations.length} organisations, ${market.sites.length} plants, ${market.capabilities.length} capabilities in ${seconds(step).toFixed(1)} s`);

    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      if (options.reset) {
        step = process.hrtime.bigint();
        await client.query(`TRUNCATE ${RESET_TABLES.join(', ')} CASCADE`);
        timings.push({ table: '(reset)', rows: 0, seconds: seconds(step) });
      }
      const before = await schemaObjects(client, BIG_TABLES);
      if (deferIndexes) {
        for (const fk of before.foreignKeys) await client.query(`ALTER TABLE ${quoteIdent(fk.table)} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
        for (const index of before.indexes) await client.query(`DROP INDEX ${quoteIdent(index.name)}`);
      }
      const load = async <R>(spec: CopyTable<R>, rows: Iterable<R>) => {
        const at = process.hrtime.bigint();
        const count = await copyRows(client, spec, rows);
        timings.push({ table: spec.table, rows: count, seconds: seconds(at) });
        log(`${spec.table}: ${count} rows in ${seconds(at).toFixed(2)} s`);
      };
      await load(ORGANIZATIONS, market.organizations);
      await load(SITES, market.sites);
      await load(USERS, users);
      await load(CAPABILITIES, market.capabilities);
      await load(CAPABILITY_SITES, market.capabilitySites);
      await load(CERTIFICATIONS, market.certifications);
      await load(REQUIREMENTS, market.requirements);
      await load(REQUIREMENT_CERTIFICATIONS, market.requirementCertifications);
      // Includes the statement-level trigger that keeps sourcing_rollups (one grouped pass over the new rows).
      await load(CONTRACTS, market.contracts());
      if (deferIndexes) {
        step = process.hrtime.bigint();
        for (const index of before.indexes) await client.query(index.definition);
        timings.push({ table: '(recreate indexes)', rows: before.indexes.length, seconds: seconds(step) });
        step = process.hrtime.bigint();
        for (const fk of before.foreignKeys) await client.query(`ALTER TABLE ${quoteIdent(fk.table)} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition}`);
        timings.push({ table: '(recreate foreign keys)', rows: before.foreignKeys.length, seconds: seconds(step) });
        const after = await schemaObjects(client, BIG_TABLES);
        if (JSON.stringify(after) !== JSON.stringify(before)) throw new SeedError('the indexes or foreign keys differ after the load: rolled back');
      }
      if (options.enqueueForSearch ?? true) {
        step = process.hrtime.bigint();
        const outbox = await client.query(`INSERT INTO outbox (entity_type, entity_id)
          SELECT 'Organization', id::text FROM organizations WHERE kind = 'SUPPLIER'
          UNION ALL SELECT 'Requirement', id::text FROM requirements`);
        timings.push({ table: 'outbox', rows: outbox.rowCount ?? 0, seconds: seconds(step) });
      }
      step = process.hrtime.bigint();
      await client.query('COMMIT');
      timings.push({ table: '(commit)', rows: 0, seconds: seconds(step) });
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    step = process.hrtime.bigint();
    await client.query(`ANALYZE ${[...BIG_TABLES, 'organizations', 'users'].join(', ')}`);
    timings.push({ table: '(analyze)', rows: 0, seconds: seconds(step) });

    const localShares = await localSharesByYear(client);
    const heads = market.organizations.filter((o) => o.kind === 'SUPPLIER').length;
    const firstSite = new Map<string, string | null>();
    for (const site of market.sites) if (!firstSite.has(site.organizationId)) firstSite.set(site.organizationId, site.regionCode);
    const zhejiangHeads = market.organizations.filter((o) => o.kind === 'SUPPLIER' && (firstSite.get(o.id) ?? '').startsWith('33')).length;
    return {
      scale: options.scale.name, seed: options.seed, referenceDate, timings, totalSeconds: seconds(started),
      logins: market.logins, generatedBuyerEmails: market.generatedBuyerEmails, localShares, zhejiangSupplierShare: heads === 0 ? 0 : zhejiangHeads / heads,
    };
  } finally {
    await runner.release();
  }
}

/** The provincial local-sourcing rate of Zhejiang's buyer plants by signing year, as the bureau figures count it. */
export async function localSharesByYear(client: pg.ClientBase): Promise<LocalShare[]> {
  const counted = countedValueSql('c');
  const result = await client.query<{ year: number; contracts: string; value: string; local: string; city: string; local_count: string }>(
    `SELECT extract(year FROM c.signed_date)::int AS year, count(*) AS contracts, sum(${counted}) AS value,
            sum(${counted}) FILTER (WHERE c.same_province) AS local, sum(${counted}) FILTER (WHERE c.same_city) AS city,
            count(*) FILTER (WHERE c.same_province) AS local_count
       FROM contracts c WHERE c.buyer_region_code LIKE '33%' GROUP BY 1 ORDER BY 1`,
  );
  return result.rows.map((r) => ({
    year: r.year,
    contracts: Number(r.contracts),
    valueShare: Number(r.local ?? 0) / Number(r.value),
    countShare: Number(r.local_count) / Number(r.contracts),
    sameCityValueShare: Number(r.city ?? 0) / Number(r.value),
  }));
}
