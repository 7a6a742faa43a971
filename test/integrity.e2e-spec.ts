import { startTestApp, type TestApp } from './support/app.js';
import { PASSWORD, login, makeCapability, makeOrganization, makePlatformAdmin, makeSite, addCertification, nextCreditCode, uniqueEmail, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { IMPORT_COLUMNS } from '../src/suppliers/import/import-row.js';

/**
 * Integrity of the official figure: no user's write creates or changes another organisation's
 * rows (recordContract, importContracts, importSuppliers), and the supplier named by a recorded
 * contract confirms or disputes it.
 */
const RECORD = `mutation($input: RecordContractInput!) { recordContract(input: $input) { created contract { id version source supplierConfirmation
  supplierOrganization { id } supplierSite { id name } supplierPlant { name regionCode countryCode } localitySnapshot { supplierRegionCode sameProvince } } } }`;
const IMPORT_CONTRACTS = `mutation($csv: String!) { importContracts(csv: $csv) { rows created unchanged rejected { line column message } } }`;
const IMPORT_SUPPLIERS = `mutation($csv: String!) { importSuppliers(csv: $csv) { rows accepted rejected { line column message } created { organizations sites capabilities certifications } } }`;
const CONFIRM = `mutation($input: SupplierContractAnswerInput!) { confirmContract(input: $input) { id version supplierConfirmation supplierConfirmationNote supplierConfirmedAt } }`;
const DISPUTE = `mutation($input: SupplierContractAnswerInput!) { disputeContract(input: $input) { id version supplierConfirmation supplierConfirmationNote } }`;
const DESIGNATE = `mutation($input: SetDesignationsInput!) { setDesignations(input: $input) { designations } }`;

describe('integrity: no write reaches another organisation', () => {
  let t: TestApp;
  let admin: { token: string };
  let victim: MadeOrganization;
  let victimPlant: string;
  let attacker: { token: string; organizationId: string; plant: string };
  let ningboBureau: MadeOrganization;
  let serial = 0;

  /** Every row of the victim supplier: its organisation row, plants, capabilities (with plants) and certificates. */
  const victimRows = async (id = victim.id) => ({
    organization: await t.dataSource.query(`SELECT to_jsonb(o) AS row FROM organizations o WHERE id = $1`, [id]),
    sites: await t.dataSource.query(`SELECT to_jsonb(s) AS row FROM sites s WHERE organization_id = $1 ORDER BY id`, [id]),
    capabilities: await t.dataSource.query(`SELECT to_jsonb(c) AS row, ARRAY(SELECT site_id FROM capability_sites cs WHERE cs.capability_id = c.id ORDER BY site_id) AS sites FROM capabilities c WHERE organization_id = $1 ORDER BY id`, [id]),
    certifications: await t.dataSource.query(`SELECT to_jsonb(z) AS row FROM supplier_certifications z WHERE organization_id = $1 ORDER BY id`, [id]),
  });
  const allProfiles = () => t.dataSource.query(`SELECT (SELECT count(*)::int FROM sites) s, (SELECT count(*)::int FROM capabilities) c, (SELECT count(*)::int FROM supplier_certifications) z`);

  const recordInput = (creditCode: string, plant: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    buyerReference: `ATTACK-${++serial}`, buyerSiteId: attacker.plant, categoryCode: 'CHASSIS.BRAKE_BY_WIRE', totalValue: '1200000.00', volume: 1000, signedDate: '2026-03-01',
    supplier: { creditCode, plant }, ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    victim = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '杭州受害制动(测试)有限公司', region: '330100' });
    victimPlant = await makeSite(t, victim.token, '330106', '西湖工厂');
    await makeCapability(t, victim.token, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: '线控制动', products: ['EHB'], siteIds: [victimPlant] });
    await addCertification(t, victim.token, { typeCode: 'IATF_16949', issuer: 'TÜV', validFrom: '2025-01-01', validUntil: '2028-01-01' });
    // A self-registered, unverified OEM.
    const email = uniqueEmail('attacker');
    await t.ok(`mutation($input: RegisterInput!) { register(input: $input) { token } }`, {
      input: { email, password: PASSWORD, displayName: 'attacker', organizationKind: 'OEM', legalName: '自注册整车(测试)', creditCode: nextCreditCode('330200') },
    });
    const token = await login(t, email);
    const me = await t.ok<{ me: { organization: { id: string } } }>(`query { me { organization { id } } }`, {}, token);
    attacker = { token, organizationId: me.me.organization.id, plant: await makeSite(t, token, '330206', '北仑总装') };
    ningboBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
  });
  afterAll(() => t.close());

  describe('recordContract keeps the declared plant on the contract', () => {
    const plants: [string, Record<string, unknown>][] = [
      ['a new plant in Ningbo', { name: '宁波新厂', regionCode: '330206' }],
      ['a new plant in Ürümqi', { name: '乌鲁木齐厂', regionCode: '650102' }],
      ['a new plant abroad', { name: 'Stuttgart', countryCode: 'DE', lat: 48.78, lon: 9.18 }],
      ['its existing plant, declared elsewhere', { name: '西湖工厂', regionCode: '330206' }],
    ];
    it.each(plants)('naming a verified supplier with %s creates and changes none of its rows', async (_, plant) => {
      const before = await victimRows();
      const profiles = await allProfiles();
      const { recordContract } = await t.ok<{ recordContract: any }>(RECORD, { input: recordInput(victim.creditCode, plant) }, attacker.token);
      expect(recordContract.created).toBe(true);
      expect(recordContract.contract).toMatchObject({
        supplierOrganization: { id: victim.id }, supplierSite: null, supplierConfirmation: 'UNCONFIRMED',
        supplierPlant: { name: plant.name, regionCode: plant.regionCode ?? null, countryCode: plant.countryCode ?? 'CN' },
        localitySnapshot: { supplierRegionCode: plant.regionCode ?? null },
      });
      expect(await victimRows()).toEqual(before);
      expect(await allProfiles()).toEqual(profiles);
    });

    it('links the supplier\'s registered plant only when name and place both match', async () => {
      const before = await victimRows();
      const { recordContract } = await t.ok<{ recordContract: any }>(RECORD, { input: recordInput(victim.creditCode, { name: '西湖工厂', regionCode: '330106' }) }, attacker.token);
      expect(recordContract.contract.supplierSite).toEqual({ id: victimPlant, name: '西湖工厂' });
      expect(await victimRows()).toEqual(before);
    });

    it('an unknown credit code becomes an unverified supplier without plants', async () => {
      const profiles = await allProfiles();
      const creditCode = nextCreditCode('320500');
      const { recordContract } = await t.ok<{ recordContract: any }>(RECORD, { input: recordInput(creditCode, { name: '苏州工厂', regionCode: '320505' }, { supplier: { creditCode, legalName: '苏州未注册(测试)', plant: { name: '苏州工厂', regionCode: '320505' } } }) }, attacker.token);
      expect(recordContract.contract.supplierSite).toBeNull();
      expect(await allProfiles()).toEqual(profiles);
      expect((await victimRows(recordContract.contract.supplierOrganization.id)).sites).toEqual([]);
    });
  });

  it('importContracts naming a verified supplier with new plants creates and changes none of its rows', async () => {
    const before = await victimRows();
    const profiles = await allProfiles();
    const header = 'reference,buyer_plant,supplier_credit_code,supplier_name,supplier_plant,supplier_region_code,category_code,total_value,volume,signed_date';
    const csv = [header,
      `CSV-1,北仑总装,${victim.creditCode},冒名,宁波新厂二,330206,CHASSIS.BRAKE_BY_WIRE,900000000000.00,1000,2026-03-01`,
      `CSV-2,北仑总装,${victim.creditCode},,乌鲁木齐厂二,650102,CHASSIS.BRAKE_BY_WIRE,860000.00,100,2026-03-02`,
      `CSV-3,北仑总装,${victim.creditCode},,西湖工厂,330212,CHASSIS.BRAKE_BY_WIRE,860000.00,100,2026-03-03`,
    ].join('\n');
    const report = (await t.ok<{ importContracts: any }>(IMPORT_CONTRACTS, { csv }, attacker.token)).importContracts;
    expect(report).toMatchObject({ rows: 3, rejected: [] });
    expect(await victimRows()).toEqual(before);
    expect(await allProfiles()).toEqual(profiles);
    const declared = await t.dataSource.query(`SELECT supplier_plant_name AS name, supplier_site_id AS site FROM contracts WHERE buyer_reference LIKE 'CSV-%' ORDER BY buyer_reference`);
    expect(declared).toEqual([{ name: '宁波新厂二', site: null }, { name: '乌鲁木齐厂二', site: null }, { name: '西湖工厂', site: null }]);
  });

  describe('a bureau\'s importSuppliers', () => {
    const header = IMPORT_COLUMNS.join(',');
    const row = (values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>) => IMPORT_COLUMNS.map((c) => values[c] ?? '').join(',');

    it('adds no plant, capability or certificate to another organisation, in or out of its jurisdiction; setDesignations stays refused', async () => {
      const before = await victimRows();
      const csv = [header,
        row({ credit_code: victim.creditCode, legal_name: '杭州受害制动(测试)有限公司', plant_name: '宁波分厂', region_code: '330206', category_code: 'THERMAL' }),
        row({ credit_code: victim.creditCode, legal_name: '杭州受害制动(测试)有限公司', plant_name: '乌鲁木齐分厂', region_code: '650102' }),
        row({ credit_code: victim.creditCode, legal_name: '杭州受害制动(测试)有限公司', plant_name: '西湖工厂', region_code: '330106', cert_type: 'CCC', cert_number: 'N-1', cert_valid_from: '2025-01-01', cert_valid_until: '2027-01-01' }),
      ].join('\n');
      const report = (await t.ok<{ importSuppliers: any }>(IMPORT_SUPPLIERS, { csv }, ningboBureau.token)).importSuppliers;
      expect(report).toMatchObject({ rows: 3, accepted: 0, created: { organizations: 0, sites: 0, capabilities: 0, certifications: 0 } });
      expect(report.rejected.map((r: any) => [r.line, r.column])).toEqual([[2, 'credit_code'], [3, 'region_code'], [4, 'region_code']]);
      expect(await victimRows()).toEqual(before);
      const designate = await t.gql(DESIGNATE, { input: { organizationId: victim.id, designations: ['LITTLE_GIANT'] } }, ningboBureau.token);
      expect(designate.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(await victimRows()).toEqual(before);
    });

    it('creates new organisations inside its jurisdiction, and adds to them while they have no users', async () => {
      const fresh = nextCreditCode('330200');
      const first = [header,
        row({ credit_code: fresh, legal_name: '北仑新进(测试)', plant_name: '一厂', region_code: '330206', category_code: 'THERMAL' }),
        row({ credit_code: fresh, legal_name: '北仑新进(测试)', plant_name: '疆厂', region_code: '650102' }),
        row({ credit_code: nextCreditCode('330100'), legal_name: '杭州新进(测试)', plant_name: '一厂', region_code: '330106' }),
      ].join('\n');
      const report = (await t.ok<{ importSuppliers: any }>(IMPORT_SUPPLIERS, { csv: first }, ningboBureau.token)).importSuppliers;
      expect(report).toMatchObject({ accepted: 1, created: { organizations: 1, sites: 1, capabilities: 1 } });
      expect(report.rejected.map((r: any) => [r.line, r.column])).toEqual([[3, 'region_code'], [4, 'region_code']]);
      const second = [header, row({ credit_code: fresh, legal_name: '北仑新进(测试)', plant_name: '二厂', region_code: '330212' })].join('\n');
      expect((await t.ok<{ importSuppliers: any }>(IMPORT_SUPPLIERS, { csv: second }, ningboBureau.token)).importSuppliers).toMatchObject({ accepted: 1, created: { sites: 1 } });
      // Once the organisation has a user of its own, its profile is theirs.
      const [{ id }] = await t.dataSource.query(`SELECT id FROM organizations WHERE credit_code = $1`, [fresh]);
      await t.ok(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { organizationId: id, email: uniqueEmail('claimed'), password: PASSWORD, displayName: 'owner', orgAdmin: true } }, admin.token);
      const before = await victimRows(id);
      const third = [header, row({ credit_code: fresh, legal_name: '北仑新进(测试)', plant_name: '三厂', region_code: '330212' })].join('\n');
      const refused = (await t.ok<{ importSuppliers: any }>(IMPORT_SUPPLIERS, { csv: third }, ningboBureau.token)).importSuppliers;
      expect(refused).toMatchObject({ accepted: 0, rejected: [{ line: 2, column: 'credit_code' }] });
      expect(await victimRows(id)).toEqual(before);
    });
  });

  describe('the supplier confirms or disputes', () => {
    it('only the named supplier answers; a dispute needs a reason; the buyer\'s amendment reopens a confirmation', async () => {
      const { recordContract } = await t.ok<{ recordContract: any }>(RECORD, { input: recordInput(victim.creditCode, { name: '西湖工厂', regionCode: '330106' }) }, attacker.token);
      const id = recordContract.contract.id;
      const other = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
      const before = await t.dataSource.query(`SELECT to_jsonb(c) AS row FROM contracts c WHERE id = $1`, [id]);
      for (const token of [other.token, ningboBureau.token, admin.token, attacker.token]) {
        const refused = await t.gql(CONFIRM, { input: { id, version: 1 } }, token);
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refused.errors?.[0].extensions.code);
      }
      const noReason = await t.gql(DISPUTE, { input: { id, version: 1 } }, victim.token);
      expect(noReason.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(await t.dataSource.query(`SELECT to_jsonb(c) AS row FROM contracts c WHERE id = $1`, [id])).toEqual(before);

      const disputed = (await t.ok<{ disputeContract: any }>(DISPUTE, { input: { id, version: 1, note: '不是我们的合同' } }, victim.token)).disputeContract;
      expect(disputed).toMatchObject({ supplierConfirmation: 'DISPUTED', supplierConfirmationNote: '不是我们的合同', version: 2 });
      const confirmed = (await t.ok<{ confirmContract: any }>(CONFIRM, { input: { id, version: 2 } }, victim.token)).confirmContract;
      expect(confirmed).toMatchObject({ supplierConfirmation: 'CONFIRMED', version: 3 });
      const again = await t.gql(CONFIRM, { input: { id, version: 3 } }, victim.token);
      expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
      const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a: any) => a.action)).toEqual(['contract.record', 'contract.supplier_dispute', 'contract.supplier_confirm']);

      const amended = await t.ok<{ amendContract: any }>(`mutation($input: AmendContractInput!) { amendContract(input: $input) { version supplierConfirmation } }`, { input: { id, version: 3, totalValue: '1300000.00', reason: '调价' } }, attacker.token);
      expect(amended.amendContract).toEqual({ version: 4, supplierConfirmation: 'UNCONFIRMED' });
    });
  });
});
