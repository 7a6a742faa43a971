/**
 * Documents (src/documents/) over the real HTTP server on a real PostgreSQL: upload and download,
 * types sniffed from the bytes, the size limit, failed and interrupted uploads that leave nothing,
 * the access matrix for each kind of parent and every role class (upload, download, the nested
 * GraphQL fields), deletion; then the same service on an S3-compatible store (a fake started by
 * the test, test/support/fake-s3.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/app.js';
import { startFakeS3, type FakeS3 } from './support/fake-s3.js';
import { makeOrganization, makePlatformAdmin, makeRequirement, makeSite, addCertification, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const MAX = 64 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const STEP = Buffer.from('ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((\'caliper\'),\'2;1\');\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n');
// A Windows executable's opening: the MZ header with the PE offset pointing at a PE signature.
const EXE = (() => {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
})();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Sent { status: number; headers: Headers; json: any; bytes: Buffer }

async function send(base: string, method: string, path: string, token: string | undefined, body?: Buffer, headers: Record<string, string> = {}): Promise<Sent> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/octet-stream' } : {}), ...headers },
    ...(body ? { body } : {}),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  let json: any = null;
  if ((response.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(bytes.toString('utf8'));
  return { status: response.status, headers: response.headers, json, bytes };
}

/** Waits (bounded) for a condition the server reaches on its own; the test then asserts on the state. */
async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe('documents on the file system', () => {
  let t: TestApp;
  let base: string;
  let dataDir: string;
  let admin: { token: string };
  let oem: MadeOrganization;
  let otherOem: MadeOrganization;
  let s1: MadeOrganization;
  let s2: MadeOrganization;
  let bureau: MadeOrganization;
  let otherBureau: MadeOrganization;
  const ids: Record<string, string> = {};

  const upload = (kind: string, parentId: string, token: string | undefined, body: Buffer, name = 'drawing.pdf', headers: Record<string, string> = {}) =>
    send(base, 'POST', `/documents/${kind}/${parentId}?name=${encodeURIComponent(name)}`, token, body, headers);
  const download = (id: string, token: string | undefined) => send(base, 'GET', `/documents/${id}`, token);
  const rows = async () => (await t.dataSource.query(`SELECT id, file_name, sha256 FROM documents ORDER BY id`)) as { id: string }[];
  const objects = () => filesUnder(join(dataDir, 'documents', 'objects'));
  const spooled = () => filesUnder(join(dataDir, 'documents', 'incoming'));

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'zlt-documents-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir, DOCUMENT_MAX_BYTES: String(MAX) } });
    base = t.url.replace(/\/graphql$/, '');
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    otherOem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    s1 = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    s2 = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
    otherBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330100' });
    const plant = await makeSite(t, oem.token, '330206');
    await makeSite(t, s1.token, '330212', '鄞州工厂');
    ids.open = (await makeRequirement(t, oem.token, plant)).id;
    ids.draft = (await makeRequirement(t, oem.token, plant, {}, false)).id;
    const closed = await makeRequirement(t, oem.token, plant);
    ids.closed = closed.id;
    await t.ok(`mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`, { input: { requirementId: ids.closed, supplierIds: [s1.id] } }, oem.token);
    ids.certification = await addCertification(t, s1.token, { typeCode: 'IATF_16949', validFrom: '2025-01-01', validUntil: '2030-01-01' });
    const recorded = await t.ok<{ recordContract: { contract: { id: string } } }>(
      `mutation($input: RecordContractInput!) { recordContract(input: $input) { contract { id } } }`,
      { input: { buyerReference: 'HT-DOC-1', buyerSiteId: plant, categoryCode: 'CHASSIS.BRAKE_BY_WIRE', totalValue: '1200000.00', volume: 10000, signedDate: '2025-03-01', supplier: { creditCode: s1.creditCode, plant: { name: '鄞州工厂', regionCode: '330212' } } } },
      oem.token,
    );
    ids.contract = recorded.recordContract.contract.id;
    // Documents on the closed requirement are attached while it is OPEN; then it closes.
    ids.closedDoc = (await upload('requirements', ids.closed, oem.token, PDF, '关闭前图纸.pdf')).json.id;
    await t.ok(`mutation($input: StatusChangeInput!) { closeRequirement(input: $input) { id } }`, { input: { id: ids.closed, version: closed.version } }, oem.token);
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores an upload with its sniffed type, size and SHA-256, and serves it back as an attachment', async () => {
    const sent = await upload('requirements', ids.open, oem.token, PDF, '制动卡钳 总成图.pdf');
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ parentKind: 'REQUIREMENT', parentId: ids.open, fileName: '制动卡钳 总成图.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, sha256: sha256(PDF), organizationId: oem.id });
    ids.openDoc = sent.json.id;
    expect(sent.json.downloadPath).toBe(`/documents/${ids.openDoc}`);
    const got = await download(ids.openDoc, s2.token);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PDF)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="____ ___.pdf"; filename*=UTF-8''${encodeURIComponent('制动卡钳 总成图.pdf')}`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(PDF).digest('base64')}:`);
    expect(await objects()).toHaveLength(2);
  });

  it('judges the type from the bytes: an executable or a page named .pdf is refused, a PNG named .exe is a PNG', async () => {
    const before = await rows();
    for (const [bytes, name] of [[EXE, 'drawing.pdf'], [Buffer.from('<html><script>alert(1)</script></html>'), 'spec.pdf'], [Buffer.from('PK\u0003\u0004 not really a drawing'), 'part.dwg']] as const) {
      const refused = await upload('requirements', ids.open, oem.token, bytes, name);
      expect(refused.status).toBe(415);
      expect(refused.json.error.message).toMatch(/allowed: PDF, PNG, JPEG, TIFF, DWG, STEP, DXF/);
    }
    expect(await rows()).toEqual(before);
    expect(await objects()).toHaveLength(2);
    expect(await spooled()).toEqual([]);
    const png = await upload('requirements', ids.open, oem.token, PNG, 'scan.exe');
    expect(png.json).toMatchObject({ fileName: 'scan.exe.png', contentType: 'image/png' });
    const step = await upload('requirements', ids.open, oem.token, STEP, 'caliper.stp');
    expect(step.json).toMatchObject({ fileName: 'caliper.stp', contentType: 'model/step' });
  });

  it('refuses bodies over the limit (declared or not), empty bodies, other content types and missing names, leaving nothing', async () => {
    const before = await rows();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX)]);
    const declared = await upload('requirements', ids.open, oem.token, big);
    expect(declared.status).toBe(413);
    // No Content-Length: counted as the bytes arrive.
    const streamed = await fetch(`${base}/documents/requirements/${ids.open}?name=big.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${oem.token}`, 'content-type': 'application/octet-stream' },
      body: new ReadableStream({ start(controller) { for (let i = 0; i < 8; i += 1) controller.enqueue(new Uint8Array(big.subarray(i * 9000, (i + 1) * 9000))); controller.close(); } }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const empty = await upload('requirements', ids.open, oem.token, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.json.error.fields).toEqual([{ field: 'body', message: 'the document is empty' }]);
    const json = await upload('requirements', ids.open, oem.token, Buffer.from('{"file":"JVBERi0="}'), 'x.pdf', { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    const multipart = await upload('requirements', ids.open, oem.token, PDF, 'x.pdf', { 'content-type': 'multipart/form-data; boundary=x' });
    expect(multipart.status).toBe(415);
    const nameless = await send(base, 'POST', `/documents/requirements/${ids.open}`, oem.token, PDF);
    expect(nameless.status).toBe(400);
    expect(nameless.json.error.fields.map((f: { field: string }) => f.field)).toEqual(['name']);
    const controlName = await upload('requirements', ids.open, oem.token, PDF, 'a\u0007b.pdf');
    expect(controlName.status).toBe(400);
    expect(await rows()).toEqual(before);
    expect(await spooled()).toEqual([]);
  });

  it('leaves nothing behind when the sender goes away half-way', async () => {
    const before = await rows();
    const objectsBefore = await objects();
    const url = new URL(`${base}/documents/requirements/${ids.open}?name=cut.pdf`);
    const request = httpRequest({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'POST', headers: { authorization: `Bearer ${oem.token}`, 'content-type': 'application/octet-stream', 'content-length': String(40_000) } });
    request.on('error', () => undefined);
    request.write(Buffer.concat([PDF, Buffer.alloc(20_000)]));
    // The server has begun spooling the body: then the connection drops.
    await eventually(async () => (await spooled()).length === 1, 'the upload reached the spool folder');
    request.destroy();
    await eventually(async () => (await spooled()).length === 0, 'the spool file was removed');
    expect(await rows()).toEqual(before);
    expect(await objects()).toEqual(objectsBefore);
  });

  describe('the access matrix', () => {
    type Who = 'oem' | 'otherOem' | 's1' | 's2' | 'bureau' | 'otherBureau' | 'admin' | 'anonymous';
    const WHO: Who[] = ['oem', 'otherOem', 's1', 's2', 'bureau', 'otherBureau', 'admin', 'anonymous'];
    const tokenOf = (who: Who) => ({ oem: oem.token, otherOem: otherOem.token, s1: s1.token, s2: s2.token, bureau: bureau.token, otherBureau: otherBureau.token, admin: admin.token, anonymous: undefined })[who];

    beforeAll(async () => {
      ids.draftDoc = (await upload('requirements', ids.draft, oem.token, PDF, 'draft.pdf')).json.id;
      ids.certDoc = (await upload('certifications', ids.certification, s1.token, PNG, 'IATF 证书扫描.png')).json.id;
      ids.contractDoc = (await upload('contracts', ids.contract, s1.token, PDF, '交货协议.pdf')).json.id;
    });

    // Who may download, per parent: the parent's own rule.
    const readers: [string, () => string, Who[]][] = [
      ['an OPEN requirement\'s document (anyone signed in reads it)', () => ids.openDoc, ['oem', 'otherOem', 's1', 's2', 'bureau', 'otherBureau', 'admin']],
      ['a DRAFT requirement\'s document (its buyer and the platform)', () => ids.draftDoc, ['oem', 'admin']],
      ['a CLOSED requirement\'s document (its buyer, the platform, the supplier involved)', () => ids.closedDoc, ['oem', 'admin', 's1']],
      ['a certificate scan (the holder and OEM buyers)', () => ids.certDoc, ['s1', 'oem', 'otherOem']],
      ['a contract document (the parties and the bureau of the buyer plant)', () => ids.contractDoc, ['oem', 's1', 'bureau']],
    ];

    it.each(readers)('downloads %s for exactly its readers; NOT_FOUND for the rest, as for a missing one', async (_name, id, allowed) => {
      const missing = await download(randomUUID(), oem.token);
      expect(missing.status).toBe(404);
      for (const who of WHO) {
        const got = await download(id(), tokenOf(who));
        if (who === 'anonymous') expect(got.status).toBe(401);
        else if (allowed.includes(who)) expect([who, got.status]).toEqual([who, 200]);
        else expect([who, got.status, got.json?.error?.message]).toEqual([who, 404, missing.json.error.message]);
      }
    });

    // Who may attach, per parent, and what the others get: NOT_FOUND where they may not read the parent.
    const writers: [string, string, () => string, Partial<Record<Who, number>>][] = [
      ['an OPEN requirement', 'requirements', () => ids.open, { oem: 201, otherOem: 403, s1: 403, s2: 403, bureau: 403, otherBureau: 403, admin: 403, anonymous: 401 }],
      ['a DRAFT requirement', 'requirements', () => ids.draft, { oem: 201, otherOem: 404, s1: 404, s2: 404, admin: 403 }],
      ['a CLOSED requirement', 'requirements', () => ids.closed, { oem: 409, s1: 403, s2: 404, otherOem: 404 }],
      ['a certification', 'certifications', () => ids.certification, { s1: 201, s2: 404, oem: 403, bureau: 403, admin: 403 }],
      ['a contract', 'contracts', () => ids.contract, { oem: 201, s1: 201, s2: 404, otherOem: 404, bureau: 403, admin: 403 }],
    ];

    it.each(writers)('attaches to %s only for those who may', async (_name, kind, parentId, expected) => {
      for (const [who, status] of Object.entries(expected) as [Who, number][]) {
        const before = await rows();
        const sent = await upload(kind, parentId(), tokenOf(who), PDF, `${who}.pdf`);
        expect([who, sent.status]).toEqual([who, status]);
        if (status !== 201) expect(await rows()).toEqual(before);
      }
    });

    it('lists the same documents through the nested fields as the downloads allow', async () => {
      const visible = async (who: Who) => {
        const data = await t.ok<any>(`query($r: ID!, $d: ID!, $c: ID!, $o: ID!) {
          open: requirement(id: $r) { documents { id } }
          draft: requirement(id: $d) { documents { id } }
          supplier: organization(id: $o) { certifications { id documents { id fileName } } }
          contract(id: $c) { documents { id } } }`, { r: ids.open, d: ids.draft, c: ids.contract, o: s1.id }, tokenOf(who));
        return data;
      };
      const oemView = await visible('oem');
      expect(oemView.open.documents.map((d: { id: string }) => d.id)).toContain(ids.openDoc);
      expect(oemView.supplier.certifications.flatMap((c: any) => c.documents.map((d: any) => d.fileName))).toContain('IATF 证书扫描.png');
      expect(oemView.contract.documents.map((d: { id: string }) => d.id)).toContain(ids.contractDoc);
      // A competing supplier: the open requirement's documents, no certificate scans, no contract.
      const s2View = await t.ok<any>(`query($o: ID!, $r: ID!) { organization(id: $o) { certifications { documents { id } } } requirement(id: $r) { documents { id } } }`, { o: s1.id, r: ids.open }, s2.token);
      expect(s2View.organization.certifications.flatMap((c: any) => c.documents)).toEqual([]);
      expect(s2View.requirement.documents.map((d: { id: string }) => d.id)).toContain(ids.openDoc);
      expect((await t.gql(`query($c: ID!) { contract(id: $c) { documents { id } } }`, { c: ids.contract }, s2.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      // The bureau: the contract's documents, no certificate scans.
      const bureauView = await t.ok<any>(`query($o: ID!, $c: ID!) { organization(id: $o) { certifications { documents { id } } } contract(id: $c) { documents { id } } }`, { o: s1.id, c: ids.contract }, bureau.token);
      expect(bureauView.organization.certifications.flatMap((c: any) => c.documents)).toEqual([]);
      expect(bureauView.contract.documents.map((d: { id: string }) => d.id)).toContain(ids.contractDoc);
    });
  });

  it('deletes a document for its uploader only, and its bytes with it', async () => {
    const sent = await upload('contracts', ids.contract, s1.token, PDF, 'to-delete.pdf');
    const DELETE = `mutation($input: DeleteDocumentInput!) { deleteDocument(input: $input) }`;
    const objectsBefore = (await objects()).length;
    expect((await t.gql(DELETE, { input: { id: sent.json.id } }, oem.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(DELETE, { input: { id: sent.json.id } }, otherOem.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.ok<{ deleteDocument: boolean }>(DELETE, { input: { id: sent.json.id } }, s1.token)).deleteDocument).toBe(true);
    expect((await download(sent.json.id, s1.token)).status).toBe(404);
    expect((await objects()).length).toBe(objectsBefore - 1);
    expect((await t.gql(DELETE, { input: { id: 'nope' } }, s1.token)).errors?.[0].extensions.fields?.map((f) => f.field)).toEqual(['input.id']);
  });
});

describe('documents on an S3-compatible store', () => {
  let s3: FakeS3;
  let t: TestApp;
  let base: string;
  let dataDir: string;
  let oem: MadeOrganization;
  let requirementId: string;

  beforeAll(async () => {
    s3 = await startFakeS3();
    dataDir = await mkdtemp(join(tmpdir(), 'zlt-documents-s3-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir, DOCUMENT_STORAGE: 's3', S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey } });
    base = t.url.replace(/\/graphql$/, '');
    const admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    requirementId = (await makeRequirement(t, oem.token, await makeSite(t, oem.token, '330206'))).id;
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('puts the bytes with a valid signature and their hash, reads them back, and deletes them', async () => {
    const sent = await send(base, 'POST', `/documents/requirements/${requirementId}?name=spec.pdf`, oem.token, PDF);
    expect(sent.status).toBe(201);
    expect(s3.objects.size).toBe(1);
    const [stored] = [...s3.objects.values()];
    expect(stored.body.equals(PDF)).toBe(true);
    expect(stored.contentType).toBe('application/pdf');
    const got = await send(base, 'GET', `/documents/${sent.json.id}`, oem.token);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PDF)).toBe(true);
    await t.ok(`mutation($input: DeleteDocumentInput!) { deleteDocument(input: $input) }`, { input: { id: sent.json.id } }, oem.token);
    expect(s3.objects.size).toBe(0);
    expect(s3.requests.map((r) => [r.method, r.status])).toEqual([['PUT', 200], ['GET', 200], ['DELETE', 204]]);
    expect(await filesUnder(join(dataDir, 'documents'))).toEqual([]);
  });

  it('leaves no row and no spool file when the store refuses the bytes', async () => {
    s3.failPuts = true;
    try {
      const sent = await send(base, 'POST', `/documents/requirements/${requirementId}?name=spec.pdf`, oem.token, PDF);
      expect(sent.status).toBe(500);
      expect(sent.json.error).toEqual({ code: 'INTERNAL', message: 'Internal server error' });
    } finally {
      s3.failPuts = false;
    }
    expect(await t.dataSource.query(`SELECT id FROM documents`)).toEqual([]);
    expect(s3.objects.size).toBe(0);
    expect(await filesUnder(join(dataDir, 'documents'))).toEqual([]);
  });
});
