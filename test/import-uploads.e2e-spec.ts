import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin, makeSite, nextCreditCode, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { IMPORT_COLUMNS } from '../src/suppliers/import/import-row.js';
import { CSV_UPLOAD_LIMIT_BYTES } from '../src/common/csv-upload.js';
import { IMPORT_BATCH_SIZE } from '../src/suppliers/import/supplier-import.service.js';

const EXAMPLE = readFileSync('seeds/suppliers-example.csv', 'utf8');
const CONTRACT_HEADER = 'reference,buyer_plant,supplier_credit_code,supplier_name,supplier_plant,supplier_region_code,category_code,total_value,volume,signed_date,end_date,status';

/** POST /imports/… with a text/csv body (or another content type); the answer's status and JSON. */
async function upload(t: TestApp, route: 'suppliers' | 'contracts', body: string | Buffer | ReadableStream<Uint8Array>, token?: string, type = 'text/csv'): Promise<{ status: number; json: any }> {
  const response = await fetch(t.url.replace('/graphql', `/imports/${route}`), {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, json };
}

describe('CSV import over upload routes', () => {
  let t: TestApp;
  let admin: { token: string };
  let oem: MadeOrganization;
  let supplier: MadeOrganization;

  const tables = async () =>
    (await t.dataSource.query(`SELECT (SELECT count(*)::int FROM organizations) o, (SELECT count(*)::int FROM sites) s, (SELECT count(*)::int FROM capabilities) c,
      (SELECT count(*)::int FROM supplier_certifications) z, (SELECT count(*)::int FROM contracts) k, (SELECT count(*)::int FROM audit_events) a, (SELECT count(*)::int FROM outbox) b,
      (SELECT COALESCE(max(id), 0)::int FROM audit_events) "lastAudit", (SELECT COALESCE(max(id), 0)::int FROM outbox) "lastOutbox"`))[0];

  beforeAll(async () => {
    // Reading 20 MB under Jest's module sandbox is several times slower than in the service:
    // the request deadline is raised so that it cannot answer first.
    t = await startTestApp({ env: { REQUEST_TIMEOUT_MS: '120000' } });
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    await makeSite(t, oem.token, '330206', '北仑总装厂');
    supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
  });
  afterAll(() => t.close());

  it('imports suppliers from an uploaded file with the mutation\'s report, and the same file twice changes nothing', async () => {
    const first = await upload(t, 'suppliers', EXAMPLE, admin.token);
    expect(first).toEqual({ status: 200, json: { rows: 5, accepted: 5, rejected: [], created: { organizations: 4, sites: 4, capabilities: 4, certifications: 5 } } });
    const before = await tables();
    const again = await upload(t, 'suppliers', EXAMPLE, admin.token);
    expect(again).toEqual({ status: 200, json: { rows: 5, accepted: 5, rejected: [], created: { organizations: 0, sites: 0, capabilities: 0, certifications: 0 } } });
    expect(await tables()).toEqual(before);
  });

  it('writes a file of several batches, two at a time, every row of a supplier in one batch, and the same file twice changes nothing', async () => {
    // Two plants per supplier, and the first supplier named once more on the last line: more
    // rows than a batch holds, so two batches are written side by side.
    const suppliers = Math.ceil((IMPORT_BATCH_SIZE + 1000) / 2);
    const codes = Array.from({ length: suppliers }, () => nextCreditCode('330206'));
    const row = (code: string, n: number, plant: number) => [code, `批量供应商${n}(测试)`, '', `工厂${plant}`, '330206', '', '', '', '', 'CHASSIS.SUSPENSION', '', '', '', '', 'IATF_16949', '', `IATF-${code}`, '', '2025-01-01', '2028-12-31'].join(',');
    const lines = [IMPORT_COLUMNS.join(',')];
    codes.forEach((code, n) => lines.push(row(code, n, 1), row(code, n, 2)));
    lines.push(row(codes[0], 0, 3));
    const csv = lines.join('\n');
    const before = await tables();
    const first = await upload(t, 'suppliers', csv, admin.token);
    expect(first).toEqual({ status: 200, json: { rows: 2 * suppliers + 1, accepted: 2 * suppliers + 1, rejected: [], created: { organizations: suppliers, sites: 2 * suppliers + 1, capabilities: 2 * suppliers + 1, certifications: suppliers } } });
    // Several batches, each with its audit events; every supplier's plants in one batch (the first supplier's three too).
    const [{ batches }] = await t.dataSource.query(`SELECT count(DISTINCT entity_id)::int AS batches FROM audit_events WHERE entity_type = 'ImportBatch' AND id > $1`, [before.lastAudit]);
    expect(batches).toBeGreaterThanOrEqual(2);
    const spread = await t.dataSource.query(`SELECT max(n)::int AS "batchesPerSupplier", count(*)::int AS suppliers FROM (SELECT r->>'organizationId', count(DISTINCT e.entity_id) AS n
      FROM audit_events e, jsonb_array_elements(e.after->'rows') r WHERE e.action = 'site.import' AND e.id > $1 GROUP BY 1) x`, [before.lastAudit]);
    expect(spread).toEqual([{ batchesPerSupplier: 1, suppliers }]);
    const [{ plants }] = await t.dataSource.query(`SELECT count(*)::int AS plants FROM sites s JOIN organizations o ON o.id = s.organization_id WHERE o.credit_code = $1`, [codes[0]]);
    expect(plants).toBe(3);
    const outbox = await t.dataSource.query(`SELECT count(*)::int AS rows, count(DISTINCT entity_id)::int AS suppliers FROM outbox WHERE id > $1`, [before.lastOutbox]);
    expect(outbox).toEqual([{ rows: suppliers, suppliers }]);
    const written = await tables();
    const again = await upload(t, 'suppliers', csv, admin.token);
    expect(again.json.created).toEqual({ organizations: 0, sites: 0, capabilities: 0, certifications: 0 });
    expect(await tables()).toEqual(written);
  });

  it('reports a bad supplier row with its line and column, and writes the good ones', async () => {
    const row = (values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>) => IMPORT_COLUMNS.map((c) => values[c] ?? '').join(',');
    const csv = [
      IMPORT_COLUMNS.join(','),
      row({ credit_code: nextCreditCode('330206'), legal_name: '上传一(测试)', plant_name: '一厂', region_code: '330206' }),
      row({ credit_code: nextCreditCode('330206'), legal_name: '上传二(测试)', plant_name: '一厂', region_code: '330000' }),
    ].join('\r\n');
    const before = await tables();
    const result = await upload(t, 'suppliers', csv, admin.token);
    expect(result).toEqual({ status: 200, json: {
      rows: 2, accepted: 1, rejected: [{ line: 3, column: 'region_code', message: '330000 is not a county-level GB/T 2260 code' }],
      created: { organizations: 1, sites: 1, capabilities: 0, certifications: 0 },
    } });
    const after = await tables();
    expect([after.o - before.o, after.s - before.s]).toEqual([1, 1]);
  });

  it('imports a buyer\'s contracts, reports a bad row by line, and the same file twice changes nothing', async () => {
    const csv = [
      CONTRACT_HEADER,
      `UP-001,北仑总装厂,${nextCreditCode('330300')},温州上传供应商(测试)有限公司,瓯海工厂,330304,CHASSIS.BRAKE_BY_WIRE,880000,400,2025-09-15,,`,
      `UP-002,北仑总装厂,${nextCreditCode('330300')},温州上传供应商二(测试)有限公司,瓯海工厂,330304,CHASSIS.BRAKE_BY_WIRE,-1,400,2025-09-15,,`,
      `UP-003,不存在的工厂,${nextCreditCode('330300')},温州上传供应商三(测试)有限公司,瓯海工厂,330304,CHASSIS.BRAKE_BY_WIRE,100,1,2025-09-15,,`,
    ].join('\n');
    const first = await upload(t, 'contracts', csv, oem.token);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ rows: 3, created: 1, unchanged: 0, rejected: [
      { line: 3, column: 'total_value', message: expect.any(String) },
      { line: 4, column: 'buyer_plant', message: 'you have no plant named 不存在的工厂' },
    ] });
    const before = await tables();
    const again = await upload(t, 'contracts', csv, oem.token);
    expect(again.json).toMatchObject({ rows: 3, created: 0, unchanged: 1 });
    expect(again.json.rejected).toHaveLength(2);
    expect(await tables()).toEqual(before);
  });

  it('refuses a caller without a token or of the wrong role, and changes nothing', async () => {
    const before = await tables();
    const contract = `${CONTRACT_HEADER}\nUP-X,北仑总装厂,${nextCreditCode('330300')},某供应商(测试)有限公司,某工厂,330304,CHASSIS.BRAKE_BY_WIRE,100,1,2025-09-15,,\n`;
    const cases: [('suppliers' | 'contracts'), string, string | undefined, number, string][] = [
      ['suppliers', EXAMPLE, undefined, 401, 'UNAUTHENTICATED'],
      ['suppliers', EXAMPLE, 'not-a-token', 401, 'UNAUTHENTICATED'],
      ['suppliers', EXAMPLE, supplier.token, 403, 'FORBIDDEN'],
      ['suppliers', EXAMPLE, oem.token, 403, 'FORBIDDEN'],
      ['contracts', contract, undefined, 401, 'UNAUTHENTICATED'],
      ['contracts', contract, supplier.token, 403, 'FORBIDDEN'],
      ['contracts', contract, admin.token, 403, 'FORBIDDEN'],
    ];
    for (const [route, body, token, status, code] of cases) {
      const result = await upload(t, route, body, token);
      expect({ route, token, status: result.status, code: result.json.error?.code }).toEqual({ route, token, status, code });
    }
    expect(await tables()).toEqual(before);
  });

  it('refuses a body that is not text/csv (415) and a header it does not know (400), changing nothing', async () => {
    const before = await tables();
    const json = await upload(t, 'suppliers', JSON.stringify({ csv: EXAMPLE }), admin.token, 'application/json');
    expect(json.status).toBe(415);
    expect(json.json.error.code).toBe('BAD_USER_INPUT');
    expect((await upload(t, 'suppliers', EXAMPLE, admin.token, 'text/csv; charset=gbk')).status).toBe(415);
    const header = await upload(t, 'suppliers', 'name,region\nx,330206\n', admin.token);
    expect(header).toMatchObject({ status: 400, json: { error: { code: 'BAD_USER_INPUT', fields: [{ field: 'csv' }] } } });
    expect(await tables()).toEqual(before);
  });

  describe('over the upload limit', () => {
    // Valid rows up to just past 20 MB: the byte limit, not the row limit or a bad row, refuses it.
    const oversized = () => {
      const rows = [IMPORT_COLUMNS.join(',')];
      let size = rows[0].length + 1;
      const padding = '大'.repeat(100);
      for (let i = 0; size <= CSV_UPLOAD_LIMIT_BYTES; i++) {
        const line = `${nextCreditCode('330206')},超限(测试)${padding}${i},,一厂,330206`;
        rows.push(line);
        size += Buffer.byteLength(line) + 1;
      }
      return Buffer.from(rows.join('\n'));
    };

    it('refuses a body declared over 20 MB with 413, reading none of it', async () => {
      const before = await tables();
      const result = await upload(t, 'suppliers', oversized(), admin.token);
      expect(result.status).toBe(413);
      expect(result.json.error.code).toBe('BAD_USER_INPUT');
      expect(await tables()).toEqual(before);
    });

    it('refuses a streamed body (no Content-Length) once it passes 20 MB, changing nothing', async () => {
      const body = oversized();
      const before = await tables();
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < body.length; i += 64 * 1024) controller.enqueue(body.subarray(i, i + 64 * 1024));
          controller.close();
        },
      });
      const result = await upload(t, 'suppliers', stream, admin.token);
      expect(result.status).toBe(413);
      expect(await tables()).toEqual(before);
    });
  });
});
