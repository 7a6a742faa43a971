import { startTestApp, type TestApp } from './support/app.js';
import { daysFromNow, makeOrganization, makePlatformAdmin, makeSite, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const CREATE_CAPABILITY = `mutation($input: CreateCapabilityInput!) { createCapability(input: $input) { id version categoryCode annualCapacity products } }`;
const UPDATE_CAPABILITY = `mutation($input: UpdateCapabilityInput!) { updateCapability(input: $input) { id version annualCapacity description } }`;
const ADD_CERT = `mutation($input: CertificationInput!) { addCertification(input: $input) { id level version isValid } }`;
const PROFILE = `query($id: ID!) { organization(id: $id) { legalName designations capabilities { categoryCode category { nameEn } products annualCapacity sites { name regionCode } } certifications { typeCode level isValid validUntil } } }`;

describe('supplier capability profiles', () => {
  let t: TestApp;
  let admin: { token: string };
  let supplier: MadeOrganization;
  let other: MadeOrganization;
  let plant: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '北仑底盘科技(测试)' });
    other = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    plant = await makeSite(t, supplier.token, '330206', '北仑悬架工厂');
  });
  afterAll(() => t.close());

  it('keeps capabilities with their plants and certificates with levels and validity', async () => {
    await t.ok(CREATE_CAPABILITY, { input: { categoryCode: 'CHASSIS.SUSPENSION', description: '空气悬架系统 air suspension', products: ['空气弹簧', 'CDC 减振器'], annualCapacity: 300000, leadTimeDays: 45, siteIds: [plant] } }, supplier.token);
    const valid = await t.ok<{ addCertification: { isValid: boolean } }>(ADD_CERT, { input: { typeCode: 'ISO_26262', level: 'C', certificateNumber: 'FS-2025-001', issuer: 'TÜV', validFrom: daysFromNow(-100), validUntil: daysFromNow(600) } }, supplier.token);
    expect(valid.addCertification.isValid).toBe(true);
    const expired = await t.ok<{ addCertification: { isValid: boolean } }>(ADD_CERT, { input: { typeCode: 'IATF_16949', certificateNumber: 'IATF-0001', validFrom: '2022-01-01', validUntil: '2025-03-01' } }, supplier.token);
    expect(expired.addCertification.isValid).toBe(false);
    const profile = (await t.ok<{ organization: any }>(PROFILE, { id: supplier.id }, other.token)).organization;
    expect(profile.capabilities).toEqual([{ categoryCode: 'CHASSIS.SUSPENSION', category: { nameEn: 'Active suspension' }, products: ['空气弹簧', 'CDC 减振器'], annualCapacity: 300000, sites: [{ name: '北仑悬架工厂', regionCode: '330206' }] }]);
    expect(profile.certifications).toEqual([
      { typeCode: 'IATF_16949', level: null, isValid: false, validUntil: '2025-03-01' },
      { typeCode: 'ISO_26262', level: 'C', isValid: true, validUntil: daysFromNow(600) },
    ]);
  });

  it.each([
    ['a level outside the scheme', { typeCode: 'ISO_26262', level: 'E' }, 'input.level'],
    ['a level for a held-only type', { typeCode: 'IATF_16949', level: 'A' }, 'input.level'],
    ['validity dates out of order', { typeCode: 'CCC', validFrom: '2026-01-02', validUntil: '2026-01-01' }, 'input.validUntil'],
  ])('refuses %s', async (_name, overrides, field) => {
    const result = await t.gql(ADD_CERT, { input: { certificateNumber: `N-${Math.random()}`, validFrom: '2025-01-01', validUntil: '2027-01-01', ...overrides } }, supplier.token);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields?.map((f) => f.field)).toContain(field);
  });

  it('edits only its own profile', async () => {
    const foreignPlant = await t.gql(CREATE_CAPABILITY, { input: { categoryCode: 'CHIP.MCU', siteIds: [await makeSite(t, other.token, '330106')] } }, supplier.token);
    expect(foreignPlant.errors?.[0].extensions.fields?.[0].field).toBe('input.siteIds.0');
    const foreignOrg = await t.gql(CREATE_CAPABILITY, { input: { organizationId: other.id, categoryCode: 'CHIP.MCU', siteIds: [plant] } }, supplier.token);
    expect(foreignOrg.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const mine = (await t.ok<{ createCapability: { id: string; version: number } }>(CREATE_CAPABILITY, { input: { categoryCode: 'THERMAL', siteIds: [plant] } }, supplier.token)).createCapability;
    const takeover = await t.gql(UPDATE_CAPABILITY, { input: { id: mine.id, version: mine.version, description: 'hijacked' } }, other.token);
    expect(takeover.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const rows = await t.dataSource.query('SELECT description FROM capabilities WHERE id = $1', [mine.id]);
    expect(rows[0].description).toBe('');
  });

  it('refuses a stale capability version with CONFLICT', async () => {
    const cap = (await t.ok<{ createCapability: { id: string; version: number } }>(CREATE_CAPABILITY, { input: { categoryCode: 'CHASSIS.SUSPENSION', siteIds: [plant], annualCapacity: 1000 } }, supplier.token)).createCapability;
    await t.ok(UPDATE_CAPABILITY, { input: { id: cap.id, version: 1, annualCapacity: 2000 } }, supplier.token);
    const stale = await t.gql(UPDATE_CAPABILITY, { input: { id: cap.id, version: 1, annualCapacity: 5 } }, supplier.token);
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
    const rows = await t.dataSource.query('SELECT annual_capacity, version FROM capabilities WHERE id = $1', [cap.id]);
    expect(rows[0]).toEqual({ annual_capacity: 2000, version: 2 });
  });

  it('lets only a platform admin or the bureau of the plant\'s region grant designations', async () => {
    const SET = `mutation($input: SetDesignationsInput!) { setDesignations(input: $input) { designations } }`;
    const self = await t.gql(SET, { input: { organizationId: supplier.id, designations: ['SINGLE_CHAMPION'] } }, supplier.token);
    expect(self.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const hangzhou = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330100' });
    const wrongBureau = await t.gql(SET, { input: { organizationId: supplier.id, designations: ['LITTLE_GIANT'] } }, hangzhou.token);
    expect(wrongBureau.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const ningbo = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
    const granted = await t.ok<{ setDesignations: { designations: string[] } }>(SET, { input: { organizationId: supplier.id, designations: ['LITTLE_GIANT', 'SPECIALIZED_SME'] } }, ningbo.token);
    expect(granted.setDesignations.designations).toEqual(['LITTLE_GIANT', 'SPECIALIZED_SME']);
    const audit = await t.dataSource.query(`SELECT actor_organization_id FROM audit_events WHERE entity_id = $1 AND action = 'organization.designations'`, [supplier.id]);
    expect(audit).toEqual([{ actor_organization_id: ningbo.id }]);
  });
});
