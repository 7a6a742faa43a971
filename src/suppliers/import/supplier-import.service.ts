import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { readCsvStream } from '../../common/csv-reader.js';
import { COPY_NULL, copyJson, copyLine, copyText, copyValue } from '../../common/copy-text.js';
import { Role, type Principal } from '../../access/role.js';
import { bureauImportProblem } from './import-scope.js';
import { batchesBySupplier } from './import-batches.js';
import { IMPORT_COLUMNS, IMPORT_FREE_TEXT_COLUMNS, REQUIRED_COLUMNS, parseImportRow, type ImportReference, type ImportRow, type RowProblem } from './import-row.js';

export interface ImportReport {
  rows: number;
  accepted: number;
  rejected: RowProblem[];
  created: { organizations: number; sites: number; capabilities: number; certifications: number };
}

export const IMPORT_BATCH_SIZE = 5000;
const CREATED_KINDS = ['organizations', 'sites', 'capabilities', 'certifications'] as const;
/** Batches written at once. */
export const IMPORT_CONCURRENCY = 2;
const MAX_ROWS = 200_000;
/**
 * A time-ordered uuid (version 7 layout: the first 48 bits the time in milliseconds, then the
 * version, 74 random bits) for the rows an import creates. A batch's new keys then land side by
 * side at the right edge of each primary-key index (and of the indexes and foreign-key lookups
 * that repeat them) instead of on thousands of random pages: a quarter less time per insert,
 * measured on the large data set. Nothing reads an order into ids.
 */
const TIME_ORDERED_UUID = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

/**
 * Bulk import of supplier organisations, plants, capabilities and certificates from CSV. A
 * bureau's import is confined by `bureauImportProblem` (its jurisdiction; new organisations,
 * or those its own import created that have no users yet); a platform admin's or the CLI's is not.
 * Rows are checked one by one; the valid ones are written in one transaction per batch with
 * set-based SQL (audit events and outbox rows included), two batches at a time, every row of a
 * supplier in the same batch (import-batches.ts). Idempotent: organisations are keyed by credit
 * code, plants by (organisation, plant name), capabilities by (organisation, category, plant),
 * certificates by (organisation, type, number); what exists is left as it is.
 * Each batch writes one audit event per kind of row it created (entity type ImportBatch,
 * listing the rows) and one outbox row per supplier touched.
 */
@Injectable()
export class SupplierImportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `csv`: the text, or a stream of it (an upload, a file), read as it arrives. */
  async importCsv(actor: Principal | null, csv: string | AsyncIterable<Uint8Array | string>): Promise<ImportReport> {
    const records = await readCsvStream(csv, { columns: IMPORT_COLUMNS, required: REQUIRED_COLUMNS, maxRows: MAX_ROWS, freeText: IMPORT_FREE_TEXT_COLUMNS });
    const reference = await this.reference();
    const report: ImportReport = { rows: records.length, accepted: 0, rejected: [], created: { organizations: 0, sites: 0, capabilities: 0, certifications: 0 } };
    const valid: ImportRow[] = [];
    for (const { line, raw, problems } of records) {
      if (problems) {
        report.rejected.push(...problems.map((p) => ({ line, ...p })));
        continue;
      }
      const parsed = parseImportRow(raw, line, reference);
      if ('problems' in parsed) report.rejected.push(...parsed.problems);
      else valid.push(parsed.row);
    }
    const batches = batchesBySupplier(valid, IMPORT_BATCH_SIZE);
    // Batches hold disjoint suppliers, so two can be written at once, each in its own
    // transaction on its own connection (one PostgreSQL backend per core), without waiting on
    // each other's rows. After a failure no further batch starts; the error is thrown once
    // the batch still in flight has ended.
    let next = 0;
    let failure: { error: unknown } | null = null;
    const worker = async () => {
      while (failure === null && next < batches.length) {
        const batch = batches[next++];
        try {
          // Counted once the batch has committed.
          const written = await this.dataSource.transaction((manager) => this.writeBatch(manager, actor, batch, report));
          report.accepted += written.accepted;
          for (const kind of CREATED_KINDS) report.created[kind] += written.created[kind];
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, batches.length) }, worker));
    if (failure) throw (failure as { error: unknown }).error;
    report.rejected.sort((a, b) => a.line - b.line);
    return report;
  }

  private async reference(): Promise<ImportReference> {
    const [leaves, categories, types] = await Promise.all([
      this.dataSource.query<{ code: string }[]>(`SELECT r.code FROM regions r WHERE r.level <> 'PROVINCE' AND NOT EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code)`),
      this.dataSource.query<{ code: string }[]>('SELECT code FROM part_categories'),
      this.dataSource.query<{ code: string; level_scheme: string }[]>('SELECT code, level_scheme FROM certification_types'),
    ]);
    return {
      leafRegions: new Set(leaves.map((r) => r.code)),
      categories: new Set(categories.map((c) => c.code)),
      certificationSchemes: new Map(types.map((t) => [t.code, t.level_scheme as never])),
    };
  }

  private async writeBatch(manager: EntityManager, actor: Principal | null, rows: ImportRow[], report: ImportReport): Promise<{ accepted: number; created: ImportReport['created'] }> {
    const actorIds = [actor?.userId ?? null, actor?.organizationId ?? null];
    // One audit event per entity type and batch lists every row the batch created.
    const batchId = randomUUID();
    // Organisations: a credit code already held by an OEM, bureau or the platform is refused.
    // Locked one code at a time through the unique index (a lateral lookup cannot become a scan
    // of every organisation, which `credit_code = ANY($1)` was planned as), in code order.
    const codes = [...new Set(rows.map((r) => r.creditCode))].sort();
    const existing = await manager.query<{ credit_code: string; kind: string; created_by_organization_id: string | null; has_users: boolean }[]>(
      `SELECT o.credit_code, o.kind, o.created_by_organization_id, EXISTS (SELECT 1 FROM users u WHERE u.organization_id = o.id) AS has_users
       FROM unnest($1::char(18)[]) AS c(code)
       CROSS JOIN LATERAL (SELECT o.id, o.credit_code, o.kind, o.created_by_organization_id FROM organizations o WHERE o.credit_code = c.code FOR UPDATE) o`,
      [codes],
    );
    const notSupplier = new Set(existing.filter((o) => o.kind !== 'SUPPLIER').map((o) => o.credit_code));
    const registered = new Map(existing.map((o) => [o.credit_code, { createdByOrganizationId: o.created_by_organization_id, hasUsers: o.has_users }]));
    const bureau = actor?.role === Role.BUREAU_ANALYST ? { organizationId: actor.organizationId, jurisdictionCode: actor.jurisdictionCode ?? '' } : null;
    const accepted = rows.filter((row) => {
      if (notSupplier.has(row.creditCode)) {
        report.rejected.push({ line: row.line, column: 'credit_code', message: 'this credit code belongs to an organisation that is not a supplier' });
        return false;
      }
      const problem = bureau ? bureauImportProblem(bureau, row, registered.get(row.creditCode)) : null;
      if (problem) report.rejected.push({ line: row.line, ...problem });
      return problem === null;
    });
    const created = { organizations: 0, sites: 0, capabilities: 0, certifications: 0 };
    if (accepted.length === 0) return { accepted: 0, created };

    // The accepted rows go into a temporary staging table with COPY; every insert below is one
    // set-based statement reading from it (the first row of a file wins where rows repeat a key).
    await stageRows(manager, accepted);
    const touched = new Set<string>();
    const run = async (sql: string, params: unknown[] = []): Promise<number> => {
      const [{ n, orgs }] = await manager.query<{ n: number; orgs: string[] }[]>(sql, params);
      for (const id of orgs) touched.add(id);
      return n;
    };
    const counted = `SELECT count(*)::int AS n, COALESCE(array_agg(DISTINCT organization_id::text), '{}') AS orgs FROM ins`;
    const audit = (action: string, entityType: string, fields: string) =>
      `aud AS (INSERT INTO supplier_import_audit (action, after)
               SELECT '${action}', jsonb_build_object('entityType', '${entityType}', 'rows', jsonb_agg(jsonb_build_object(${fields})))
               FROM ins HAVING count(*) > 0)`;

    // Each staged supplier's organisation, in a table of its own (one row per credit code) that the
    // inserts below join: the new ones from this insert, the existing ones looked up after it.
    created.organizations = await run(
      `WITH ins AS (INSERT INTO organizations (id, kind, legal_name, name_en, credit_code, verified, created_by_organization_id)
               SELECT ${TIME_ORDERED_UUID}, 'SUPPLIER', legal_name, name_en, credit_code, false, $1::uuid
               FROM (SELECT DISTINCT ON (credit_code) * FROM supplier_import_rows ORDER BY credit_code, line) x ORDER BY line
               ON CONFLICT (credit_code) DO NOTHING RETURNING id AS organization_id, credit_code, legal_name),
       keep AS (INSERT INTO supplier_import_orgs (credit_code, organization_id, new_organization) SELECT credit_code, organization_id, true FROM ins),
       ${audit('organization.import', 'Organization', `'id', organization_id, 'creditCode', credit_code, 'legalName', legal_name`)}
       ${counted}`,
      [actor?.organizationId ?? null],
    );
    const acceptedCodes = [...new Set(accepted.map((r) => r.creditCode))];
    if (created.organizations < acceptedCodes.length) {
      // A lookup per code through the unique index (a join would scan every organisation).
      await manager.query(
        `INSERT INTO supplier_import_orgs (credit_code, organization_id, new_organization)
         SELECT c.code, (SELECT o.id FROM organizations o WHERE o.credit_code = c.code), false
         FROM unnest($1::char(18)[]) AS c(code) WHERE NOT EXISTS (SELECT 1 FROM supplier_import_orgs g WHERE g.credit_code = c.code)`,
        [acceptedCodes],
      );
    }
    const staged = `supplier_import_rows x JOIN supplier_import_orgs g ON g.credit_code = x.credit_code`;

    created.sites = await run(
      `WITH input AS (SELECT DISTINCT ON (g.organization_id, x.plant_name) g.organization_id, x.* FROM ${staged} ORDER BY g.organization_id, x.plant_name, x.line),
       ins AS (INSERT INTO sites (id, organization_id, name, country_code, region_code, address, lat, lon, location_approx)
               SELECT ${TIME_ORDERED_UUID}, x.organization_id, x.plant_name, x.country_code, x.region_code, x.address, COALESCE(x.lat, r.lat, c.lat, p.lat), COALESCE(x.lon, r.lon, c.lon, p.lon), x.lat IS NULL
               FROM input x LEFT JOIN regions r ON r.code = x.region_code LEFT JOIN regions c ON c.code = r.parent_code LEFT JOIN regions p ON p.code = r.province_code
               ORDER BY x.line
               ON CONFLICT (organization_id, name) DO NOTHING RETURNING id, organization_id, name, region_code),
       ${audit('site.import', 'Site', `'id', id, 'organizationId', organization_id, 'name', name, 'regionCode', region_code`)}
       ${counted}`,
    );

    created.capabilities = await run(
      `WITH input AS (
               SELECT DISTINCT ON (g.organization_id, x.category_code, x.plant_name) g.organization_id, g.new_organization, x.*,
                      -- The plant, by a lookup through its unique key: a join was planned as a hash of every plant.
                      (SELECT st.id FROM sites st WHERE st.organization_id = g.organization_id AND st.name = x.plant_name) AS site_id
               FROM ${staged} WHERE x.category_code IS NOT NULL ORDER BY g.organization_id, x.category_code, x.plant_name, x.line),
       fresh AS MATERIALIZED (
               SELECT ${TIME_ORDERED_UUID} AS id, x.organization_id, x.site_id, x.category_code, x.capability_description, x.products, x.annual_capacity, x.lead_time_days, x.line
               FROM input x
               -- An organisation new in this batch has no capability yet: nothing to look up.
               WHERE x.new_organization OR NOT EXISTS (SELECT 1 FROM capabilities cap JOIN capability_sites cs ON cs.capability_id = cap.id
                                 WHERE cap.organization_id = x.organization_id AND cap.category_code = x.category_code AND cs.site_id = x.site_id)),
       ins AS (INSERT INTO capabilities (id, organization_id, category_code, description, products, annual_capacity, lead_time_days)
               SELECT id, organization_id, category_code, capability_description, ARRAY(SELECT jsonb_array_elements_text(products)), annual_capacity, lead_time_days FROM fresh ORDER BY line
               RETURNING id, organization_id, category_code),
       -- Every fresh row is inserted (no conflict clause), so the links come from fresh itself: a join
       -- with ins is planned on a one-row guess as a nested loop, quadratic in the batch. The links'
       -- foreign keys are checked at the end of the statement, when the capabilities exist.
       link AS (INSERT INTO capability_sites (capability_id, site_id) SELECT id, site_id FROM fresh),
       ${audit('capability.import', 'Capability', `'id', id, 'organizationId', organization_id, 'categoryCode', category_code`)}
       ${counted}`,
    );

    created.certifications = await run(
      `WITH ins AS (INSERT INTO supplier_certifications (id, organization_id, type_code, level, certificate_number, issuer, valid_from, valid_until)
               SELECT ${TIME_ORDERED_UUID}, organization_id, cert_type, cert_level, cert_number, cert_issuer, cert_valid_from, cert_valid_until
               FROM (SELECT DISTINCT ON (g.organization_id, x.cert_type, x.cert_number) g.organization_id, x.* FROM ${staged} WHERE x.cert_type IS NOT NULL
                     ORDER BY g.organization_id, x.cert_type, x.cert_number, x.line) x ORDER BY line
               ON CONFLICT (organization_id, type_code, certificate_number) DO NOTHING RETURNING id, organization_id, type_code, level),
       ${audit('certification.import', 'SupplierCertification', `'id', id, 'organizationId', organization_id, 'typeCode', type_code, 'level', level`)}
       ${counted}`,
    );

    // The batch's audit events, last: each takes the audit chain's head (a row lock held to
    // the commit), which a batch written beside this one then waits for only briefly.
    await manager.query(
      `INSERT INTO audit_events (actor_user_id, actor_organization_id, action, entity_type, entity_id, after)
       SELECT $1::uuid, $2::uuid, action, 'ImportBatch', $3, after FROM supplier_import_audit ORDER BY seq`,
      [...actorIds, batchId],
    );
    // One outbox row per supplier the batch changed, whatever it added to it.
    if (touched.size > 0) {
      await manager.query(`INSERT INTO outbox (entity_type, entity_id) SELECT 'Organization', id FROM unnest($1::text[]) AS id ORDER BY id`, [[...touched]]);
    }
    return { accepted: accepted.length, created };
  }
}

/**
 * The session's staging tables (temporary: no other session sees them, and their rows are gone at
 * commit or rollback), the rows filled with one COPY. Codes have their tables' types (char(n)):
 * compared with a text value, a char(n) column's index is not used. `supplier_import_orgs` holds
 * each staged credit code's organisation, `supplier_import_audit` the batch's audit events until
 * they are written, last.
 */
const STAGING_TABLE = `CREATE TEMPORARY TABLE IF NOT EXISTS supplier_import_rows (
  line int NOT NULL, credit_code char(18) NOT NULL, legal_name text NOT NULL, name_en text, plant_name text NOT NULL,
  country_code char(2) NOT NULL, region_code char(6), address text NOT NULL, lat float8, lon float8,
  category_code text, capability_description text, products jsonb, annual_capacity int, lead_time_days int,
  cert_type text, cert_level text, cert_number text, cert_issuer text, cert_valid_from date, cert_valid_until date
) ON COMMIT DELETE ROWS;
CREATE TEMPORARY TABLE IF NOT EXISTS supplier_import_orgs (credit_code char(18) PRIMARY KEY, organization_id uuid NOT NULL, new_organization boolean NOT NULL) ON COMMIT DELETE ROWS;
CREATE TEMPORARY TABLE IF NOT EXISTS supplier_import_audit (seq serial, action text NOT NULL, after jsonb NOT NULL) ON COMMIT DELETE ROWS`;
const STAGED_COLUMNS = 'line, credit_code, legal_name, name_en, plant_name, country_code, region_code, address, lat, lon, category_code, capability_description, products, annual_capacity, lead_time_days, cert_type, cert_level, cert_number, cert_issuer, cert_valid_from, cert_valid_until';

async function stageRows(manager: EntityManager, rows: readonly ImportRow[]): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('staging needs the transaction\'s query runner');
  await manager.query(STAGING_TABLE);
  const text = rows.map((r) => {
    const c = r.capability;
    const z = r.certification;
    return copyLine([
      copyValue(r.line), copyText(r.creditCode), copyText(r.legalName), copyValue(r.nameEn), copyText(r.plantName),
      copyText(r.countryCode), copyValue(r.regionCode), copyText(r.address), copyValue(r.lat), copyValue(r.lon),
      copyValue(c?.categoryCode ?? null), copyValue(c?.description ?? null), c ? copyJson(c.products) : COPY_NULL, copyValue(c?.annualCapacity ?? null), copyValue(c?.leadTimeDays ?? null),
      copyValue(z?.typeCode ?? null), copyValue(z?.level ?? null), copyValue(z?.number ?? null), copyValue(z?.issuer ?? null), copyValue(z?.validFrom ?? null), copyValue(z?.validUntil ?? null),
    ]);
  }).join('');
  const client = (await runner.connect()) as pg.ClientBase;
  await pipeline(Readable.from([text]), client.query(copyFrom(`COPY supplier_import_rows (${STAGED_COLUMNS}) FROM STDIN`)));
  // A temporary table has no statistics until analysed: without them the joins below are planned blind.
  await manager.query('ANALYZE supplier_import_rows');
}
