/**
 * How each generated row type is written by COPY: the table, its columns (as in migrations/),
 * and the row as a line of COPY text. Columns left out take their defaults (version 1, …).
 */
import { copyJson, copyLine, copyText, copyTextArray, copyValue as v } from '../src/common/copy-text.js';
import type {
  CapabilityRow, CapabilitySiteRow, CertificationRow, ContractRow, OrganizationRow, RequirementCertificationRow, RequirementRow, SiteRow, UserRow,
} from './market-rows.js';

export interface CopyTable<R> {
  table: string;
  columns: readonly string[];
  line: (row: R) => string;
}

export type HashedUser = Omit<UserRow, 'password'> & { passwordHash: string };

export const ORGANIZATIONS: CopyTable<OrganizationRow> = {
  table: 'organizations',
  columns: ['id', 'kind', 'legal_name', 'name_en', 'credit_code', 'designations', 'verified', 'jurisdiction_code', 'created_at', 'updated_at'],
  line: (r) => copyLine([r.id, r.kind, copyText(r.legalName), v(r.nameEn), r.creditCode, copyTextArray(r.designations), v(r.verified), v(r.jurisdictionCode), r.createdAt, r.createdAt]),
};

export const SITES: CopyTable<SiteRow> = {
  table: 'sites',
  columns: ['id', 'organization_id', 'name', 'country_code', 'region_code', 'address', 'lat', 'lon', 'location_approx', 'created_at', 'updated_at'],
  line: (r) => copyLine([r.id, r.organizationId, copyText(r.name), r.countryCode, v(r.regionCode), copyText(r.address), v(r.lat), v(r.lon), v(r.locationApprox), r.createdAt, r.createdAt]),
};

export const USERS: CopyTable<HashedUser> = {
  table: 'users',
  columns: ['id', 'email', 'password_hash', 'display_name', 'role', 'organization_id', 'org_admin', 'jurisdiction_code', 'created_at'],
  line: (r) => copyLine([r.id, copyText(r.email), copyText(r.passwordHash), copyText(r.displayName), r.role, r.organizationId, v(r.orgAdmin), v(r.jurisdictionCode), r.createdAt]),
};

export const CAPABILITIES: CopyTable<CapabilityRow> = {
  table: 'capabilities',
  columns: ['id', 'organization_id', 'category_code', 'description', 'products', 'specs', 'annual_capacity', 'lead_time_days', 'created_at', 'updated_at'],
  line: (r) => copyLine([r.id, r.organizationId, r.categoryCode, copyText(r.description), copyTextArray(r.products), copyJson(r.specs), v(r.annualCapacity), v(r.leadTimeDays), r.createdAt, r.createdAt]),
};

export const CAPABILITY_SITES: CopyTable<CapabilitySiteRow> = {
  table: 'capability_sites',
  columns: ['capability_id', 'site_id'],
  line: (r) => `${r.capabilityId}\t${r.siteId}\n`,
};

export const CERTIFICATIONS: CopyTable<CertificationRow> = {
  table: 'supplier_certifications',
  columns: ['id', 'organization_id', 'type_code', 'level', 'certificate_number', 'issuer', 'valid_from', 'valid_until', 'created_at', 'updated_at'],
  line: (r) => copyLine([r.id, r.organizationId, r.typeCode, v(r.level), copyText(r.certificateNumber), copyText(r.issuer), r.validFrom, r.validUntil, r.createdAt, r.createdAt]),
};

export const REQUIREMENTS: CopyTable<RequirementRow> = {
  table: 'requirements',
  columns: [
    'id', 'organization_id', 'delivery_site_id', 'category_code', 'title', 'description', 'specs', 'annual_volume', 'target_unit_price', 'sop_date',
    'quote_deadline', 'match_weights', 'status', 'created_by', 'published_at', 'created_at', 'updated_at',
  ],
  line: (r) => copyLine([
    r.id, r.organizationId, r.deliverySiteId, r.categoryCode, copyText(r.title), copyText(r.description), copyJson(r.specs), v(r.annualVolume), r.targetUnitPrice, r.sopDate,
    r.quoteDeadline, copyJson(r.matchWeights), r.status, r.createdBy, v(r.publishedAt), r.createdAt, r.updatedAt,
  ]),
};

export const REQUIREMENT_CERTIFICATIONS: CopyTable<RequirementCertificationRow> = {
  table: 'requirement_certifications',
  columns: ['requirement_id', 'type_code', 'min_level'],
  line: (r) => copyLine([r.requirementId, r.typeCode, v(r.minLevel)]),
};

export const CONTRACTS: CopyTable<ContractRow> = {
  table: 'contracts',
  columns: [
    'id', 'source', 'buyer_reference', 'buyer_organization_id', 'buyer_site_id', 'supplier_organization_id', 'supplier_site_id', 'category_code',
    'unit_price', 'volume', 'total_value', 'delivered_value', 'signed_date', 'start_date', 'end_date', 'status', 'termination_reason',
    'buyer_region_code', 'supplier_region_code', 'supplier_country_code', 'same_county', 'same_city', 'same_province', 'distance_km', 'created_at', 'updated_at',
  ],
  // Hot path (a million rows): every field but the reason is free of characters COPY escapes.
  line: (r) =>
    `${r.id}\t${r.source}\t${r.buyerReference}\t${r.buyerOrganizationId}\t${r.buyerSiteId}\t${r.supplierOrganizationId}\t${r.supplierSiteId}\t${r.categoryCode}\t` +
    `${r.unitPrice}\t${r.volume}\t${r.totalValue}\t${r.deliveredValue ?? '\\N'}\t${r.signedDate}\t${r.startDate}\t${r.endDate ?? '\\N'}\t${r.status}\t${v(r.terminationReason)}\t` +
    `${r.buyerRegionCode}\t${r.supplierRegionCode ?? '\\N'}\t${r.supplierCountryCode}\t${r.sameCounty ? 't' : 'f'}\t${r.sameCity ? 't' : 'f'}\t${r.sameProvince ? 't' : 'f'}\t` +
    `${r.distanceKm}\t${r.createdAt}\t${r.createdAt}\n`,
};
