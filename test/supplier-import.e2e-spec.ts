import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin, nextCreditCode, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { IMPORT_COLUMNS } from '../src/suppliers/import/import-row.js';

const IMPORT = `mutation($csv: String!) { importSuppliers(csv: $csv) { rows accepted rejected { line column message } created { organizations sites capabilities certifications } } }`;
const EXAMPLE = readFileSync('seeds/suppliers-example.csv', 'utf8');

describe('bulk supplier import', () => {
  let t: TestApp;
  let admin: { token: string };

  const counts = async () =>
    (await t.dataSource.query(`SELECT (SELECT count(*)::int FROM organizations) o, (SELECT count(*)::int FROM sites) s, (SELECT count(*)::int FROM capabilities) c,
      (SELECT count(*)::int FROM supplier_certifications) z, (SELECT count(*)::int FROM audit_events) a, (SELECT count(*)::int FROM outbox) b`))[0];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
  });
  afterAll(() => t.close());

  it('imports the example file, and re-importing it changes nothing', async () => {
    const first = (await t.ok<{ importSuppliers: any }>(IMPORT, { csv: EXAMPLE }, admin.token)).importSuppliers;
    expect(first).toEqual({ rows: 5, accepted: 5, rejected: [], created: { organizations: 4, sites: 4, capabilities: 4, certifications: 5 } });
    const plants = await t.dataSource.query(`SELECT s.name, s.region_code, s.location_approx FROM sites s ORDER BY s.name`);
    expect(plants).toContainEqual({ name: '南湖模块厂', region_code: '330402', location_approx: false });
    expect(plants).toContainEqual({ name: '天台工厂', region_code: '331023', location_approx: true });
    const audits = await t.dataSource.query(`SELECT action, jsonb_array_length(after->'rows') AS n FROM audit_events WHERE entity_type = 'ImportBatch' ORDER BY action`);
    expect(audits).toEqual([
      { action: 'capability.import', n: 4 }, { action: 'certification.import', n: 5 }, { action: 'organization.import', n: 4 }, { action: 'site.import', n: 4 },
    ]);
    const outbox = await t.dataSource.query(`SELECT DISTINCT entity_type FROM outbox`);
    expect(outbox).toEqual([{ entity_type: 'Organization' }]);
    // One outbox row per supplier the batch touched, however many of its rows the batch wrote.
    const perSupplier = await t.dataSource.query(`SELECT count(*)::int AS rows, count(DISTINCT entity_id)::int AS suppliers FROM outbox`);
    expect(perSupplier).toEqual([{ rows: 4, suppliers: 4 }]);
    const before = await counts();
    const again = (await t.ok<{ importSuppliers: any }>(IMPORT, { csv: EXAMPLE }, admin.token)).importSuppliers;
    expect(again).toEqual({ rows: 5, accepted: 5, rejected: [], created: { organizations: 0, sites: 0, capabilities: 0, certifications: 0 } });
    expect(await counts()).toEqual(before);
  });

  it('lists every rejected row with its line and reason, and writes the valid ones', async () => {
    const header = IMPORT_COLUMNS.join(',');
    const good = nextCreditCode('330206');
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const row = (values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>) => IMPORT_COLUMNS.map((c) => values[c] ?? '').join(',');
    const csv = [
      header,
      row({ credit_code: good, legal_name: '北仑精密(测试)', plant_name: '一厂', region_code: '330206', category_code: 'CHASSIS.SUSPENSION' }),
      row({ credit_code: badCheck, legal_name: '校验错(测试)', plant_name: '一厂', region_code: '330206' }),
      row({ credit_code: nextCreditCode(), legal_name: '省级代码(测试)', plant_name: '一厂', region_code: '330000' }),
      row({ credit_code: nextCreditCode(), legal_name: '未知品类(测试)', plant_name: '一厂', region_code: '330206', category_code: 'CHASSIS.HOVER' }),
      row({ credit_code: nextCreditCode(), legal_name: '证书等级(测试)', plant_name: '一厂', region_code: '330206', cert_type: 'AEC_Q100', cert_level: '7', cert_number: 'X', cert_valid_from: '2025-01-01', cert_valid_until: '2026-01-01' }),
      row({ credit_code: nextCreditCode(), legal_name: '日期倒置(测试)', plant_name: '一厂', region_code: '330206', cert_type: 'CCC', cert_number: 'Y', cert_valid_from: '2026-01-02', cert_valid_until: '2026-01-01' }),
      row({ credit_code: nextCreditCode(), legal_name: '海外(测试)', plant_name: 'Plant', country_code: 'DE' }),
    ].join('\n');
    const before = await counts();
    const report = (await t.ok<{ importSuppliers: any }>(IMPORT, { csv }, admin.token)).importSuppliers;
    expect(report.rows).toBe(7);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([
      { line: 3, column: 'credit_code', message: 'the check character (18th) does not match GB 32100-2015' },
      { line: 4, column: 'region_code', message: '330000 is not a county-level GB/T 2260 code' },
      { line: 5, column: 'category_code', message: 'unknown part category CHASSIS.HOVER' },
      { line: 6, column: 'cert_level', message: 'AEC_Q100 needs a level: 3, 2, 1, 0' },
      { line: 7, column: 'cert_valid_until', message: 'must not be before cert_valid_from' },
      { line: 8, column: 'lat', message: 'a plant abroad needs lat and lon' },
    ]);
    const after = await counts();
    expect([after.o - before.o, after.s - before.s, after.c - before.c]).toEqual([1, 1, 1]);
  });

  it('refuses a credit code that belongs to an OEM, and a file without the required columns', async () => {
    const oem: MadeOrganization = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    const csv = `credit_code,legal_name,plant_name,region_code\n${oem.creditCode},冒名(测试),一厂,330206\n`;
    const report = (await t.ok<{ importSuppliers: any }>(IMPORT, { csv }, admin.token)).importSuppliers;
    expect(report.rejected).toEqual([{ line: 2, column: 'credit_code', message: 'this credit code belongs to an organisation that is not a supplier' }]);
    const headerless = await t.gql(IMPORT, { csv: 'name,region\nx,330206\n' }, admin.token);
    expect(headerless.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'csv' }] });
  });

  it('adds a plant, a capability at an existing plant and a certificate to a supplier it imported before, and names it in the change feed', async () => {
    const header = IMPORT_COLUMNS.join(',');
    const row = (values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>) => IMPORT_COLUMNS.map((c) => values[c] ?? '').join(',');
    const code = nextCreditCode('330206');
    const base = { credit_code: code, legal_name: '北仑续导(测试)', region_code: '330206' };
    const first = (await t.ok<{ importSuppliers: any }>(IMPORT, { csv: [header, row({ ...base, plant_name: '一厂', category_code: 'CHASSIS.SUSPENSION' })].join('\n') }, admin.token)).importSuppliers;
    expect(first.created).toEqual({ organizations: 1, sites: 1, capabilities: 1, certifications: 0 });
    const [{ id, seq }] = await t.dataSource.query(`SELECT o.id, (SELECT max(seq)::int FROM match_changes) AS seq FROM organizations o WHERE o.credit_code = $1`, [code]);
    const csv = [
      header,
      row({ ...base, plant_name: '二厂' }),
      row({ ...base, plant_name: '一厂', category_code: 'COCKPIT.DISPLAY', cert_type: 'IATF_16949', cert_number: 'IATF-X1', cert_valid_from: '2025-01-01', cert_valid_until: '2027-01-01' }),
    ].join('\n');
    const second = (await t.ok<{ importSuppliers: any }>(IMPORT, { csv }, admin.token)).importSuppliers;
    expect(second).toMatchObject({ accepted: 2, rejected: [], created: { organizations: 0, sites: 1, capabilities: 1, certifications: 1 } });
    const links = await t.dataSource.query(
      `SELECT c.category_code, s.name FROM capabilities c JOIN capability_sites cs ON cs.capability_id = c.id JOIN sites s ON s.id = cs.site_id WHERE c.organization_id = $1 ORDER BY c.category_code`, [id]);
    expect(links).toEqual([{ category_code: 'CHASSIS.SUSPENSION', name: '一厂' }, { category_code: 'COCKPIT.DISPLAY', name: '一厂' }]);
    // The match index hears of the supplier from the change feed; search from one outbox row.
    const fed = await t.dataSource.query(`SELECT DISTINCT organization_id FROM match_changes WHERE seq > $1`, [seq]);
    expect(fed).toEqual([{ organization_id: id }]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE entity_type = 'Organization' AND entity_id = $1`, [id]);
    expect(n).toBe(2);
  });

  it('leaves nothing of a batch that fails part-way', async () => {
    // A refusal only the database makes, on the last insert of the batch.
    await t.dataSource.query(`CREATE FUNCTION test_refuse_certificate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.certificate_number = 'REFUSED' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await t.dataSource.query(`CREATE TRIGGER test_refuse_certificate BEFORE INSERT ON supplier_certifications FOR EACH ROW EXECUTE FUNCTION test_refuse_certificate()`);
    try {
      const header = IMPORT_COLUMNS.join(',');
      const row = (values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>) => IMPORT_COLUMNS.map((c) => values[c] ?? '').join(',');
      const cert = { cert_type: 'IATF_16949', cert_valid_from: '2025-01-01', cert_valid_until: '2027-01-01' };
      const csv = [
        header,
        row({ credit_code: nextCreditCode('330206'), legal_name: '半途甲(测试)', plant_name: '一厂', region_code: '330206', category_code: 'CHIP.MCU', ...cert, cert_number: 'OK-1' }),
        row({ credit_code: nextCreditCode('330206'), legal_name: '半途乙(测试)', plant_name: '一厂', region_code: '330206', category_code: 'CHIP.MCU', ...cert, cert_number: 'REFUSED' }),
      ].join('\n');
      const before = await counts();
      const [{ seq }] = await t.dataSource.query(`SELECT COALESCE(max(seq), 0)::int AS seq FROM match_changes`);
      const result = await t.gql(IMPORT, { csv }, admin.token);
      expect(result.errors).toHaveLength(1);
      expect(await counts()).toEqual(before);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM match_changes WHERE seq > $1`, [seq]);
      expect(n).toBe(0);
    } finally {
      await t.dataSource.query(`DROP TRIGGER test_refuse_certificate ON supplier_certifications`);
      await t.dataSource.query(`DROP FUNCTION test_refuse_certificate()`);
    }
  });

  it('is for platform admins and bureaus only', async () => {
    const supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    const result = await t.gql(IMPORT, { csv: EXAMPLE }, supplier.token);
    expect(result.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
