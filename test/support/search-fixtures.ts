import { randomUUID } from 'node:crypto';
import { buildRequirementDocument, buildSupplierDocument, type CategoryRef, type RequirementDocument, type SupplierDocument, type SupplierRows } from '../../src/search/documents.js';
import { flattenTaxonomy } from '../../src/taxonomy/taxonomy.data.js';
import { CERTIFICATION_TYPES } from '../../src/taxonomy/taxonomy.data.js';

/** The taxonomy as the document builders want it. */
export const CATEGORIES: Map<string, CategoryRef> = new Map(flattenTaxonomy().map((c) => [c.code, c]));

const SCHEMES = new Map(CERTIFICATION_TYPES.map((t) => [t.code, t.levelScheme]));

export interface SupplierSpec {
  name: string;
  nameEn?: string;
  verified?: boolean;
  designations?: string[];
  capabilities: { categoryCode: string; description: string; products?: string[] }[];
  certifications?: { typeCode: string; level?: string | null }[];
  /** County-level region codes of its plants. */
  plants?: string[];
}

/** A supplier document built the way the indexer builds one, from rows described here. */
export function makeSupplierDocument(spec: SupplierSpec): SupplierDocument {
  const rows: SupplierRows = {
    organization: { id: randomUUID(), legalName: spec.name, nameEn: spec.nameEn ?? null, designations: spec.designations ?? [], verified: spec.verified ?? true },
    capabilities: spec.capabilities.map((c) => ({ categoryCode: c.categoryCode, description: c.description, products: c.products ?? [], specs: [] })),
    certifications: (spec.certifications ?? []).map((c) => ({ typeCode: c.typeCode, level: c.level ?? null, levelScheme: SCHEMES.get(c.typeCode) ?? 'HELD' })),
    sites: (spec.plants ?? ['330206']).map((regionCode, i) => ({ id: randomUUID(), name: `${spec.name} 工厂${i + 1}`, regionCode, lat: 29.9 + i / 100, lon: 121.8 })),
  };
  return buildSupplierDocument(rows, CATEGORIES);
}

export function makeRequirementDocument(spec: { title: string; description?: string; categoryCode: string; status: string; organizationId: string; regionCode?: string; sopDate?: string }): RequirementDocument {
  return buildRequirementDocument(
    {
      id: randomUUID(),
      organizationId: spec.organizationId,
      title: spec.title,
      description: spec.description ?? '',
      specs: [],
      categoryCode: spec.categoryCode,
      status: spec.status,
      sopDate: spec.sopDate ?? '2027-06-01',
      site: { regionCode: spec.regionCode ?? '330282', lat: 30.17, lon: 121.27 },
    },
    CATEGORIES,
  );
}
