/**
 * The authorization matrix: every query and mutation in the schema (read from the schema
 * itself) × every role (and no sign-in) → the expected allow or deny, asserted. An operation
 * missing from RULES fails the first test, so a new one cannot be forgotten. "Allowed" means
 * the access guard let the call through (what the service then says about the arguments is
 * not the guard's business); "denied" means the guard refused it.
 *
 * Own versus foreign organisation is checked below on real objects: another organisation's
 * caller is refused (FORBIDDEN or NOT_FOUND) and nothing changes.
 */
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLScalarType, getNamedType, isLeafType,
  type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

type Caller = 'ANONYMOUS' | 'OEM_BUYER' | 'SUPPLIER_ADMIN' | 'BUREAU_ANALYST' | 'PLATFORM_ADMIN';
const SIGNED_IN: Caller[] = ['OEM_BUYER', 'SUPPLIER_ADMIN', 'BUREAU_ANALYST', 'PLATFORM_ADMIN'];
const PUBLIC: Caller[] = ['ANONYMOUS', ...SIGNED_IN];
const ADMIN: Caller[] = ['PLATFORM_ADMIN'];

/** Who may call each operation. */
const RULES: Record<string, Caller[]> = {
  // reference data
  regions: PUBLIC, region: PUBLIC, partCategories: PUBLIC, certificationTypes: PUBLIC,
  // accounts and organisations
  login: PUBLIC, register: PUBLIC, me: SIGNED_IN, createUser: SIGNED_IN, createOrganization: ADMIN,
  organization: SIGNED_IN, setOrganizationVerified: ADMIN,
  createSite: ['OEM_BUYER', 'SUPPLIER_ADMIN', 'PLATFORM_ADMIN'], updateSite: ['OEM_BUYER', 'SUPPLIER_ADMIN', 'PLATFORM_ADMIN'],
  // requirements
  requirement: SIGNED_IN, myRequirements: ['OEM_BUYER', 'PLATFORM_ADMIN'], openRequirements: SIGNED_IN,
  createRequirement: ['OEM_BUYER'], updateRequirement: ['OEM_BUYER'], publishRequirement: ['OEM_BUYER'],
  closeRequirement: ['OEM_BUYER'], cancelRequirement: ['OEM_BUYER'],
  // supplier profiles
  createCapability: ['SUPPLIER_ADMIN', 'PLATFORM_ADMIN'], updateCapability: ['SUPPLIER_ADMIN', 'PLATFORM_ADMIN'], deleteCapability: ['SUPPLIER_ADMIN', 'PLATFORM_ADMIN'],
  addCertification: ['SUPPLIER_ADMIN', 'PLATFORM_ADMIN'], updateCertification: ['SUPPLIER_ADMIN', 'PLATFORM_ADMIN'], removeCertification: ['SUPPLIER_ADMIN', 'PLATFORM_ADMIN'],
  setDesignations: ['PLATFORM_ADMIN', 'BUREAU_ANALYST'], importSuppliers: ['PLATFORM_ADMIN', 'BUREAU_ANALYST'],
  // search
  searchSuppliers: SIGNED_IN, searchRequirements: SIGNED_IN, searchSynonyms: ADMIN, addSearchSynonyms: ADMIN, removeSearchSynonyms: ADMIN, searchIndexStatus: ADMIN,
  // matching
  matchesForRequirement: ['OEM_BUYER', 'PLATFORM_ADMIN'], explainMatch: ['OEM_BUYER', 'PLATFORM_ADMIN'], opportunitiesForSupplier: ['SUPPLIER_ADMIN'],
  // quotes and awards
  inviteSuppliers: ['OEM_BUYER'], quoteInvitations: ['OEM_BUYER'], myQuoteInvitations: ['SUPPLIER_ADMIN'],
  submitQuote: ['SUPPLIER_ADMIN'], reviseQuote: ['SUPPLIER_ADMIN'], withdrawQuote: ['SUPPLIER_ADMIN'], myQuotes: ['SUPPLIER_ADMIN'],
  quote: ['OEM_BUYER', 'SUPPLIER_ADMIN'], quoteComparison: ['OEM_BUYER'], awardRequirement: ['OEM_BUYER'],
  // contracts: the parties and bureaus read; the buyer changes; nobody else
  contract: ['OEM_BUYER', 'SUPPLIER_ADMIN', 'BUREAU_ANALYST'], contracts: ['OEM_BUYER', 'SUPPLIER_ADMIN', 'BUREAU_ANALYST'], contractsAsOcds: ['OEM_BUYER', 'SUPPLIER_ADMIN', 'BUREAU_ANALYST'],
  activateContract: ['OEM_BUYER'], completeContract: ['OEM_BUYER'], terminateContract: ['OEM_BUYER'], amendContract: ['OEM_BUYER'],
  recordContract: ['OEM_BUYER'], importContracts: ['OEM_BUYER'], confirmContract: ['SUPPLIER_ADMIN'], disputeContract: ['SUPPLIER_ADMIN'],
  releaseContract: ['PLATFORM_ADMIN', 'BUREAU_ANALYST'], rejectContract: ['PLATFORM_ADMIN', 'BUREAU_ANALYST'], contractsHeldForReview: ['PLATFORM_ADMIN', 'BUREAU_ANALYST'],
  organizationsAwaitingVerification: ['PLATFORM_ADMIN'], verifyOrganization: ['PLATFORM_ADMIN'], refuseVerification: ['PLATFORM_ADMIN'],
  // bureau statistics (a bureau within its jurisdiction, checked by the service)
  localSourcingRate: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], sourcingContracts: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], demandGaps: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'],
  demandGapRequirements: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], sourcingBaseline: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], setSourcingBaseline: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'],
};

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The smallest value of a type that GraphQL itself accepts (so the guard, not coercion, answers). */
function minimal(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return minimal(type.ofType);
  if (type instanceof GraphQLList) return [minimal(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].name;
  if (type instanceof GraphQLInputObjectType) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull).map((f) => [f.name, minimal(f.type)]));
  }
  const name = (type as GraphQLScalarType).name;
  return ({ ID: NIL_UUID, Int: 1, Float: 0.5, Boolean: false, Decimal: '1', Date: '2030-01-01', DateTime: '2030-01-01T00:00:00Z' } as Record<string, unknown>)[name] ?? 'x';
}

function call(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((a) => a.type instanceof GraphQLNonNull);
  const vars = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `${kind}${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((a) => [a.name, minimal(a.type)])),
  };
}

describe('authorization matrix', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    schema = t.app.get(GraphQLSchemaHost).schema;
    const admin = await makePlatformAdmin(t);
    tokens.PLATFORM_ADMIN = admin.token;
    tokens.OEM_BUYER = (await makeOrganization(t, admin.token, OrganizationKind.OEM)).token;
    tokens.SUPPLIER_ADMIN = (await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER)).token;
    tokens.BUREAU_ANALYST = (await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' })).token;
  });
  afterAll(() => t.close());

  const operations = () =>
    (['query', 'mutation'] as const).flatMap((kind) =>
      Object.values((kind === 'query' ? schema.getQueryType() : schema.getMutationType())?.getFields() ?? {}).map((field) => ({ kind, field })),
    );

  it('has a rule for every operation in the schema, and none for operations that do not exist', () => {
    const names = operations().map((o) => o.field.name).sort();
    expect(names.filter((n) => !(n in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('lets exactly the listed callers through the guard', async () => {
    const mismatches: string[] = [];
    for (const { kind, field } of operations()) {
      const allowed = RULES[field.name] ?? [];
      const { query, variables } = call(kind, field);
      for (const caller of PUBLIC) {
        const result = await t.gql(query, variables, caller === 'ANONYMOUS' ? undefined : tokens[caller]);
        const guardRefused = (result.errors ?? []).some(
          (e) => (e.extensions.code === 'FORBIDDEN' && /^(Not allowed for role|This operation is not available)/.test(e.message)) || (e.extensions.code === 'UNAUTHENTICATED' && e.message === 'Authentication required'),
        );
        const internal = (result.errors ?? []).some((e) => e.extensions.code === 'INTERNAL') || result.status >= 500;
        if (internal) mismatches.push(`${field.name} as ${caller}: ${result.status} ${JSON.stringify(result.errors)}`);
        if (allowed.includes(caller) === guardRefused) mismatches.push(`${field.name} as ${caller}: expected ${allowed.includes(caller) ? 'allowed' : 'denied'}, got ${result.status} ${JSON.stringify(result.errors ?? null).slice(0, 200)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  describe('own versus foreign organisation', () => {
    let oemA: MadeOrganization;
    let oemB: MadeOrganization;
    let supA: MadeOrganization;
    let supB: MadeOrganization;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const admin = tokens.PLATFORM_ADMIN as string;
      [oemA, oemB, supA, supB] = [
        await makeOrganization(t, admin, OrganizationKind.OEM), await makeOrganization(t, admin, OrganizationKind.OEM),
        await makeOrganization(t, admin, OrganizationKind.SUPPLIER), await makeOrganization(t, admin, OrganizationKind.SUPPLIER),
      ];
      ids.siteA = await makeSite(t, oemA.token, '330206');
      ids.draftA = (await makeRequirement(t, oemA.token, ids.siteA, {}, false)).id;
      ids.openA = (await makeRequirement(t, oemA.token, ids.siteA)).id;
      ids.plantS = await makeSite(t, supA.token, '330212');
      ids.capability = await makeCapability(t, supA.token, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', siteIds: [ids.plantS] });
      ids.certificate = await addCertification(t, supA.token, { typeCode: 'IATF_16949', validFrom: '2025-01-01', validUntil: '2030-01-01' });
    });

    const cases: [string, string, () => Record<string, unknown>, () => string][] = [
      ['requirement (draft)', `query($id: ID!) { requirement(id: $id) { id } }`, () => ({ id: ids.draftA }), () => oemB.token],
      ['updateRequirement', `mutation($i: UpdateRequirementInput!) { updateRequirement(input: $i) { id } }`, () => ({ i: { id: ids.openA, version: 2, title: 'taken over' } }), () => oemB.token],
      ['publishRequirement', `mutation($i: StatusChangeInput!) { publishRequirement(input: $i) { id } }`, () => ({ i: { id: ids.draftA, version: 1 } }), () => oemB.token],
      ['closeRequirement', `mutation($i: StatusChangeInput!) { closeRequirement(input: $i) { id } }`, () => ({ i: { id: ids.openA, version: 2 } }), () => oemB.token],
      ['cancelRequirement', `mutation($i: StatusChangeInput!) { cancelRequirement(input: $i) { id } }`, () => ({ i: { id: ids.draftA, version: 1 } }), () => oemB.token],
      ['matchesForRequirement', `query($id: ID!) { matchesForRequirement(requirementId: $id) { totalCount } }`, () => ({ id: ids.openA }), () => oemB.token],
      ['explainMatch', `query($r: ID!, $s: ID!) { explainMatch(requirementId: $r, supplierId: $s) { score } }`, () => ({ r: ids.openA, s: supA.id }), () => oemB.token],
      ['updateSite', `mutation($i: UpdateSiteInput!) { updateSite(input: $i) { id } }`, () => ({ i: { id: ids.siteA, version: 1, name: 'taken' } }), () => oemB.token],
      ['createSite for another org', `mutation($i: CreateSiteInput!) { createSite(input: $i) { id } }`, () => ({ i: { organizationId: oemA.id, name: 'intruder', regionCode: '330206' } }), () => oemB.token],
      ['createUser for another org', `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, () => ({ i: { organizationId: oemA.id, email: 'x@example.test', password: 'long enough password', displayName: 'x' } }), () => oemB.token],
      ['createCapability for another org', `mutation($i: CreateCapabilityInput!) { createCapability(input: $i) { id } }`, () => ({ i: { organizationId: supA.id, categoryCode: 'CHIP.MCU', siteIds: [ids.plantS] } }), () => supB.token],
      ['updateCapability', `mutation($i: UpdateCapabilityInput!) { updateCapability(input: $i) { id } }`, () => ({ i: { id: ids.capability, version: 1, description: 'taken' } }), () => supB.token],
      ['deleteCapability', `mutation($i: DeleteInput!) { deleteCapability(input: $i) }`, () => ({ i: { id: ids.capability, version: 1 } }), () => supB.token],
      ['updateCertification', `mutation($i: UpdateCertificationInput!) { updateCertification(input: $i) { id } }`, () => ({ i: { id: ids.certificate, version: 1, issuer: 'forged' } }), () => supB.token],
      ['removeCertification', `mutation($i: DeleteInput!) { removeCertification(input: $i) }`, () => ({ i: { id: ids.certificate, version: 1 } }), () => supB.token],
    ];

    it.each(cases)('%s by a foreign organisation is refused and changes nothing', async (_name, query, variables, token) => {
      const snapshot = () => t.dataSource.query(`SELECT
        (SELECT json_agg(json_build_object('id', id, 'v', version, 's', status, 't', title) ORDER BY id) FROM requirements) AS r,
        (SELECT json_agg(json_build_object('id', id, 'v', version, 'n', name) ORDER BY id) FROM sites) AS s,
        (SELECT json_agg(json_build_object('id', id, 'v', version, 'd', description) ORDER BY id) FROM capabilities) AS c,
        (SELECT json_agg(json_build_object('id', id, 'v', version, 'i', issuer) ORDER BY id) FROM supplier_certifications) AS z,
        (SELECT count(*) FROM users) AS u`);
      const before = await snapshot();
      const result = await t.gql(query, variables(), token());
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.errors?.[0].extensions.code);
      expect(await snapshot()).toEqual(before);
    });
  });
});
