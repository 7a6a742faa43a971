import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin, makeRequirement, makeSite, qualifySupplier } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { entityReader, manyOf } from '../src/common/loaders.js';

/**
 * The loaders and the requirement page build entities from raw rows (src/common/loaders.ts)
 * instead of TypeORM's query builder: every entity they read must come out exactly as
 * `getMany` makes it — the same class, properties, types (Date, Decimal, JSON) and nulls.
 */
describe('entities hydrated from raw rows', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await makePlatformAdmin(t);
    const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    const site = await makeSite(t, oem.token, '330282');
    await makeRequirement(t, oem.token, site, { title: '草稿' }, false);
    await makeRequirement(t, oem.token, site, { matchWeights: { locality: 0.3, fit: 0.35 } });
    const supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    await qualifySupplier(t, supplier.token, await makeSite(t, supplier.token, '330206'));
  });
  afterAll(() => t.close());

  const names = ['Requirement', 'RequirementCertification', 'Organization', 'Site', 'PartCategory', 'Region', 'Capability', 'CapabilitySite', 'SupplierCertification', 'QuoteRevision', 'ContractAmendment'];

  it.each(names)('%s: manyOf gives what getMany gives', async (name) => {
    const metadata = t.dataSource.getMetadata(name);
    const query = () => t.dataSource.getRepository(metadata.target).createQueryBuilder('x').orderBy(metadata.primaryColumns.map((c) => `x.${c.propertyName}`)[0], 'ASC').take(500);
    const expected = await query().getMany();
    const actual = await manyOf(query());
    expect(actual).toStrictEqual(expected);
    if (['Requirement', 'Organization', 'Site', 'PartCategory', 'Region', 'Capability', 'SupplierCertification'].includes(name)) expect(expected.length).toBeGreaterThan(0);
  });

  it.each(names)('%s: entityReader gives what findBy gives', async (name) => {
    const metadata = t.dataSource.getMetadata(name);
    const key = metadata.primaryColumns[0].propertyName;
    const all = await t.dataSource.getRepository(metadata.target).find({ take: 500 });
    const keys = [...new Set(all.map((row) => String((row as Record<string, unknown>)[key])))];
    const read = await entityReader(t.dataSource, metadata.target, key)(keys);
    const identity = (row: object) => metadata.primaryColumns.map((c) => String(c.getEntityValue(row))).join('|');
    const sorted = (rows: object[]) => [...rows].sort((a, b) => identity(a).localeCompare(identity(b)));
    expect(sorted(read)).toStrictEqual(sorted(all));
  });
});
