/**
 * Pure row builders of the generated market: given a seed, a scale, the regions and the
 * taxonomy (as read from the migrated database, or from the same source files in tests),
 * they return every row to load — contracts as a stream, since there may be a million.
 * No database, no clock, no Math.random: the same input gives the same rows, ids included.
 *
 * Every generated name is invented and marked 示例/example; no real firm is claimed to trade
 * with another.
 */
import { localitySnapshot, type LocalitySnapshot } from '../src/locality/locality-snapshot.js';
import { cityUnitOf } from '../src/locality/locality-tier.js';
import { cityOf, codeLevel, provinceOf, regionPrefix } from '../src/locality/region-codes.js';
import { makeCreditCode } from '../src/organizations/credit-code.factory.js';
import { Designation, OrganizationKind } from '../src/organizations/organization.entity.js';
import { Role } from '../src/access/role.js';
import { IdSequence, Prng, WeightedPicker } from './prng.js';
import { addDays, addMonthsToFirst, chinaTime, daysBetween } from './seed-dates.js';
import {
  AREA_NAME_WORDS, CAPABILITIES_PER_SUPPLIER, CATEGORY_PROFILES, CONTRACT_VALUE_MEDIAN_CNY, CONTRACT_VALUE_SIGMA, COUNTY_WEIGHTS,
  DELIVERED_UNKNOWN_SHARE, DESIGNATION_SHARES, EXPIRED_SHARE, FIRST_CONTRACT_YEAR, FOREIGN_NAME_WORDS, FOREIGN_PLACES, FOREIGN_SUFFIX,
  GROUP_CITIES, GROUP_WEIGHTS, IATF_HELD_SHARE, IATF_REQUIRED_SHARE, ISO14001_HELD_SHARE, ISSUERS, LEAF_WEIGHTS, LOCAL_SHARE_BY_YEAR,
  NAME_SYLLABLES, OEM_NAME_WORDS, OEM_PLANT_COUNTIES, OTHER_REQUIREMENT_AREAS, PLANTS_PER_SUPPLIER, REQUIREMENT_AREA_CYCLE,
  REQUIREMENT_STATUSES, SAME_CITY_PREFERENCE, SUPPLIER_AREAS, TERMINATED_SHARE, TERMINATION_REASONS, VERIFIED_SHARE,
  type CategoryProfile, type LocationGroup,
} from './market-model.js';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, type DemoOrganization } from './demo-world.js';

// ───────────────────────────── inputs ─────────────────────────────

export interface RegionInfo {
  code: string;
  name: string;
  nameEn: string | null;
  level: string;
  parentCode: string | null;
  lat: number | null;
  lon: number | null;
}

export interface CategoryInfo {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  focusArea: string | null;
  keywords: string[];
}

export interface ScaleSpec {
  name: string;
  /** OEM plants in all (the hand-picked demo plants included). */
  oemPlants: number;
  /** Suppliers in all (the hand-picked demo suppliers included). */
  suppliers: number;
  requirements: number;
  contracts: number;
}

export const SCALES = {
  demo: { name: 'demo', oemPlants: 15, suppliers: 150, requirements: 60, contracts: 2_000 },
  large: { name: 'large', oemPlants: 40, suppliers: 100_000, requirements: 20_000, contracts: 1_000_000 },
} as const satisfies Record<string, ScaleSpec>;

export type ScaleName = keyof typeof SCALES;

export interface MarketInput {
  seed: number;
  scale: ScaleSpec;
  /** `YYYY-MM-DD`: every date is placed relative to it. */
  referenceDate: string;
  regions: readonly RegionInfo[];
  categories: readonly CategoryInfo[];
  /** The hand-picked organisations with logins (default: seeds/demo-world.ts). */
  demo?: readonly DemoOrganization[];
}

// ───────────────────────────── rows ─────────────────────────────

export interface OrganizationRow {
  id: string;
  kind: OrganizationKind;
  legalName: string;
  nameEn: string | null;
  creditCode: string;
  designations: Designation[];
  verified: boolean;
  jurisdictionCode: string | null;
  createdAt: string;
}

export interface SiteRow {
  id: string;
  organizationId: string;
  name: string;
  countryCode: string;
  regionCode: string | null;
  address: string;
  lat: number;
  lon: number;
  locationApprox: boolean;
  createdAt: string;
}

export interface UserRow {
  id: string;
  email: string;
  /** Hashed by the loader (argon2id); never stored as given. */
  password: string;
  displayName: string;
  role: Role;
  organizationId: string;
  orgAdmin: boolean;
  jurisdictionCode: string | null;
  createdAt: string;
}

export interface SpecRow {
  key: string;
  value: string;
}

export interface CapabilityRow {
  id: string;
  organizationId: string;
  categoryCode: string;
  description: string;
  products: string[];
  specs: SpecRow[];
  annualCapacity: number | null;
  leadTimeDays: number | null;
  createdAt: string;
}

export interface CapabilitySiteRow {
  capabilityId: string;
  siteId: string;
}

export interface CertificationRow {
  id: string;
  organizationId: string;
  typeCode: string;
  level: string | null;
  certificateNumber: string;
  issuer: string;
  validFrom: string;
  validUntil: string;
  createdAt: string;
}

export interface RequirementRow {
  id: string;
  organizationId: string;
  deliverySiteId: string;
  categoryCode: string;
  title: string;
  description: string;
  specs: SpecRow[];
  annualVolume: number;
  /** CNY, decimal string. */
  targetUnitPrice: string;
  sopDate: string;
  quoteDeadline: string;
  matchWeights: Record<string, number> | null;
  status: string;
  createdBy: string;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RequirementCertificationRow {
  requirementId: string;
  typeCode: string;
  minLevel: string | null;
}

/** A recorded contract, with the locality snapshot the service would keep (src/locality/). */
export interface ContractRow extends LocalitySnapshot {
  id: string;
  source: 'RECORDED';
  buyerReference: string;
  buyerOrganizationId: string;
  buyerSiteId: string;
  supplierOrganizationId: string;
  supplierSiteId: string;
  categoryCode: string;
  /** CNY, decimal strings. */
  unitPrice: string;
  volume: number;
  totalValue: string;
  deliveredValue: string | null;
  signedDate: string;
  startDate: string;
  endDate: string | null;
  status: 'SIGNED' | 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  terminationReason: string | null;
  createdAt: string;
}

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  organization: string;
}

export interface Market {
  referenceDate: string;
  organizations: OrganizationRow[];
  sites: SiteRow[];
  users: UserRow[];
  capabilities: CapabilityRow[];
  capabilitySites: CapabilitySiteRow[];
  certifications: CertificationRow[];
  requirements: RequirementRow[];
  requirementCertifications: RequirementCertificationRow[];
  contractCount: number;
  /** The contracts, generated afresh (and identically) on each call. */
  contracts: () => Generator<ContractRow>;
  /** The hand-picked logins (platform admin, demo organisations). */
  logins: DemoLogin[];
  /** Buyer logins of the generated OEMs (same password). */
  generatedBuyerEmails: string[];
}

export const DEMO_ADMIN_EMAIL = 'admin@zhenglingtong.example';

// ───────────────────────────── helpers ─────────────────────────────

const ROLE_OF_KIND: Record<OrganizationKind, Role> = {
  [OrganizationKind.OEM]: Role.OEM_BUYER,
  [OrganizationKind.SUPPLIER]: Role.SUPPLIER_ADMIN,
  [OrganizationKind.BUREAU]: Role.BUREAU_ANALYST,
  [OrganizationKind.PLATFORM]: Role.PLATFORM_ADMIN,
};

/** CNY cents (an integer) as a decimal string with two places. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`bad amount ${cents}`);
  const s = String(cents).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Log-uniform integer in [min, max], rounded to `step`. */
function logUniform(rng: Prng, min: number, max: number, step: number): number {
  const v = Math.exp(rng.float(Math.log(min), Math.log(max)));
  return Math.max(step, Math.round(v / step) * step);
}

function stepFor(max: number): number {
  return max >= 5_000_000 ? 100_000 : max >= 500_000 ? 10_000 : 1_000;
}

function shortName(name: string): string {
  if (name.length <= 2) return name;
  for (const suffix of ['自治县', '新区', '区', '县', '市']) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return name;
}

/** Regions with leaf lookup, weighted county draws and plant coordinates. */
class Geography {
  private readonly byCode = new Map<string, RegionInfo>();
  private readonly leaves: RegionInfo[];
  private readonly pickers = new Map<string, WeightedPicker<RegionInfo>>();

  constructor(regions: readonly RegionInfo[]) {
    const parents = new Set<string>();
    for (const r of regions) {
      this.byCode.set(r.code, r);
      if (r.parentCode) parents.add(r.parentCode);
    }
    this.leaves = regions.filter((r) => !parents.has(r.code) && r.level !== 'PROVINCE').sort((a, b) => (a.code < b.code ? -1 : 1));
  }

  get(code: string): RegionInfo {
    const region = this.byCode.get(code);
    if (!region) throw new Error(`region ${code} is not in the regions table`);
    return region;
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** A county-level (leaf) region inside `area`, weighted by COUNTY_WEIGHTS. */
  pickLeaf(area: string, rng: Prng): RegionInfo {
    let picker = this.pickers.get(area);
    if (!picker) {
      const prefix = regionPrefix(area);
      const inside = this.leaves.filter((r) => r.code.startsWith(prefix));
      if (inside.length === 0) throw new Error(`no county-level region under ${area}`);
      picker = new WeightedPicker(inside, inside.map((r) => COUNTY_WEIGHTS[r.code] ?? 1));
      this.pickers.set(area, picker);
    }
    return picker.pick(rng);
  }

  /**
   * Coordinates of a plant in a county: within ~3 km of the county's centre point when it has
   * one (the plant's own, invented, location), else exactly the nearest ancestor's centre,
   * marked approximate (as the organisations service places a plant given without coordinates).
   */
  position(code: string, rng: Prng | null): { lat: number; lon: number; approx: boolean } {
    const own = this.get(code);
    if (own.lat !== null && own.lon !== null) {
      if (!rng) return { lat: own.lat, lon: own.lon, approx: true };
      return { lat: round4(own.lat + rng.float(-0.027, 0.027)), lon: round4(own.lon + rng.float(-0.031, 0.031)), approx: false };
    }
    for (let current = own.parentCode ? this.byCode.get(own.parentCode) : undefined; current; current = current.parentCode ? this.byCode.get(current.parentCode) : undefined) {
      if (current.lat !== null && current.lon !== null) return { lat: current.lat, lon: current.lon, approx: true };
    }
    throw new Error(`no centre point for ${code} or any region above it`);
  }

  cityName(code: string): string {
    const city = codeLevel(code) === 'COUNTY' ? this.byCode.get(cityOf(code) as string) : this.byCode.get(code);
    const province = this.get(provinceOf(code));
    if (!city || city.name === '市辖区' || city.name === '县') return province.name;
    return city.name;
  }

  /** For names: the city, short (宁波), and its English name (or the province's). */
  cityLabel(code: string): { zh: string; en: string } {
    const cityCode = cityOf(code) as string;
    const city = this.byCode.get(cityCode);
    const province = this.get(provinceOf(code));
    const zh = city && city.name !== '市辖区' ? shortName(city.name) : shortName(province.name.replace(/省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区/g, ''));
    return { zh, en: city?.nameEn ?? province.nameEn ?? 'China' };
  }

  address(code: string): string {
    const county = this.get(code);
    const province = this.get(provinceOf(code));
    const city = this.cityName(code);
    return `${province.name === city ? '' : province.name}${city}${county.name === city ? '' : county.name}(示例地址)`;
  }
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Leaves of the taxonomy under each top-level area (a leafless area is its own leaf). */
class Taxonomy {
  readonly byCode = new Map<string, CategoryInfo>();
  private readonly leafPickers = new Map<string, WeightedPicker<CategoryInfo>>();
  readonly leavesOf = new Map<string, CategoryInfo[]>();

  constructor(categories: readonly CategoryInfo[]) {
    for (const c of categories) this.byCode.set(c.code, c);
    for (const c of categories) {
      if (c.parentCode !== null) continue;
      const leaves = categories.filter((x) => x.parentCode === c.code);
      this.leavesOf.set(c.code, leaves.length > 0 ? leaves : [c]);
    }
  }

  get(code: string): CategoryInfo {
    const category = this.byCode.get(code);
    if (!category) throw new Error(`part category ${code} is not in the taxonomy`);
    return category;
  }

  pickLeaf(area: string, rng: Prng): CategoryInfo {
    let picker = this.leafPickers.get(area);
    if (!picker) {
      const leaves = this.leavesOf.get(area);
      if (!leaves) throw new Error(`area ${area} is not a top-level category`);
      picker = new WeightedPicker(leaves, leaves.map((l) => LEAF_WEIGHTS[l.code] ?? 1));
      this.leafPickers.set(area, picker);
    }
    return picker.pick(rng);
  }

  areaOf(code: string): string {
    return code.split('.')[0];
  }

  profile(code: string): CategoryProfile {
    const profile = CATEGORY_PROFILES[code] ?? CATEGORY_PROFILES[this.areaOf(code)];
    if (!profile) throw new Error(`no generator profile for category ${code}`);
    return profile;
  }
}

// ───────────────────────────── the builder ─────────────────────────────

interface SupplierPlant extends SiteRow {
  provinceCode: string | null;
  cityCode: string | null;
}

interface OemPlant extends SupplierPlant {
  weight: number;
  buyerUserId: string;
  organizationName: string;
}

/** One (capability, producing plant) pair: what a contract is placed on. */
interface SupplyPoint {
  supplierId: string;
  categoryCode: string;
  site: SupplierPlant;
}

export function buildMarket(input: MarketInput): Market {
  const { seed, scale, referenceDate } = input;
  const demo = input.demo ?? DEMO_ORGANIZATIONS;
  const geo = new Geography(input.regions);
  const taxonomy = new Taxonomy(input.categories);
  // Time-ordered ids per table, from a fixed epoch (the reference date), each table its own stream.
  const epoch = Date.parse(`${referenceDate}T00:00:00Z`);
  const ids = {
    organizations: new IdSequence(Prng.forStream(seed, 'ids:organizations'), epoch),
    sites: new IdSequence(Prng.forStream(seed, 'ids:sites'), epoch),
    users: new IdSequence(Prng.forStream(seed, 'ids:users'), epoch),
    capabilities: new IdSequence(Prng.forStream(seed, 'ids:capabilities'), epoch),
    certifications: new IdSequence(Prng.forStream(seed, 'ids:certifications'), epoch),
    requirements: new IdSequence(Prng.forStream(seed, 'ids:requirements'), epoch),
  };
  const created = (rng: Prng) => chinaTime(addDays(referenceDate, -rng.int(30, 900)), 9);

  const organizations: OrganizationRow[] = [];
  const sites: SupplierPlant[] = [];
  const users: UserRow[] = [];
  const logins: DemoLogin[] = [];
  const usedNames = new Set<string>();

  // Hand-picked organisations: the platform, the demo OEMs, suppliers and bureaus, with logins.
  const platform: OrganizationRow = {
    id: ids.organizations.id(), kind: OrganizationKind.PLATFORM, legalName: '整零通平台运营(示例)', nameEn: 'Zhenglingtong platform operations (example)',
    creditCode: makeCreditCode('330100', 1), designations: [], verified: true, jurisdictionCode: null, createdAt: chinaTime(addDays(referenceDate, -1000), 9),
  };
  organizations.push(platform);
  users.push({
    id: ids.users.id(), email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD, displayName: '平台管理员', role: Role.PLATFORM_ADMIN,
    organizationId: platform.id, orgAdmin: true, jurisdictionCode: null, createdAt: platform.createdAt,
  });
  logins.push({ role: Role.PLATFORM_ADMIN, email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD, organization: platform.legalName });

  const oemPlants: OemPlant[] = [];
  const suppliers: { org: OrganizationRow; area: string; specialties: string[] | null; plants: SupplierPlant[]; strong: boolean }[] = [];

  const plantRow = (orgId: string, name: string, countryCode: string, regionCode: string | null, lat: number, lon: number, approx: boolean, address: string, createdAt: string, id: string): SupplierPlant => ({
    id, organizationId: orgId, name, countryCode, regionCode, address, lat, lon, locationApprox: approx, createdAt,
    provinceCode: regionCode ? provinceOf(regionCode) : null, cityCode: regionCode ? cityUnitOf(regionCode) : null,
  });

  for (const [index, d] of demo.entries()) {
    usedNames.add(d.legalName);
    const org: OrganizationRow = {
      id: ids.organizations.id(), kind: d.kind, legalName: d.legalName, nameEn: d.nameEn, creditCode: makeCreditCode(d.region, 1000 + index),
      designations: d.designations ? [...d.designations] : [], verified: true, jurisdictionCode: d.jurisdictionCode ?? null,
      createdAt: chinaTime(addDays(referenceDate, -900 + index), 9),
    };
    organizations.push(org);
    const user: UserRow = {
      id: ids.users.id(), email: d.email.toLowerCase(), password: DEMO_PASSWORD, displayName: d.nameEn, role: ROLE_OF_KIND[d.kind],
      organizationId: org.id, orgAdmin: true, jurisdictionCode: d.kind === OrganizationKind.BUREAU ? (d.jurisdictionCode ?? null) : null, createdAt: org.createdAt,
    };
    users.push(user);
    logins.push({ role: user.role, email: user.email, password: DEMO_PASSWORD, organization: d.legalName });
    const plants = d.plants.map((p) => {
      const country = p.countryCode ?? 'CN';
      const given = p.lat !== undefined && p.lon !== undefined;
      const position = given ? { lat: p.lat as number, lon: p.lon as number, approx: false } : geo.position(p.regionCode as string, null);
      return plantRow(org.id, p.name, country, p.regionCode, position.lat, position.lon, position.approx, p.address ?? '', org.createdAt, ids.sites.id());
    });
    sites.push(...plants);
    if (d.kind === OrganizationKind.OEM) {
      for (const p of plants) oemPlants.push({ ...p, weight: 1.5, buyerUserId: user.id, organizationName: d.legalName });
    } else if (d.kind === OrganizationKind.SUPPLIER) {
      const specialties = d.specialties ?? [];
      suppliers.push({ org, area: taxonomy.areaOf(specialties[0] ?? 'COCKPIT'), specialties, plants, strong: true });
    }
  }

  // Generated OEMs at the real OEM plant sites, one buyer login each.
  const oemRng = Prng.forStream(seed, 'oems');
  const generatedBuyerEmails: string[] = [];
  for (let k = 0, placed = 0; oemPlants.length < scale.oemPlants; k++) {
    const [s1, s2] = oemRng.sample(NAME_SYLLABLES, 2);
    const [wordZh, wordEn] = oemRng.pick(OEM_NAME_WORDS);
    const firstCounty = OEM_PLANT_COUNTIES[placed % OEM_PLANT_COUNTIES.length];
    const org: OrganizationRow = {
      id: ids.organizations.id(), kind: OrganizationKind.OEM, legalName: uniqueName(usedNames, `${s1[0]}${s2[0]}${wordZh}(示例)有限公司`),
      nameEn: `${s1[1]}${s2[1].toLowerCase()} ${wordEn} (example)`, creditCode: makeCreditCode(firstCounty, 10_000 + k),
      designations: [], verified: true, jurisdictionCode: null, createdAt: created(oemRng),
    };
    organizations.push(org);
    const email = `buyer@oem-${String(k + 1).padStart(2, '0')}.example`;
    const user: UserRow = {
      id: ids.users.id(), email, password: DEMO_PASSWORD, displayName: `${org.nameEn} buyer`, role: Role.OEM_BUYER,
      organizationId: org.id, orgAdmin: true, jurisdictionCode: null, createdAt: org.createdAt,
    };
    users.push(user);
    generatedBuyerEmails.push(email);
    const count = Math.min(oemRng.int(1, 3), scale.oemPlants - oemPlants.length);
    const names = new PlantNamer();
    for (let j = 0; j < count; j++, placed++) {
      const county = OEM_PLANT_COUNTIES[placed % OEM_PLANT_COUNTIES.length];
      const position = geo.position(county, oemRng);
      const plant = plantRow(org.id, names.next(`${shortName(geo.get(county).name)}整车`, '基地'), 'CN', county, position.lat, position.lon, position.approx, geo.address(county), org.createdAt, ids.sites.id());
      sites.push(plant);
      oemPlants.push({ ...plant, weight: 1, buyerUserId: user.id, organizationName: org.legalName });
    }
  }

  // Generated suppliers, their head plant by area and group, 1–5 plants each.
  const supRng = Prng.forStream(seed, 'suppliers');
  const areaPicker = WeightedPicker.of(SUPPLIER_AREAS);
  const groupPickers = {
    DEFAULT: WeightedPicker.of(Object.entries(GROUP_WEIGHTS.DEFAULT) as [LocationGroup, number][]),
    CHIP: WeightedPicker.of(Object.entries(GROUP_WEIGHTS.CHIP) as [LocationGroup, number][]),
    SMART: WeightedPicker.of(Object.entries(GROUP_WEIGHTS.SMART) as [LocationGroup, number][]),
  };
  const cityPickers = Object.fromEntries(Object.entries(GROUP_CITIES).map(([g, cities]) => [g, WeightedPicker.of(cities)])) as Record<Exclude<LocationGroup, 'ABROAD'>, WeightedPicker<string>>;
  const foreignPicker = new WeightedPicker(FOREIGN_PLACES, FOREIGN_PLACES.map((p) => p.weight));
  const plantsPicker = WeightedPicker.of(PLANTS_PER_SUPPLIER);
  const groupPickerFor = (area: string) => (area === 'CHIP' ? groupPickers.CHIP : ['PERCEPTION', 'AD_COMPUTE', 'V2X'].includes(area) ? groupPickers.SMART : groupPickers.DEFAULT);
  const foreignOwnedChinaPlants = WeightedPicker.of<Exclude<LocationGroup, 'CN' | 'ABROAD'>>([['JS', 5], ['SH', 3], ['ZJ', 2]]);

  for (let k = 0; suppliers.length < scale.suppliers; k++) {
    const area = areaPicker.pick(supRng);
    const group = groupPickerFor(area).pick(supRng);
    const createdAt = created(supRng);
    const id = ids.organizations.id();
    const names = new PlantNamer();
    const plants: SupplierPlant[] = [];
    const addPlantIn = (county: string) => {
      const position = geo.position(county, supRng);
      plants.push(plantRow(id, names.next(shortName(geo.get(county).name), '工厂'), 'CN', county, position.lat, position.lon, position.approx, geo.address(county), createdAt, ids.sites.id()));
    };
    const addPlantAbroad = () => {
      const place = foreignPicker.pick(supRng);
      const lat = round4(place.lat + supRng.float(-0.05, 0.05));
      const lon = round4(place.lon + supRng.float(-0.06, 0.06));
      plants.push(plantRow(id, names.next(`${place.city} Plant`, ''), place.country, null, lat, lon, false, `${place.city}, ${place.country} (example address)`, createdAt, ids.sites.id()));
    };
    const plantCount = plantsPicker.pick(supRng);
    let org: OrganizationRow;
    const [wordZh, wordEn] = supRng.pick(AREA_NAME_WORDS[area]);
    if (group === 'ABROAD') {
      addPlantAbroad();
      const word = supRng.pick(FOREIGN_NAME_WORDS);
      const country = plants[0].countryCode;
      const legalName = uniqueName(usedNames, `${word} ${wordEn} (example) ${FOREIGN_SUFFIX[country] ?? 'Ltd.'}`);
      org = { id, kind: OrganizationKind.SUPPLIER, legalName, nameEn: legalName, creditCode: makeCreditCode('310115', 1_000_000 + k), designations: [], verified: supRng.chance(VERIFIED_SHARE), jurisdictionCode: null, createdAt };
      for (let j = 1; j < plantCount; j++) {
        if (supRng.chance(0.5)) addPlantAbroad();
        else addPlantIn(geo.pickLeaf(cityPickers[foreignOwnedChinaPlants.pick(supRng)].pick(supRng), supRng).code);
      }
    } else {
      const city = cityPickers[group].pick(supRng);
      const head = geo.pickLeaf(city, supRng);
      addPlantIn(head.code);
      for (let j = 1; j < plantCount; j++) {
        const r = supRng.next();
        if (r < 0.55) addPlantIn(geo.pickLeaf(city, supRng).code);
        else if (r < 0.8) addPlantIn(geo.pickLeaf(cityPickers[group].pick(supRng), supRng).code);
        else {
          const other = groupPickers.DEFAULT.pick(supRng);
          if (other === 'ABROAD') addPlantAbroad();
          else addPlantIn(geo.pickLeaf(cityPickers[other].pick(supRng), supRng).code);
        }
      }
      const label = geo.cityLabel(head.code);
      const naming = () => {
        const [s1, s2] = supRng.sample(NAME_SYLLABLES, 2);
        return { zh: `${label.zh}${s1[0]}${s2[0]}${wordZh}(示例)有限公司`, en: `${label.en} ${s1[1]}${s2[1].toLowerCase()} ${wordEn} (example) Co., Ltd.` };
      };
      let name = naming();
      for (let tries = 0; usedNames.has(name.zh) && tries < 8; tries++) name = naming();
      const legalName = uniqueName(usedNames, name.zh);
      const r = supRng.next();
      const designations =
        r < DESIGNATION_SHARES.SINGLE_CHAMPION ? [Designation.SINGLE_CHAMPION]
        : r < DESIGNATION_SHARES.SINGLE_CHAMPION + DESIGNATION_SHARES.LITTLE_GIANT ? [Designation.LITTLE_GIANT]
        : r < DESIGNATION_SHARES.SINGLE_CHAMPION + DESIGNATION_SHARES.LITTLE_GIANT + DESIGNATION_SHARES.SPECIALIZED_SME ? [Designation.SPECIALIZED_SME]
        : [];
      org = { id, kind: OrganizationKind.SUPPLIER, legalName, nameEn: name.en, creditCode: makeCreditCode(head.code, 1_000_000 + k), designations, verified: supRng.chance(VERIFIED_SHARE), jurisdictionCode: null, createdAt };
    }
    organizations.push(org);
    sites.push(...plants);
    suppliers.push({ org, area, specialties: null, plants, strong: false });
  }

  // Capabilities (the three focus areas first) and the plants that make them.
  const capRng = Prng.forStream(seed, 'capabilities');
  const capCountPicker = WeightedPicker.of(CAPABILITIES_PER_SUPPLIER);
  const capabilities: CapabilityRow[] = [];
  const capabilitySites: CapabilitySiteRow[] = [];
  const supplyPoints: SupplyPoint[] = [];
  const supplierCategories = new Map<string, string[]>();
  for (const supplier of suppliers) {
    const codes: string[] = supplier.specialties ? [...supplier.specialties] : [];
    if (!supplier.specialties) {
      codes.push(taxonomy.pickLeaf(supplier.area, capRng).code);
      const want = capCountPicker.pick(capRng);
      for (let tries = 0; codes.length < want && tries < 12; tries++) {
        const area = capRng.chance(0.7) ? supplier.area : areaPicker.pick(capRng);
        const code = taxonomy.pickLeaf(area, capRng).code;
        if (!codes.includes(code)) codes.push(code);
      }
    }
    supplierCategories.set(supplier.org.id, codes);
    for (const [index, code] of codes.entries()) {
      const category = taxonomy.get(code);
      const profile = taxonomy.profile(code);
      const products = capRng.sample(category.keywords, capRng.int(2, 3));
      const specs = profile.specs.filter(() => capRng.chance(0.7)).map((s) => ({ key: s.key, value: capRng.pick(s.values) }));
      const chip = code.startsWith('CHIP.');
      const capability: CapabilityRow = {
        id: ids.capabilities.id(), organizationId: supplier.org.id, categoryCode: code,
        description: `${category.nameZh}:${products.join('、')} 的研发与批量生产(示例数据)。${category.nameEn}: design and volume production of ${products.join(', ')} (illustrative data).`,
        products, specs,
        annualCapacity: supplier.strong || capRng.chance(0.9) ? logUniform(capRng, profile.capacity[0], profile.capacity[1], stepFor(profile.capacity[1])) : null,
        leadTimeDays: supplier.strong || capRng.chance(0.95) ? (chip ? capRng.int(56, 120) : capRng.int(20, 90)) : null,
        createdAt: supplier.org.createdAt,
      };
      capabilities.push(capability);
      // The first capability is made at the head plant; each capability at 1–3 plants.
      const plants = index === 0 ? [supplier.plants[0], ...capRng.sample(supplier.plants.slice(1), capRng.int(0, 2))] : capRng.sample(supplier.plants, capRng.int(1, Math.min(3, supplier.plants.length)));
      for (const plant of plants) {
        capabilitySites.push({ capabilityId: capability.id, siteId: plant.id });
        supplyPoints.push({ supplierId: supplier.org.id, categoryCode: code, site: plant });
      }
    }
  }

  // Certificates: IATF 16949 for most, and per category (ASIL for by-wire and cockpit, AEC-Q grades for chips, ASPICE for software ECUs …).
  const certRng = Prng.forStream(seed, 'certifications');
  const certifications: CertificationRow[] = [];
  let certificateSerial = 0;
  const addCertificate = (supplier: (typeof suppliers)[number], type: string, level: string | null) => {
    certificateSerial += 1;
    let validFrom: string;
    let validUntil: string;
    if (!supplier.strong && certRng.chance(EXPIRED_SHARE)) {
      validUntil = addDays(referenceDate, -certRng.int(1, 540));
      validFrom = addDays(validUntil, -1094);
    } else {
      validFrom = addDays(referenceDate, -certRng.int(30, 700));
      validUntil = addDays(validFrom, 1094);
    }
    certifications.push({
      id: ids.certifications.id(), organizationId: supplier.org.id, typeCode: type, level,
      certificateNumber: `${type.replace(/_/g, '')}-${validFrom.slice(0, 4)}-${String(certificateSerial).padStart(7, '0')}`,
      issuer: certRng.pick(ISSUERS), validFrom, validUntil, createdAt: supplier.org.createdAt,
    });
  };
  for (const supplier of suppliers) {
    const held = new Set<string>();
    if (supplier.strong || certRng.chance(IATF_HELD_SHARE)) {
      held.add('IATF_16949');
      addCertificate(supplier, 'IATF_16949', null);
    }
    for (const code of supplierCategories.get(supplier.org.id) ?? []) {
      for (const draw of taxonomy.profile(code).held) {
        if (held.has(draw.type) || !(supplier.strong || certRng.chance(draw.share))) continue;
        held.add(draw.type);
        addCertificate(supplier, draw.type, draw.levels ? levelPicker(draw.levels).pick(certRng) : null);
      }
    }
    if (certRng.chance(ISO14001_HELD_SHARE)) addCertificate(supplier, 'ISO_14001', null);
  }

  // Requirements: each OEM plant in turn, areas in turn (cockpit, chassis, chips, other).
  const reqRng = Prng.forStream(seed, 'requirements');
  const statusPicker = WeightedPicker.of(REQUIREMENT_STATUSES);
  const otherAreaPicker = WeightedPicker.of(OTHER_REQUIREMENT_AREAS);
  const requirements: RequirementRow[] = [];
  const requirementCertifications: RequirementCertificationRow[] = [];
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  for (let i = 0; i < scale.requirements; i++) {
    const plant = oemPlants[i % oemPlants.length];
    const slot = REQUIREMENT_AREA_CYCLE[Math.floor(i / oemPlants.length) % REQUIREMENT_AREA_CYCLE.length];
    const area = slot === 'OTHER' ? otherAreaPicker.pick(reqRng) : slot;
    const category = taxonomy.pickLeaf(area, reqRng);
    const profile = taxonomy.profile(category.code);
    const product = reqRng.pick(category.keywords);
    // SOP 6–20 months out: within the validity of most certificates held today (matching checks validity on SOP day).
    const sopDate = addMonthsToFirst(referenceDate, reqRng.int(6, 20));
    const platformCode = `${reqRng.pick([...letters])}${reqRng.pick([...letters])}-${sopDate.slice(2, 4)}`;
    const volume = logUniform(reqRng, profile.demand[0], profile.demand[1], profile.demand[1] >= 1_000_000 ? 10_000 : 1_000);
    // Target prices sit a little below the going rate (90 % of a draw from the price range), in cents.
    const priceCents = Math.round(reqRng.float(profile.price[0], profile.price[1]) * 0.9 * 100);
    const status = statusPicker.pick(reqRng);
    const publishedDay = addDays(referenceDate, -reqRng.int(1, 60));
    const createdDay = addDays(publishedDay, -reqRng.int(0, 20));
    const requirement: RequirementRow = {
      id: ids.requirements.id(), organizationId: plant.organizationId, deliverySiteId: plant.id, categoryCode: category.code,
      title: `${product} ${category.nameZh}定点采购 · 平台 ${platformCode}`,
      description: `${plant.name}(${geo.cityName(plant.regionCode as string)})${sopDate.slice(0, 4)} 年 SOP 项目,年需求约 ${volume} 件(示例数据)。` +
        `Sourcing ${category.nameEn} (${product}) for the ${plant.name} plant, SOP ${sopDate.slice(0, 7)}, about ${volume} units a year (illustrative data).`,
      specs: profile.specs.filter(() => reqRng.chance(0.8)).map((s) => ({ key: s.key, value: reqRng.pick(s.values) })),
      annualVolume: volume,
      targetUnitPrice: centsToDecimal(priceCents),
      sopDate,
      quoteDeadline: chinaTime(addDays(referenceDate, reqRng.int(45, 200)), 18),
      matchWeights: reqRng.chance(0.08) ? { locality: 0.5, fit: 0.15 } : null,
      status,
      createdBy: plant.buyerUserId,
      publishedAt: status === 'DRAFT' ? null : chinaTime(publishedDay, 10),
      createdAt: chinaTime(createdDay, 9),
      updatedAt: chinaTime(status === 'DRAFT' ? createdDay : publishedDay, 10),
    };
    requirements.push(requirement);
    if (reqRng.chance(IATF_REQUIRED_SHARE)) requirementCertifications.push({ requirementId: requirement.id, typeCode: 'IATF_16949', minLevel: null });
    for (const draw of profile.required) {
      if (!reqRng.chance(draw.share)) continue;
      requirementCertifications.push({ requirementId: requirement.id, typeCode: draw.type, minLevel: draw.minLevels ? levelPicker(draw.minLevels).pick(reqRng) : null });
    }
  }

  const contracts = contractStream({ seed, scale, referenceDate, oemPlants, supplyPoints });
  return {
    referenceDate, organizations, sites: sites.map(stripPlant), users, capabilities, capabilitySites, certifications,
    requirements, requirementCertifications, contractCount: scale.contracts, contracts, logins, generatedBuyerEmails,
  };

  function stripPlant(p: SupplierPlant): SiteRow {
    return {
      id: p.id, organizationId: p.organizationId, name: p.name, countryCode: p.countryCode, regionCode: p.regionCode,
      address: p.address, lat: p.lat, lon: p.lon, locationApprox: p.locationApprox, createdAt: p.createdAt,
    };
  }
}

const levelPickers = new WeakMap<readonly (readonly [string, number])[], WeightedPicker<string>>();

/** One picker per level list of the model, made once. */
function levelPicker(levels: readonly (readonly [string, number])[]): WeightedPicker<string> {
  let picker = levelPickers.get(levels);
  if (!picker) {
    picker = WeightedPicker.of(levels);
    levelPickers.set(levels, picker);
  }
  return picker;
}

function uniqueName(used: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = name.replace('(示例)', `${n}(示例)`).replace('(example)', `${n} (example)`);
  used.add(candidate);
  return candidate;
}

/** Plant names unique within an organisation: 北仑工厂, 北仑二号工厂, … */
class PlantNamer {
  private readonly used = new Map<string, number>();
  next(base: string, suffix: string): string {
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    if (n === 1) return `${base}${suffix}`;
    return suffix ? `${base}${n}号${suffix}` : `${base} ${n}`;
  }
}

// ───────────────────────────── contracts ─────────────────────────────

/**
 * The target provincial local share on a day: LOCAL_SHARE_BY_YEAR is each year's mid-year
 * value, interpolated linearly between mid-years (and held flat beyond the first and last),
 * so that quarters rise smoothly.
 */
const shareYears = Object.keys(LOCAL_SHARE_BY_YEAR).map(Number).sort((a, b) => a - b);
const shareByDay = new Map<string, number>();

export function localShareOn(date: string): number {
  let share = shareByDay.get(date);
  if (share === undefined) {
    share = interpolatedShare(date);
    shareByDay.set(date, share);
  }
  return share;
}

function interpolatedShare(date: string): number {
  const years = shareYears;
  const t = Number(date.slice(0, 4)) + (daysBetween(`${date.slice(0, 4)}-01-01`, date) + 0.5) / 366 - 0.5;
  if (t <= years[0]) return LOCAL_SHARE_BY_YEAR[years[0]];
  const last = years[years.length - 1];
  if (t >= last) return LOCAL_SHARE_BY_YEAR[last];
  const y = Math.floor(t);
  const from = LOCAL_SHARE_BY_YEAR[y];
  const to = LOCAL_SHARE_BY_YEAR[y + 1] ?? from;
  return from + (to - from) * (t - y);
}

interface ContractContext {
  seed: number;
  scale: ScaleSpec;
  referenceDate: string;
  oemPlants: OemPlant[];
  supplyPoints: SupplyPoint[];
}

/**
 * Recorded contracts signed from 1 January 2024 to the day before the reference date. Whether a
 * contract goes to a plant in the buyer plant's province is chosen so that the counted value
 * (the bureau's basis: a terminated contract counts its delivered value) placed locally
 * follows localShareOn(signing day); values are drawn independently of category and place, so
 * the count share follows too. The locality snapshot is computed from both plants with
 * matching's own tiers and distance.
 */
function contractStream(ctx: ContractContext): () => Generator<ContractRow> {
  const { seed, scale, referenceDate, oemPlants, supplyPoints } = ctx;
  const lastDay = addDays(referenceDate, -1);
  const lastYear = Number(lastDay.slice(0, 4));
  const years: { year: number; first: string; days: number }[] = [];
  for (let year = FIRST_CONTRACT_YEAR; year <= lastYear; year++) {
    const first = `${year}-01-01`;
    const last = year === lastYear ? lastDay : `${year}-12-31`;
    years.push({ year, first, days: daysBetween(first, last) + 1 });
  }
  if (years.length === 0) throw new RangeError(`the reference date ${referenceDate} leaves no contract years from ${FIRST_CONTRACT_YEAR}`);
  const buyerPicker = new WeightedPicker(oemPlants, oemPlants.map((p) => p.weight));
  // Activity grows a little each year; a year's weight is its length times the growth.
  const yearPicker = new WeightedPicker(years, years.map((y, i) => y.days * (1 + 0.08 * i)));

  const byProvince = new Map<string, SupplyPoint[]>();
  const byCity = new Map<string, SupplyPoint[]>();
  for (const point of supplyPoints) {
    const province = point.site.provinceCode ?? `abroad:${point.site.countryCode}`;
    if (!byProvince.has(province)) byProvince.set(province, []);
    (byProvince.get(province) as SupplyPoint[]).push(point);
    if (point.site.cityCode) {
      if (!byCity.has(point.site.cityCode)) byCity.set(point.site.cityCode, []);
      (byCity.get(point.site.cityCode) as SupplyPoint[]).push(point);
    }
  }
  const outside = new Map<string, SupplyPoint[]>();
  const outsideOf = (province: string) => {
    let list = outside.get(province);
    if (!list) {
      list = supplyPoints.filter((p) => p.site.provinceCode !== province);
      outside.set(province, list);
    }
    return list;
  };

  return function* contracts(): Generator<ContractRow> {
    const rng = Prng.forStream(seed, 'contracts');
    const contractIds = new IdSequence(Prng.forStream(seed, 'ids:contracts'), Date.parse(`${referenceDate}T00:00:00Z`));
    const diffusion = new Map<string, { target: number; local: number }>();
    for (let i = 0; i < scale.contracts; i++) {
      const y = yearPicker.pick(rng);
      const signedDate = addDays(y.first, rng.int(0, y.days - 1));
      const buyer = buyerPicker.pick(rng);
      const province = buyer.provinceCode as string;
      const targetCents = rng.logNormal(CONTRACT_VALUE_MEDIAN_CNY, CONTRACT_VALUE_SIGMA) * 100;
      const startDate = addDays(signedDate, rng.int(0, 45));
      const endDate = rng.chance(0.95) ? addDays(startDate, rng.int(365, 1095)) : null;
      const terminated = startDate < referenceDate && rng.chance(TERMINATED_SHARE);
      const deliveredShare = terminated && !rng.chance(DELIVERED_UNKNOWN_SHARE) ? rng.float(0.1, 0.8) : null;

      // Local or not, so that the counted value placed locally tracks the target share
      // (error diffusion per year and buyer province: exact at any scale, no drift).
      const counted = terminated ? (deliveredShare ?? 0) * targetCents : targetCents;
      const key = `${y.year}:${province}`;
      const acc = diffusion.get(key) ?? { target: 0, local: 0 };
      diffusion.set(key, acc);
      // Local when the local value so far is not ahead of the target (whatever this contract's
      // size, so that the count share follows the value share).
      const local = acc.local <= acc.target;
      acc.target += localShareOn(signedDate) * counted;
      if (local) acc.local += counted;

      let pool: SupplyPoint[] | undefined;
      if (local) {
        const sameCity = byCity.get(buyer.cityCode as string);
        pool = sameCity && sameCity.length > 0 && rng.chance(SAME_CITY_PREFERENCE) ? sameCity : byProvince.get(province);
      } else {
        pool = outsideOf(province);
      }
      if (!pool || pool.length === 0) pool = supplyPoints;
      const point = pool[Math.floor(rng.next() * pool.length)];
      const profile = CATEGORY_PROFILES[point.categoryCode] ?? CATEGORY_PROFILES[point.categoryCode.split('.')[0]];
      const priceCents = Math.max(1, Math.round(rng.float(profile.price[0], profile.price[1]) * 100));
      const volume = Math.max(1, Math.round(targetCents / priceCents));
      const totalCents = priceCents * volume;

      let status: ContractRow['status'];
      let deliveredValue: string | null = null;
      let terminationReason: string | null = null;
      if (terminated) {
        status = 'TERMINATED';
        terminationReason = rng.pick(TERMINATION_REASONS);
        if (deliveredShare !== null) deliveredValue = centsToDecimal(Math.round(totalCents * deliveredShare));
      } else if (startDate > referenceDate) status = 'SIGNED';
      else if (endDate !== null && endDate < referenceDate) status = 'COMPLETED';
      else status = 'ACTIVE';

      yield {
        id: contractIds.id(),
        source: 'RECORDED',
        buyerReference: `REC-${y.year}-${String(i + 1).padStart(7, '0')}`,
        buyerOrganizationId: buyer.organizationId,
        buyerSiteId: buyer.id,
        supplierOrganizationId: point.supplierId,
        supplierSiteId: point.site.id,
        categoryCode: point.categoryCode,
        unitPrice: centsToDecimal(priceCents),
        volume,
        totalValue: centsToDecimal(totalCents),
        deliveredValue,
        signedDate,
        startDate,
        endDate,
        status,
        terminationReason,
        ...localitySnapshot(buyer, point.site),
        createdAt: chinaTime(signedDate, 9),
      };
    }
  };
}
