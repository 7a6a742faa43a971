import { startTestApp, type TestApp } from './support/app.js';
import { pendingSchemaChanges } from '../src/database/schema-check.js';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('leave nothing for migration:generate to write', async () => {
    const changes = await pendingSchemaChanges(t.dataSource);
    expect(changes.up).toEqual([]);
  });

  it('have all been applied', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
  });

  it('load the reference data', async () => {
    const [counts] = await t.dataSource.query(`SELECT
      (SELECT count(*)::int FROM regions WHERE province_code = '330000' AND level = 'COUNTY') AS zhejiang_counties,
      (SELECT count(*)::int FROM part_categories WHERE focus_area IS NOT NULL) AS focus_categories,
      (SELECT count(*)::int FROM certification_types) AS certification_types`);
    expect(counts).toEqual({ zhejiang_counties: 90, focus_categories: 23, certification_types: 17 });
  });
});
