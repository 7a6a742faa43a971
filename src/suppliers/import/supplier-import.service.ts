import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { readCsvStream } from '../../common/csv-reader.js';
import { Role, type Principal } from '../../access/role.js';
import { bureauImportProblem } from './import-scope.js';
import { IMPORT_COLUMNS, IMPORT_FREE_TEXT_COLUMNS, REQUIRED_COLUMNS, parseImportRow, type ImportReference, type ImportRow, type RowProblem } from './import-row.js';

export interface ImportReport {
  rows: number;
  accepted: number;
  rejected: RowProblem[];
  created: { organizations: number; sites: number; capabilities: number; certifications: number };
}

export const IMPORT_BATCH_SIZE = 1000;
const MAX_ROWS = 200_000;

/**
 * Bulk import of supplier organisations, plants, capabilities and certificates from CSV. A
 * bureau's import is confined by `bureauImportProblem` (its jurisdiction; new organisations,
 * or those its own import created that have no users yet); a platform admin's or the CLI's is not.
 * Rows are checked one by one; the valid ones are written in one transaction per batch with
 * set-based SQL (audit events and outbox rows included). Idempotent: organisations are keyed
 * by credit code, plants by (organisation, plant name), capabilities by (organisation,
 * category, plant), certificates by (organisation, type, number); what exists is left as it is.
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
    for (let start = 0; start < valid.length; start += IMPORT_BATCH_SIZE) {
      const batch = valid.slice(start, start + IMPORT_BATCH_SIZE);
      await this.dataSource.transaction(async (manager) => {
        const accepted = await this.writeBatch(manager, actor, batch, report);
        report.accepted += accepted;
      });
    }
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

  private async writeBatch(manager: EntityManager, actor: Principal | null, rows: ImportRow[], report: ImportReport): Promise<number> {
    const actorIds = [actor?.userId ?? null, actor?.organizationId ?? null];
    // One audit event per entity type and batch lists every row the batch created.
    const batchId = randomUUID();
    // Organisations: a credit code already held by an OEM, bureau or the platform is refused.
    const codes = [...new Set(rows.map((r) => r.creditCode))];
    const existing = await manager.query<{ credit_code: string; kind: string; created_by_organization_id: string | null; has_users: boolean }[]>(
      `SELECT o.credit_code, o.kind, o.created_by_organization_id, EXISTS (SELECT 1 FROM users u WHERE u.organization_id = o.id) AS has_users
       FROM organizations o WHERE o.credit_code = ANY($1) FOR UPDATE OF o`,
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
    if (accepted.length === 0) return 0;

    const organizations = distinctBy(accepted, (r) => r.creditCode).map((r) => ({ creditCode: r.creditCode, legalName: r.legalName, nameEn: r.nameEn }));
    const [{ n: newOrganizations }] = await manager.query<{ n: number }[]>(
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("creditCode" text, "legalName" text, "nameEn" text)),
       ins AS (INSERT INTO organizations (kind, legal_name, name_en, credit_code, verified, created_by_organization_id)
               SELECT 'SUPPLIER', "legalName", "nameEn", "creditCode", false, $3::uuid FROM input
               ON CONFLICT (credit_code) DO NOTHING RETURNING id, credit_code, legal_name),
       aud AS (INSERT INTO audit_events (actor_user_id, actor_organization_id, action, entity_type, entity_id, after)
               SELECT $2::uuid, $3::uuid, 'organization.import', 'ImportBatch', $4, jsonb_build_object('entityType', 'Organization', 'rows', jsonb_agg(jsonb_build_object('id', id, 'creditCode', credit_code, 'legalName', legal_name)))
               FROM ins HAVING count(*) > 0),
       box AS (INSERT INTO outbox (entity_type, entity_id) SELECT 'Organization', id::text FROM ins)
       SELECT count(*)::int AS n FROM ins`,
      [JSON.stringify(organizations), ...actorIds, batchId],
    );
    report.created.organizations += newOrganizations;
    const orgIds = new Map(
      (await manager.query<{ id: string; credit_code: string }[]>('SELECT id, credit_code FROM organizations WHERE credit_code = ANY($1)', [codes])).map((o) => [o.credit_code, o.id]),
    );

    const sites = distinctBy(accepted, (r) => `${r.creditCode}|${r.plantName}`).map((r) => ({
      org: orgIds.get(r.creditCode), name: r.plantName, country: r.countryCode, region: r.regionCode, address: r.address, lat: r.lat, lon: r.lon,
    }));
    const [{ n: newSites }] = await manager.query<{ n: number }[]>(
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(org uuid, name text, country text, region text, address text, lat float8, lon float8)),
       ins AS (INSERT INTO sites (organization_id, name, country_code, region_code, address, lat, lon, location_approx)
               SELECT x.org, x.name, x.country, x.region, x.address, COALESCE(x.lat, r.lat, c.lat, p.lat), COALESCE(x.lon, r.lon, c.lon, p.lon), x.lat IS NULL
               FROM input x LEFT JOIN regions r ON r.code = x.region LEFT JOIN regions c ON c.code = r.parent_code LEFT JOIN regions p ON p.code = r.province_code
               ON CONFLICT (organization_id, name) DO NOTHING RETURNING id, organization_id, name, region_code),
       aud AS (INSERT INTO audit_events (actor_user_id, actor_organization_id, action, entity_type, entity_id, after)
               SELECT $2::uuid, $3::uuid, 'site.import', 'ImportBatch', $4, jsonb_build_object('entityType', 'Site', 'rows', jsonb_agg(jsonb_build_object('id', id, 'organizationId', organization_id, 'name', name, 'regionCode', region_code)))
               FROM ins HAVING count(*) > 0),
       box AS (INSERT INTO outbox (entity_type, entity_id) SELECT DISTINCT 'Organization', organization_id::text FROM ins)
       SELECT count(*)::int AS n FROM ins`,
      [JSON.stringify(sites), ...actorIds, batchId],
    );
    report.created.sites += newSites;
    const siteIds = new Map(
      (await manager.query<{ id: string; organization_id: string; name: string }[]>(
        'SELECT id, organization_id, name FROM sites WHERE organization_id = ANY($1)',
        [[...new Set(orgIds.values())]],
      )).map((s) => [`${s.organization_id}|${s.name}`, s.id]),
    );

    const capabilities = distinctBy(accepted.filter((r) => r.capability), (r) => `${r.creditCode}|${r.capability?.categoryCode}|${r.plantName}`).map((r) => {
      const org = orgIds.get(r.creditCode) as string;
      const c = r.capability as NonNullable<ImportRow['capability']>;
      return { id: randomUUID(), org, site: siteIds.get(`${org}|${r.plantName}`), category: c.categoryCode, description: c.description, products: c.products, capacity: c.annualCapacity, lead: c.leadTimeDays };
    });
    if (capabilities.length > 0) {
      const [{ n }] = await manager.query<{ n: number }[]>(
        `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, org uuid, site uuid, category text, description text, products jsonb, capacity int, lead int)),
         fresh AS (SELECT * FROM input x WHERE NOT EXISTS (
                    SELECT 1 FROM capabilities cap JOIN capability_sites cs ON cs.capability_id = cap.id
                    WHERE cap.organization_id = x.org AND cap.category_code = x.category AND cs.site_id = x.site)),
         ins AS (INSERT INTO capabilities (id, organization_id, category_code, description, products, annual_capacity, lead_time_days)
                 SELECT id, org, category, description, ARRAY(SELECT jsonb_array_elements_text(products)), capacity, lead FROM fresh RETURNING id, organization_id, category_code),
         link AS (INSERT INTO capability_sites (capability_id, site_id) SELECT f.id, f.site FROM fresh f JOIN ins ON ins.id = f.id),
         aud AS (INSERT INTO audit_events (actor_user_id, actor_organization_id, action, entity_type, entity_id, after)
               SELECT $2::uuid, $3::uuid, 'capability.import', 'ImportBatch', $4, jsonb_build_object('entityType', 'Capability', 'rows', jsonb_agg(jsonb_build_object('id', id, 'organizationId', organization_id, 'categoryCode', category_code)))
               FROM ins HAVING count(*) > 0),
         box AS (INSERT INTO outbox (entity_type, entity_id) SELECT DISTINCT 'Organization', organization_id::text FROM ins)
         SELECT count(*)::int AS n FROM ins`,
        [JSON.stringify(capabilities), ...actorIds, batchId],
      );
      report.created.capabilities += n;
    }

    const certifications = distinctBy(accepted.filter((r) => r.certification), (r) => `${r.creditCode}|${r.certification?.typeCode}|${r.certification?.number}`).map((r) => ({
      org: orgIds.get(r.creditCode), ...(r.certification as NonNullable<ImportRow['certification']>),
    }));
    if (certifications.length > 0) {
      const [{ n }] = await manager.query<{ n: number }[]>(
        `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(org uuid, "typeCode" text, level text, number text, issuer text, "validFrom" date, "validUntil" date)),
         ins AS (INSERT INTO supplier_certifications (organization_id, type_code, level, certificate_number, issuer, valid_from, valid_until)
                 SELECT org, "typeCode", level, number, issuer, "validFrom", "validUntil" FROM input
                 ON CONFLICT (organization_id, type_code, certificate_number) DO NOTHING RETURNING id, organization_id, type_code, level),
         aud AS (INSERT INTO audit_events (actor_user_id, actor_organization_id, action, entity_type, entity_id, after)
               SELECT $2::uuid, $3::uuid, 'certification.import', 'ImportBatch', $4, jsonb_build_object('entityType', 'SupplierCertification', 'rows', jsonb_agg(jsonb_build_object('id', id, 'organizationId', organization_id, 'typeCode', type_code, 'level', level)))
               FROM ins HAVING count(*) > 0),
         box AS (INSERT INTO outbox (entity_type, entity_id) SELECT DISTINCT 'Organization', organization_id::text FROM ins)
         SELECT count(*)::int AS n FROM ins`,
        [JSON.stringify(certifications), ...actorIds, batchId],
      );
      report.created.certifications += n;
    }
    return accepted.length;
  }
}

function distinctBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
