/**
 * A demo-like market for the dashboard's browser test: OEM plants and suppliers at real
 * places in Zhejiang and beyond (every name invented and marked 示例 / example), a few hundred
 * contracts over three years with local sourcing slowly rising, a provincial baseline, and open
 * requirements of which some no plant in Zhejiang can serve. Deterministic (seeded PRNG).
 */
import { Decimal } from 'decimal.js';
import type { TestApp } from '../support/app.js';
import { addCertification, daysFromNow, makeCapability, makeOrganization, makeRequirement, makeSite, type MadeOrganization } from '../support/factories.js';
import { OrganizationKind } from '../../src/organizations/organization.entity.js';

interface Plant {
  org: string;
  token: string;
  site: string;
  region: string | null;
  country: string;
}

const OEMS = [
  { name: '甬湾智能汽车(示例)有限公司', plants: ['330282', '330206'] },
  { name: '钱江新能源汽车(示例)有限公司', plants: ['330114', '330703'] },
  { name: '台州临海汽车(示例)有限公司', plants: ['331082', '330522'] },
  { name: '桐乡智行汽车(示例)有限公司', plants: ['330483'] },
  { name: '瓯江商用车(示例)有限公司', plants: ['330304'] },
  { name: '绍越汽车(示例)有限公司', plants: ['330603'] },
];

const SUPPLIERS = [
  { name: '萧山线控制动系统(示例)', region: '330109', categories: ['CHASSIS.BRAKE_BY_WIRE'] },
  { name: '北仑底盘科技(示例)', region: '330206', categories: ['CHASSIS.SUSPENSION', 'CHASSIS.DOMAIN_CONTROLLER'] },
  { name: '甬城智能座舱电子(示例)', region: '330212', categories: ['COCKPIT.DOMAIN_CONTROLLER', 'COCKPIT.DISPLAY', 'COCKPIT.IVI'] },
  { name: '南湖功率半导体(示例)', region: '330402', categories: ['CHIP.POWER'] },
  { name: '天台换热器(示例)', region: '331023', categories: ['THERMAL'] },
  { name: '杭芯车规微电子(示例)', region: '330106', categories: ['CHIP.MCU', 'CHIP.ANALOG'] },
  { name: '德清智能座椅(示例)', region: '330521', categories: ['COCKPIT.SEATS', 'INTERIOR'] },
  { name: '金华线控转向(示例)', region: '330703', categories: ['CHASSIS.STEER_BY_WIRE'] },
  { name: '苏州线控转向(示例)', region: '320505', categories: ['CHASSIS.STEER_BY_WIRE', 'CHASSIS.BRAKE_BY_WIRE'] },
  { name: '浦江车载计算芯片(示例)', region: '310115', categories: ['CHIP.SOC', 'CHIP.SENSOR'] },
  { name: '合肥车载显示(示例)', region: '340104', categories: ['COCKPIT.DISPLAY', 'COCKPIT.CABIN_SENSING'] },
  { name: '渝州制动(示例)', region: '500112', categories: ['CHASSIS.BRAKE_BY_WIRE'] },
];

/** mulberry32: small, seeded, good enough for demo data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DashboardWorld {
  bureau: MadeOrganization;
  year: number;
  contracts: number;
}

export async function buildDashboardWorld(t: TestApp, adminToken: string): Promise<DashboardWorld> {
  const random = prng(20250707);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const bureau = await makeOrganization(t, adminToken, OrganizationKind.BUREAU, { legalName: '浙江省经济和信息化厅(示例)', jurisdictionCode: '330000' });

  const buyers: Plant[] = [];
  for (const oem of OEMS) {
    const made = await makeOrganization(t, adminToken, OrganizationKind.OEM, { legalName: oem.name });
    for (const [i, region] of oem.plants.entries()) buyers.push({ org: made.id, token: made.token, site: await makeSite(t, made.token, region, `${i + 1}号总装厂`), region, country: 'CN' });
  }
  const suppliers: (Plant & { categories: string[] })[] = [];
  for (const s of SUPPLIERS) {
    const made = await makeOrganization(t, adminToken, OrganizationKind.SUPPLIER, { legalName: `${s.name}有限公司` });
    const site = await makeSite(t, made.token, s.region, '生产基地');
    suppliers.push({ org: made.id, site, region: s.region, country: 'CN', categories: s.categories, token: made.token });
  }
  const germany = await makeOrganization(t, adminToken, OrganizationKind.SUPPLIER, { legalName: 'Rheinland Bremstechnik (example) GmbH' });
  const germanSite = await makeSite(t, germany.token, null as unknown as string, 'Werk Stuttgart', { regionCode: null, countryCode: 'DE', lat: 48.7758, lon: 9.1829 });
  suppliers.push({ org: germany.id, site: germanSite, region: null, country: 'DE', categories: ['CHASSIS.BRAKE_BY_WIRE', 'CHIP.SOC'], token: germany.token });

  // Contracts: three years up to today; the later, the likelier a Zhejiang supplier.
  const year = new Date().getFullYear();
  const today = new Date().toISOString().slice(0, 10);
  const local = suppliers.filter((s) => s.region?.startsWith('33'));
  const distant = suppliers.filter((s) => !s.region?.startsWith('33'));
  const rows: unknown[][] = [];
  for (let i = 0; i < 360; i++) {
    const y = year - 2 + (i % 3);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    let signed = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (signed > today) signed = today;
    const buyer = pick(buyers);
    const supplier = random() < 0.42 + 0.08 * (y - (year - 2)) ? pick(local) : pick(distant);
    const category = pick(supplier.categories);
    const value = new Decimal(Math.round(200_000 + random() * 12_000_000)).toFixed(2);
    const terminated = random() < 0.04;
    const sameProvince = supplier.region !== null && supplier.region.slice(0, 2) === buyer.region?.slice(0, 2);
    const sameCity = sameProvince && supplier.region?.slice(0, 4) === buyer.region?.slice(0, 4);
    rows.push([y < year ? 'RECORDED' : pick(['AWARDED', 'RECORDED']), `DEMO-${i}`, buyer.org, buyer.site, supplier.org, supplier.site, category, value,
      terminated ? new Decimal(value).times(0.3).toFixed(2) : null, signed, terminated ? 'TERMINATED' : y < year ? 'COMPLETED' : 'ACTIVE',
      buyer.region, supplier.region, supplier.country, sameCity && supplier.region === buyer.region, sameCity, sameProvince]);
  }
  for (const row of rows) {
    await t.dataSource.query(
      `INSERT INTO contracts (source, buyer_reference, buyer_organization_id, buyer_site_id, supplier_organization_id, supplier_site_id, category_code, unit_price, volume,
         total_value, delivered_value, signed_date, start_date, status, buyer_region_code, supplier_region_code, supplier_country_code, same_county, same_city, same_province, distance_km)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 100, 1, $8, $9, $10, $10, $11, $12, $13, $14, $15, $16, $17, 100)`,
      row,
    );
  }
  await t.ok(`mutation($input: SetSourcingBaselineInput!) { setSourcingBaseline(input: $input) { regionCode } }`,
    { input: { regionCode: '330000', baselineYear: year - 2, sourceNote: '由平台合同测算(示例) computed from the platform\'s contracts (example)' } }, bureau.token);

  // Open requirements: SoC and cabin sensing have no qualified plant in Zhejiang; brake-by-wire does.
  const certify = (token: string, typeCode: string, level?: string) => addCertification(t, token, { typeCode, ...(level ? { level } : {}), validFrom: '2024-01-01', validUntil: daysFromNow(2500) });
  for (const s of suppliers) {
    for (const categoryCode of s.categories) await makeCapability(t, s.token, { categoryCode, siteIds: [s.site] });
    await certify(s.token, 'IATF_16949');
    if (s.categories.some((c) => c.startsWith('CHIP'))) await certify(s.token, 'AEC_Q100', '1');
  }
  const needs = [
    { buyer: buyers[0], categoryCode: 'CHIP.SOC', title: '智驾域控 SoC 芯片', annualVolume: 120_000, targetUnitPrice: '860.00', certs: [{ typeCode: 'AEC_Q100', minLevel: '1' }] },
    { buyer: buyers[2], categoryCode: 'CHIP.SOC', title: '座舱 SoC', annualVolume: 80_000, targetUnitPrice: '420.00', certs: [{ typeCode: 'AEC_Q100', minLevel: '2' }] },
    { buyer: buyers[4], categoryCode: 'COCKPIT.CABIN_SENSING', title: 'DMS 舱内摄像头', annualVolume: 150_000, targetUnitPrice: '210.00', certs: [{ typeCode: 'IATF_16949' }] },
    { buyer: buyers[1], categoryCode: 'CHASSIS.BRAKE_BY_WIRE', title: 'EHB one-box 线控制动', annualVolume: 100_000, targetUnitPrice: '1850.00', certs: [{ typeCode: 'IATF_16949' }] },
  ];
  for (const need of needs) {
    await makeRequirement(t, need.buyer.token, need.buyer.site, {
      categoryCode: need.categoryCode, title: need.title, annualVolume: need.annualVolume, targetUnitPrice: need.targetUnitPrice, requiredCertifications: need.certs, specs: [],
    });
  }
  return { bureau, year, contracts: rows.length };
}
