import { connect } from 'node:net';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { DEFAULT_LIMITS } from '../src/common/graphql-limits.js';

async function post(url: string, body: string): Promise<{ status: number; json: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

describe('GraphQL limits', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    // Short enough for the 408 cases to finish in seconds; long enough that a loaded 2-core CI
    // machine never leaves a kept-alive connection idle past it between two requests of a test.
    t = await startTestApp({ env: { REQUEST_TIMEOUT_MS: '2000' } });
    const admin = await makePlatformAdmin(t);
    token = (await makeOrganization(t, admin.token, OrganizationKind.OEM)).token;
  });
  afterAll(() => t.close());

  it('refuses a query deeper than the limit', async () => {
    const deep = `{ myRequirements(first: 1) { edges { node { organization { sites { organization { sites { organization { sites { organization { id } } } } } } } } } } }`;
    const result = await t.gql(deep, {}, token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({ message: `Query depth 11 exceeds the limit of ${DEFAULT_LIMITS.maxDepth}`, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses too many aliases and too many operations', async () => {
    const aliases = `{ ${Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`;
    const many = await t.gql(aliases);
    expect(many.errors?.[0]).toMatchObject({ message: `More than ${DEFAULT_LIMITS.maxAliases} aliases in one document`, extensions: { code: 'BAD_USER_INPUT' } });
    const operations = Array.from({ length: DEFAULT_LIMITS.maxOperations + 1 }, (_, i) => `query q${i} { regions { code } }`).join('\n');
    const result = await post(t.url, JSON.stringify({ query: operations, operationName: 'q0' }));
    expect(result.json.errors[0]).toMatchObject({ message: `${DEFAULT_LIMITS.maxOperations + 1} operations in one document exceed the limit of ${DEFAULT_LIMITS.maxOperations}`, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a query that costs more than the limit, and names the cost', async () => {
    const costly = `{ myRequirements(first: 100) { edges { node { organization { capabilities { sites { name organization { legalName } } } certifications { typeCode } } deliverySite { organization { capabilities { sites { name organization { legalName } } } } } } } } }`;
    const result = await t.gql(costly, {}, token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/^Query cost \d+ exceeds the limit of 50000/);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('caps page size at 100', async () => {
    const result = await t.gql(`{ myRequirements(first: 1000) { totalCount } }`, {}, token);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first', message: 'first must not be greater than 100' }] });
  });

  it('refuses batched HTTP requests', async () => {
    const result = await post(t.url, JSON.stringify([{ query: '{ regions { code } }' }, { query: '{ regions { code } }' }]));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.json)).toMatch(/batch/i);
  });

  it('refuses a body over 256 KB with 413, and reads one just under it', async () => {
    const result = await post(t.url, JSON.stringify({ query: '{ regions { code } }', variables: { pad: 'x'.repeat(257 * 1024) } }));
    expect(result.status).toBe(413);
    const under = await post(t.url, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(255 * 1024) } }));
    expect(under).toEqual({ status: 200, json: { data: { __typename: 'Query' } } });
  });

  it('still takes a CSV of up to 250,000 characters through the GraphQL import mutation', async () => {
    const admin = await makePlatformAdmin(t);
    const csv = (length: number) => {
      const start = 'credit_code,legal_name,plant_name,region_code\n91330206000000001X,';
      const end = ',一厂,330206';
      return `${start}${'x'.repeat(length - start.length - end.length)}${end}`;
    };
    const result = await t.gql(`mutation($csv: String!) { importSuppliers(csv: $csv) { rows } }`, { csv: csv(250_000) }, admin.token);
    expect(result).toMatchObject({ status: 200, data: { importSuppliers: { rows: 1 } } });
    const over = await t.gql(`mutation($csv: String!) { importSuppliers(csv: $csv) { rows } }`, { csv: csv(250_001) }, admin.token);
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'csv' }] });
  });

  it('drops a request that is not sent in time (408)', async () => {
    const port = new URL(t.url).port;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      setTimeout(() => socket.destroy(), 10_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('drops a request that trickles in, one byte at a time, past the deadline (408)', async () => {
    const port = new URL(t.url).port;
    const body = JSON.stringify({ query: '{ regions { code } }' });
    let sent = 0;
    const answer = await new Promise<string>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
        // One byte every 200 ms: never silent for the 2 s timeout, done only after ~6 s.
        timer = setInterval(() => {
          if (sent < body.length && !socket.destroyed) socket.write(body[sent++]);
        }, 200);
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => {
        clearInterval(timer);
        resolve(data);
      });
      socket.on('error', reject);
      setTimeout(() => socket.destroy(), 15_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(sent).toBeLessThan(body.length);
  });
});

describe('GraphQL in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET } });
  });
  afterAll(() => t.close());

  it('has introspection off', async () => {
    const result = await t.gql(`{ __schema { types { name } } }`);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.data ?? null).toBeNull();
  });

  it('gives no field suggestions', async () => {
    const result = await t.gql(`{ region(code: "330100") { nam } }`);
    expect(result.errors?.[0].message).toBe('Cannot query field "nam" on type "Region".');
  });
});
