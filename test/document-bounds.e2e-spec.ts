import { startTestApp, type TestApp } from './support/app.js';
import { DEFAULT_DOCUMENT_BOUNDS } from '../src/common/graphql-document-guard.js';
import { makeOrganization, makePlatformAdmin } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

/**
 * Documents that would hold the event loop in validation or coercion are refused before
 * either runs, signed in or not, and whatever travels with them.
 */
describe('GraphQL document bounds (before validation and coercion)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await makePlatformAdmin(t);
    token = (await makeOrganization(t, admin.token, OrganizationKind.OEM)).token;
  });
  afterAll(() => t.close());

  const refused = (message: RegExp) => ({ status: 400, errors: [expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } })] });

  // The largest documents a request body may carry (256 KB, test/limits.e2e-spec.ts): 20 times the token limit.
  it.each([
    ['one field repeated ~25,000 times, unauthenticated', `{ ${'me { id } '.repeat(25_000)} }`, undefined],
    ['the same with { __typename } alongside', `{ __typename ${'me { id } '.repeat(25_000)} }`, undefined],
    ['the same, signed in', `{ ${'me { id } '.repeat(25_000)} }`, 'token'],
  ])('refuses %s at the token limit', async (_name, query, withToken) => {
    const result = await t.gql(query, undefined, withToken ? token : undefined);
    expect(result).toMatchObject(refused(/^The query has more than \d+ tokens$/));
  });

  it('refuses a larger document still, by its body size (413)', async () => {
    expect((await t.gql(`{ ${'me { id } '.repeat(190_000)} }`)).status).toBe(413);
  });

  it('refuses more fields than the limit within the token limit', async () => {
    const query = `{ ${'__typename '.repeat(DEFAULT_DOCUMENT_BOUNDS.maxFields + 1)} }`;
    expect(await t.gql(query)).toMatchObject(refused(/^More than \d+ fields in one document$/));
  });

  it('refuses a huge list literal in the query text and as a variable', async () => {
    const many = (n: number) => Array.from({ length: n }, () => 'OPEN');
    const literal = await t.gql(`{ myRequirements(first: 1, filter: { status: [${many(50_000).join(',')}] }) { totalCount } }`, undefined, token);
    expect(literal).toMatchObject(refused(/^The query has more than \d+ tokens$/));
    const overCap = `[${many(DEFAULT_DOCUMENT_BOUNDS.maxListItems + 1).join(',')}]`;
    expect(await t.gql(`{ myRequirements(first: 1, filter: { status: ${overCap} }) { totalCount } }`, undefined, token)).toMatchObject(refused(/^A list of \d+ items exceeds the limit of \d+$/));
    const query = 'query Q($status: [RequirementStatus!]) { myRequirements(first: 1, filter: { status: $status }) { totalCount } }';
    // A variable list over the bound is named by its path, as the validation pipe names fields.
    const message = `A variable list of 30000 items exceeds the limit of ${DEFAULT_DOCUMENT_BOUNDS.maxListItems}`;
    expect(await t.gql(query, { status: many(30_000) }, token)).toMatchObject({ status: 400, errors: [{ message, extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'status', message }] } }] });
    expect(await t.ok(query, { status: many(3) }, token)).toEqual({ myRequirements: { totalCount: 0 } });
  });

  it('refuses the same over GET', async () => {
    const query = encodeURIComponent(`{ ${'__typename '.repeat(DEFAULT_DOCUMENT_BOUNDS.maxFields + 1)} }`);
    const response = await fetch(`${t.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('still answers ordinary queries, and syntax errors with their location', async () => {
    expect(await t.ok('{ __typename }')).toEqual({ __typename: 'Query' });
    const syntax = await t.gql('{ me { id }');
    expect(syntax.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Syntax Error/), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
