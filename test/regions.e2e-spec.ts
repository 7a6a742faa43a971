import { startTestApp, type TestApp } from './support/app.js';

describe('regions (GB/T 2260)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the 11 cities of Zhejiang', async () => {
    const data = await t.ok<{ regions: { code: string; name: string; nameEn: string; level: string }[] }>(
      `{ regions(parent: "330000") { code name nameEn level } }`,
    );
    expect(data.regions).toHaveLength(11);
    expect(data.regions.find((r) => r.code === '330200')).toEqual({ code: '330200', name: '宁波市', nameEn: 'Ningbo', level: 'CITY' });
  });

  it('has the 2021 Hangzhou districts and not the abolished ones', async () => {
    const data = await t.ok<{ regions: { code: string; name: string }[] }>(`{ regions(parent: "330100") { code name } }`);
    const codes = data.regions.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['330113', '330114']));
    expect(codes).not.toContain('330103');
    expect(codes).not.toContain('330104');
    expect(data.regions.find((r) => r.code === '330114')?.name).toBe('钱塘区');
  });

  it('looks up one region with its centre point', async () => {
    const data = await t.ok<{ region: { name: string; lat: number; lon: number; parentCode: string; provinceCode: string } }>(
      `{ region(code: "330114") { name lat lon parentCode provinceCode } }`,
    );
    expect(data.region).toEqual({ name: '钱塘区', lat: 30.32, lon: 120.49, parentCode: '330100', provinceCode: '330000' });
  });

  it('lists provinces by default, including 34 provincial-level units', async () => {
    const data = await t.ok<{ regions: { code: string }[] }>(`{ regions { code } }`);
    expect(data.regions).toHaveLength(34);
  });

  it('answers NOT_FOUND for an abolished code and BAD_USER_INPUT for a malformed one', async () => {
    const gone = await t.gql(`{ region(code: "330103") { name } }`);
    expect(gone.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const bad = await t.gql(`{ region(code: "33AB") { name } }`);
    expect(bad.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'code', message: 'must be a six-digit GB/T 2260 code' }] });
  });

  it('has a centre point for every Zhejiang county and every province', async () => {
    const missing = await t.dataSource.query(
      `SELECT code FROM regions WHERE (province_code = '330000' OR level = 'PROVINCE') AND (lat IS NULL OR lon IS NULL)`,
    );
    expect(missing).toEqual([]);
  });
});
