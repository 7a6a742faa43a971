import { startTestApp, type TestApp } from './support/app.js';
import { pendingSchemaChanges } from '../src/database/schema-check.js';
import { buildRegionRows } from '../src/regions/region-data.js';
import { CERTIFICATION_TYPES, flattenTaxonomy } from '../src/taxonomy/taxonomy.data.js';
import { SEED_SYNONYMS } from '../src/search/text/synonyms.data.js';

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

  // The migrations carry their own frozen copy of the reference data (migrations/data/); src/
  // builds the same rows for the code that reads them. When src/ data changes, this fails until
  // a new migration brings the database along.
  it('load the reference data that src/ describes today', async () => {
    const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
    const regions = await t.dataSource.query(`SELECT code, name, name_en AS "nameEn", level, parent_code AS "parentCode",
      province_code AS "provinceCode", lat, lon, centroid_approx AS "centroidApprox" FROM regions ORDER BY code COLLATE "C"`);
    expect(regions).toEqual([...buildRegionRows()].sort(byCode));
    const categories = await t.dataSource.query(`SELECT code, parent_code AS "parentCode", name_zh AS "nameZh", name_en AS "nameEn",
      focus_area AS "focusArea", keywords, sort_order AS "sortOrder" FROM part_categories ORDER BY code COLLATE "C"`);
    expect(categories).toEqual([...flattenTaxonomy()].sort(byCode));
    const types = await t.dataSource.query(`SELECT code, name, name_zh AS "nameZh", level_scheme AS "levelScheme", typical_use AS "typicalUse"
      FROM certification_types ORDER BY code COLLATE "C"`);
    expect(types).toEqual([...CERTIFICATION_TYPES].sort(byCode));
    const synonyms = await t.dataSource.query(`SELECT terms, one_way AS "oneWay" FROM search_synonyms WHERE created_by IS NULL ORDER BY created_at, id`);
    expect(new Set(synonyms.map((g: { terms: string[]; oneWay: boolean }) => JSON.stringify(g)))).toEqual(
      new Set(SEED_SYNONYMS.map((g) => JSON.stringify({ terms: g.terms, oneWay: g.oneWay }))),
    );
  });
});
