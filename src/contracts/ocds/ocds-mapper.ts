/**
 * Contracts as Open Contracting Data Standard 1.1 releases (pure: plain data in, JSON out).
 *
 * One release per contracting process: an awarded requirement (one award, one contract per
 * chosen quote) or one recorded contract (with an award that stands for the decision made
 * outside the platform, as OCDS links every contract to an award). Field meanings follow the
 * OCDS 1.1 release schema; codes come from its closed codelists (contractStatus, awardStatus,
 * tenderStatus) and open ones (releaseTag, partyRole). Organisations are identified by their
 * unified social credit code under the org-id.guide scheme CN-USCI ("Unified Social Credit
 * Identifier", https://org-id.guide/list/CN-USCI). See release-package.schema.json.
 */
import { Decimal } from 'decimal.js';

export const OCDS_VERSION = '1.1';
/** org-id.guide list code for China's 统一社会信用代码 (GB 32100-2015). */
export const ORG_ID_SCHEME = 'CN-USCI';
/**
 * The ocid prefix. Publishers register theirs with the OCDS Data Support Team; this one is a
 * placeholder (not registered) until the platform's operator obtains one.
 */
export const DEFAULT_OCID_PREFIX = 'ocds-zlt000';
export const CURRENCY = 'CNY';
export const CATEGORY_SCHEME = 'x_ZLT_PART_CATEGORY';

// ───────────────────────────── input ─────────────────────────────

export interface OcdsOrganizationFacts {
  legalName: string;
  nameEn: string | null;
  creditCode: string;
}

export interface OcdsPlantFacts {
  name: string;
  address: string;
  countryCode: string;
  /** County (or city) name and province name, when in China. */
  localityName: string | null;
  provinceName: string | null;
}

export interface OcdsAmendmentFacts {
  sequence: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason: string;
  effectiveDate: string;
  createdAt: Date;
}

export interface OcdsContractFacts {
  id: string;
  source: 'AWARDED' | 'RECORDED';
  buyerReference: string | null;
  status: 'SIGNED' | 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  categoryCode: string;
  categoryNameZh: string;
  categoryNameEn: string;
  unitPrice: Decimal;
  volume: number;
  totalValue: Decimal;
  deliveredValue: Decimal | null;
  terminationReason: string | null;
  signedDate: string;
  startDate: string;
  endDate: string | null;
  updatedAt: Date;
  supplier: OcdsOrganizationFacts;
  supplierPlant: OcdsPlantFacts;
  amendments: readonly OcdsAmendmentFacts[];
}

export interface OcdsProcessFacts {
  /** The requirement for an awarded process; the contract itself for a recorded one. */
  key: string;
  buyer: OcdsOrganizationFacts;
  buyerPlant: OcdsPlantFacts;
  requirement: { id: string; title: string; description: string; annualVolume: number; publishedAt: Date | null; quoteDeadline: Date } | null;
  award: { id: string; createdAt: Date } | null;
  contracts: readonly OcdsContractFacts[];
}

// ───────────────────────────── output ─────────────────────────────

export interface OcdsValue {
  amount: number;
  currency: string;
}
export interface OcdsPeriod {
  startDate?: string;
  endDate?: string;
}
export interface OcdsOrganizationReference {
  id: string;
  name: string;
}
export interface OcdsParty extends OcdsOrganizationReference {
  identifier: { scheme: string; id: string; legalName: string };
  address?: { streetAddress?: string; locality?: string; region?: string; countryName: string };
  roles: string[];
}
export interface OcdsItem {
  id: string;
  description: string;
  classification: { scheme: string; id: string; description: string };
  quantity: number;
  unit?: { name: string; value: OcdsValue };
}
export interface OcdsAmendment {
  id: string;
  date: string;
  rationale: string;
  description: string;
}
export interface OcdsAward {
  id: string;
  title?: string;
  status: 'pending' | 'active' | 'cancelled' | 'unsuccessful';
  date: string;
  value: OcdsValue;
  suppliers: OcdsOrganizationReference[];
  items: OcdsItem[];
}
export interface OcdsContract {
  id: string;
  awardID: string;
  title: string;
  description?: string;
  status: 'pending' | 'active' | 'cancelled' | 'terminated';
  period: OcdsPeriod;
  value: OcdsValue;
  dateSigned: string;
  items: OcdsItem[];
  amendments?: OcdsAmendment[];
}
export interface OcdsTender {
  id: string;
  title: string;
  description?: string;
  status: 'complete';
  mainProcurementCategory: 'goods';
  items: OcdsItem[];
  tenderPeriod?: OcdsPeriod;
}
export interface OcdsRelease {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  initiationType: 'tender';
  language: string;
  parties: OcdsParty[];
  buyer: OcdsOrganizationReference;
  tender?: OcdsTender;
  awards: OcdsAward[];
  contracts: OcdsContract[];
}
export interface OcdsReleasePackage {
  uri: string;
  version: string;
  publishedDate: string;
  publisher: { name: string; uri?: string };
  releases: OcdsRelease[];
}

// ───────────────────────────── mapping ─────────────────────────────

/** A calendar date as the date-time OCDS asks for: midnight, China Standard Time. */
export function ocdsDate(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** ISO 8601 in UTC, to the second. */
function ocdsInstant(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function money(amount: Decimal): OcdsValue {
  return { amount: amount.toNumber(), currency: CURRENCY };
}

export function partyId(organization: OcdsOrganizationFacts): string {
  return `${ORG_ID_SCHEME}-${organization.creditCode}`;
}

function reference(organization: OcdsOrganizationFacts): OcdsOrganizationReference {
  return { id: partyId(organization), name: organization.legalName };
}

function party(organization: OcdsOrganizationFacts, plant: OcdsPlantFacts, roles: string[]): OcdsParty {
  const address: NonNullable<OcdsParty['address']> = { countryName: plant.countryCode === 'CN' ? '中国' : plant.countryCode };
  if (plant.address) address.streetAddress = plant.address;
  if (plant.localityName) address.locality = plant.localityName;
  if (plant.provinceName) address.region = plant.provinceName;
  return { ...reference(organization), identifier: { scheme: ORG_ID_SCHEME, id: organization.creditCode, legalName: organization.legalName }, address, roles };
}

function item(contract: Pick<OcdsContractFacts, 'categoryCode' | 'categoryNameZh' | 'categoryNameEn'>, description: string, quantity: number, unitPrice: Decimal | null): OcdsItem {
  return {
    id: '1',
    description,
    classification: { scheme: CATEGORY_SCHEME, id: contract.categoryCode, description: `${contract.categoryNameZh} / ${contract.categoryNameEn}` },
    quantity,
    ...(unitPrice ? { unit: { name: '件 (piece)', value: money(unitPrice) } } : {}),
  };
}

/** OCDS 1.1 contractStatus: a signed contract is in force ("active"); completed and terminated ones have come to a close ("terminated"). */
export function ocdsContractStatus(status: OcdsContractFacts['status']): OcdsContract['status'] {
  return status === 'SIGNED' || status === 'ACTIVE' ? 'active' : 'terminated';
}

function describeChange(amendment: OcdsAmendmentFacts): string {
  return Object.keys(amendment.after)
    .map((key) => `${key}: ${String(amendment.before[key] ?? '—')} → ${String(amendment.after[key] ?? '—')}`)
    .join('; ');
}

function contractDescription(contract: OcdsContractFacts): string | undefined {
  const parts: string[] = [];
  if (contract.source === 'RECORDED') parts.push(`Recorded by the buyer${contract.buyerReference ? ` under its reference ${contract.buyerReference}` : ''}; made outside the platform.`);
  if (contract.status === 'COMPLETED') parts.push('Completed.');
  if (contract.status === 'TERMINATED') {
    const delivered = contract.deliveredValue ? ` Value delivered before termination: ${contract.deliveredValue.toFixed(2)} ${CURRENCY}.` : ' Value delivered before termination: unknown.';
    parts.push(`Terminated early: ${contract.terminationReason ?? 'no reason given'}.${delivered}`);
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function contractRelease(contract: OcdsContractFacts, awardId: string): OcdsContract {
  const period: OcdsPeriod = { startDate: ocdsDate(contract.startDate), ...(contract.endDate ? { endDate: ocdsDate(contract.endDate) } : {}) };
  const description = contractDescription(contract);
  const amendments = contract.amendments.map((a) => ({ id: String(a.sequence), date: ocdsDate(a.effectiveDate), rationale: a.reason, description: describeChange(a) }));
  return {
    id: contract.id,
    awardID: awardId,
    title: `${contract.categoryNameZh} — ${contract.supplier.legalName}`,
    ...(description ? { description } : {}),
    status: ocdsContractStatus(contract.status),
    period,
    value: money(contract.totalValue),
    dateSigned: ocdsDate(contract.signedDate),
    items: [item(contract, contract.categoryNameZh, contract.volume, contract.unitPrice)],
    ...(amendments.length > 0 ? { amendments } : {}),
  };
}

export function ocidOf(process: Pick<OcdsProcessFacts, 'key'>, prefix = DEFAULT_OCID_PREFIX): string {
  return `${prefix}-${process.key}`;
}

/** The release of one contracting process, as it stands now. */
export function toRelease(process: OcdsProcessFacts, ocidPrefix = DEFAULT_OCID_PREFIX): OcdsRelease {
  if (process.contracts.length === 0) throw new RangeError(`process ${process.key} has no contracts`);
  const ocid = ocidOf(process, ocidPrefix);
  const first = process.contracts[0];
  const awardId = process.award ? process.award.id : `recorded-${first.id}`;
  const awardDate = process.award ? ocdsInstant(process.award.createdAt) : ocdsDate(first.signedDate);
  const changedAt = new Date(Math.max(...process.contracts.flatMap((c) => [c.updatedAt.getTime(), ...c.amendments.map((a) => a.createdAt.getTime())]), process.award?.createdAt.getTime() ?? 0));
  const date = ocdsInstant(changedAt);
  const suppliers = uniqueBy(process.contracts.map((c) => ({ organization: c.supplier, plant: c.supplierPlant })), (s) => s.organization.creditCode);
  const tag = ['award', 'contract'];
  if (process.contracts.some((c) => c.amendments.length > 0)) tag.push('contractAmendment');
  if (process.contracts.some((c) => c.status === 'COMPLETED' || c.status === 'TERMINATED')) tag.push('contractTermination');
  const awardValue = process.contracts.reduce((sum, c) => sum.plus(c.totalValue), new Decimal(0));
  const release: OcdsRelease = {
    ocid,
    id: `${ocid}-${date.replace(/[-:]/g, '')}`,
    date,
    tag,
    initiationType: 'tender',
    language: 'zh',
    parties: [party(process.buyer, process.buyerPlant, ['buyer']), ...suppliers.map((s) => party(s.organization, s.plant, ['supplier']))],
    buyer: reference(process.buyer),
    awards: [{
      id: awardId,
      ...(process.requirement ? { title: process.requirement.title } : {}),
      status: 'active',
      date: awardDate,
      value: money(awardValue),
      suppliers: suppliers.map((s) => reference(s.organization)),
      items: [item(first, first.categoryNameZh, process.contracts.reduce((sum, c) => sum + c.volume, 0), null)],
    }],
    contracts: process.contracts.map((c) => contractRelease(c, awardId)),
  };
  if (process.requirement) {
    const r = process.requirement;
    release.tender = {
      id: r.id,
      title: r.title,
      ...(r.description ? { description: r.description } : {}),
      status: 'complete',
      mainProcurementCategory: 'goods',
      items: [item(first, r.title, r.annualVolume, null)],
      tenderPeriod: { ...(r.publishedAt ? { startDate: ocdsInstant(r.publishedAt) } : {}), endDate: ocdsInstant(r.quoteDeadline) },
    };
  }
  return release;
}

export interface PackageOptions {
  /** Identifies this package; default: a URN from its content. */
  uri: string;
  publisherName: string;
  publisherUri?: string;
}

/**
 * A release package. OCDS asks for at least one release; publishedDate is, for a package
 * generated on demand, the last change to its contents.
 */
export function releasePackage(releases: OcdsRelease[], options: PackageOptions): OcdsReleasePackage {
  if (releases.length === 0) throw new RangeError('a release package holds at least one release');
  const published = releases.reduce((latest, r) => (r.date > latest ? r.date : latest), releases[0].date);
  return {
    uri: options.uri,
    version: OCDS_VERSION,
    publishedDate: published,
    publisher: { name: options.publisherName, ...(options.publisherUri ? { uri: options.publisherUri } : {}) },
    releases,
  };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const i of items) if (!seen.has(key(i))) seen.set(key(i), i);
  return [...seen.values()];
}
