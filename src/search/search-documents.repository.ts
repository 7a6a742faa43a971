import type { DataSource, EntityManager } from 'typeorm';
import {
  buildRequirementDocument,
  buildSupplierDocument,
  type CategoryRef,
  type RequirementDocument,
  type SpecRow,
  type SupplierDocument,
  type SupplierRows,
} from './documents.js';
import type { LevelScheme } from '../taxonomy/certification-levels.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Documents to rebuild, by index. */
export interface DocumentTargets {
  suppliers: Set<string>;
  requirements: Set<string>;
}

export interface OutboxRef {
  entityType: string;
  entityId: string;
}

export interface Built<D> {
  documents: D[];
  /** Ids with nothing to index (deleted, or not a supplier): remove from the index. */
  missing: string[];
}

/** Today in China, as the database sees it: the day certificates are judged valid on. */
export const TODAY_SQL = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * Reads what the search documents are built from. Named queries only; the building itself is
 * pure (documents.ts). Every method takes the EntityManager to read through, so the indexer
 * reads inside its transaction.
 */
export class SearchDocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async categories(manager?: EntityManager): Promise<Map<string, CategoryRef>> {
    const rows: CategoryRef[] = await this.db(manager).query(
      `SELECT code, parent_code AS "parentCode", name_zh AS "nameZh", name_en AS "nameEn" FROM part_categories`,
    );
    return new Map(rows.map((r) => [r.code, r]));
  }

  /** Which documents an outbox row touches. Deleted capabilities and certificates name their owner in a row of their own. */
  async targetsOf(refs: readonly OutboxRef[], manager?: EntityManager): Promise<DocumentTargets> {
    const db = this.db(manager);
    const targets: DocumentTargets = { suppliers: new Set(), requirements: new Set() };
    const ids = (type: string) => [...new Set(refs.filter((r) => r.entityType === type && UUID.test(r.entityId)).map((r) => r.entityId.toLowerCase()))];
    for (const id of ids('Requirement')) targets.requirements.add(id);
    for (const id of ids('Organization')) targets.suppliers.add(id);
    const owners = async (table: string, list: string[]) => {
      if (list.length === 0) return;
      const rows: { owner: string }[] = await db.query(`SELECT DISTINCT organization_id AS owner FROM ${table} WHERE id = ANY($1::uuid[])`, [list]);
      for (const row of rows) targets.suppliers.add(row.owner);
    };
    await owners('capabilities', ids('Capability'));
    await owners('supplier_certifications', ids('SupplierCertification'));
    const sites = ids('Site');
    if (sites.length > 0) {
      const suppliers: { owner: string }[] = await db.query(
        `SELECT DISTINCT s.organization_id AS owner FROM sites s JOIN organizations o ON o.id = s.organization_id
         WHERE s.id = ANY($1::uuid[]) AND o.kind = 'SUPPLIER'`,
        [sites],
      );
      for (const row of suppliers) targets.suppliers.add(row.owner);
      const requirements: { id: string }[] = await db.query(`SELECT id FROM requirements WHERE delivery_site_id = ANY($1::uuid[])`, [sites]);
      for (const row of requirements) targets.requirements.add(row.id);
    }
    return targets;
  }

  async suppliers(ids: readonly string[], manager?: EntityManager, categories?: Map<string, CategoryRef>): Promise<Built<SupplierDocument>> {
    const db = this.db(manager);
    const list = [...new Set(ids)].filter((id) => UUID.test(id));
    if (list.length === 0) return { documents: [], missing: [...ids] };
    // One after the other: inside a transaction they share one connection.
    const organizations: SupplierRows['organization'][] = await db.query(
      `SELECT id, legal_name AS "legalName", name_en AS "nameEn", designations, verified
       FROM organizations WHERE id = ANY($1::uuid[]) AND kind = 'SUPPLIER'`,
      [list],
    );
    const capabilities: (SupplierRows['capabilities'][number] & { organizationId: string })[] = await db.query(
      `SELECT organization_id AS "organizationId", category_code AS "categoryCode", description, products, specs
       FROM capabilities WHERE organization_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [list],
    );
    const certifications: { organizationId: string; typeCode: string; level: string | null; levelScheme: LevelScheme }[] = await db.query(
      `SELECT c.organization_id AS "organizationId", c.type_code AS "typeCode", c.level, t.level_scheme AS "levelScheme"
       FROM supplier_certifications c JOIN certification_types t ON t.code = c.type_code
       WHERE c.organization_id = ANY($1::uuid[]) AND c.valid_from <= ${TODAY_SQL} AND c.valid_until >= ${TODAY_SQL}`,
      [list],
    );
    const sites: (SupplierRows['sites'][number] & { organizationId: string })[] = await db.query(
      `SELECT id, organization_id AS "organizationId", name, region_code AS "regionCode", lat, lon
       FROM sites WHERE organization_id = ANY($1::uuid[])`,
      [list],
    );
    const cats = categories ?? (await this.categories(manager));
    const documents = organizations.map((organization) =>
      buildSupplierDocument(
        {
          organization,
          capabilities: capabilities.filter((c) => c.organizationId === organization.id),
          certifications: certifications.filter((c) => c.organizationId === organization.id),
          sites: sites.filter((s) => s.organizationId === organization.id),
        },
        cats,
      ),
    );
    const found = new Set(documents.map((d) => d.id));
    return { documents, missing: ids.filter((id) => !found.has(id)) };
  }

  async requirements(ids: readonly string[], manager?: EntityManager, categories?: Map<string, CategoryRef>): Promise<Built<RequirementDocument>> {
    const db = this.db(manager);
    const list = [...new Set(ids)].filter((id) => UUID.test(id));
    if (list.length === 0) return { documents: [], missing: [...ids] };
    const rows: { id: string; organizationId: string; title: string; description: string; specs: SpecRow[]; categoryCode: string; status: string; sopDate: string; regionCode: string | null; lat: number; lon: number }[] =
      await db.query(
        `SELECT r.id, r.organization_id AS "organizationId", r.title, r.description, r.specs, r.category_code AS "categoryCode",
                r.status, r.sop_date::text AS "sopDate", s.region_code AS "regionCode", s.lat, s.lon
         FROM requirements r JOIN sites s ON s.id = r.delivery_site_id WHERE r.id = ANY($1::uuid[])`,
        [list],
      );
    const cats = categories ?? (await this.categories(manager));
    const documents = rows.map((r) => buildRequirementDocument({ ...r, site: { regionCode: r.regionCode, lat: r.lat, lon: r.lon } }, cats));
    const found = new Set(documents.map((d) => d.id));
    return { documents, missing: ids.filter((id) => !found.has(id)) };
  }

  /** Every id that should have a document, a page at a time (keyset on id). */
  async idsAfter(index: 'suppliers' | 'requirements', after: string | null, limit: number): Promise<string[]> {
    const table = index === 'suppliers' ? `organizations WHERE kind = 'SUPPLIER' AND` : 'requirements WHERE';
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM ${table} ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Suppliers with a certificate that began or ended to be valid in (from, to]: their documents are stale. */
  async suppliersWithCertificateChanges(from: string, to: string, manager?: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await this.db(manager).query(
      `SELECT DISTINCT organization_id AS id FROM supplier_certifications
       WHERE (valid_until >= $1::date AND valid_until < $2::date) OR (valid_from > $1::date AND valid_from <= $2::date)`,
      [from, to],
    );
    return rows.map((r) => r.id);
  }
}
