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
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, getNamedType, isLeafType,
  type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp } from './support/app.js';
import { literal, minimal as minimalLiteral, observe, rootNode, walk, type ArgumentValues, type WalkResult } from './support/schema-walk.js';
import { addCertification, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { NotificationWorker } from '../src/notifications/notification-worker.js';

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
  changePassword: SIGNED_IN, disableUser: SIGNED_IN, enableUser: SIGNED_IN,
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
  // clarification questions and documents
  askQuestion: ['SUPPLIER_ADMIN'], answerQuestion: ['OEM_BUYER'], clarificationQuestion: ['OEM_BUYER', 'SUPPLIER_ADMIN'], clarificationQuestions: ['OEM_BUYER', 'SUPPLIER_ADMIN'],
  deleteDocument: ['OEM_BUYER', 'SUPPLIER_ADMIN'],
  releaseContract: ['PLATFORM_ADMIN', 'BUREAU_ANALYST'], rejectContract: ['PLATFORM_ADMIN', 'BUREAU_ANALYST'], contractsHeldForReview: ['PLATFORM_ADMIN', 'BUREAU_ANALYST'],
  organizationsAwaitingVerification: ['PLATFORM_ADMIN'], verifyOrganization: ['PLATFORM_ADMIN'], refuseVerification: ['PLATFORM_ADMIN'],
  // bureau statistics (a bureau within its jurisdiction, checked by the service)
  localSourcingRate: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], sourcingContracts: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], demandGaps: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'],
  demandGapRequirements: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], sourcingBaseline: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], setSourcingBaseline: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'],
  // notifications: everyone signed in, each their own (checked on real notices below)
  notifications: SIGNED_IN, unreadNotificationCount: SIGNED_IN, markNotificationsRead: SIGNED_IN, markAllNotificationsRead: SIGNED_IN,
  notificationSettings: SIGNED_IN, updateNotificationSettings: SIGNED_IN,
  sourcingLevers: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], sourcingScenario: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], sourcingPace: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'], sourcingMap: ['BUREAU_ANALYST', 'PLATFORM_ADMIN'],
  // a bureau's saved scenarios: its own analysts only (checked by the service)
  sourcingScenarios: ['BUREAU_ANALYST'], evaluateSourcingScenario: ['BUREAU_ANALYST'], saveSourcingScenario: ['BUREAU_ANALYST'], deleteSourcingScenario: ['BUREAU_ANALYST'],
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
      ids.userA = (await t.ok<{ me: { id: string } }>(`{ me { id } }`, {}, oemA.token)).me.id;
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
      ['disableUser of another org', `mutation($i: UserStatusInput!) { disableUser(input: $i) { id } }`, () => ({ i: { userId: ids.userA } }), () => oemB.token],
      ['enableUser of another org', `mutation($i: UserStatusInput!) { enableUser(input: $i) { id } }`, () => ({ i: { userId: ids.userA } }), () => supB.token],
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
        (SELECT json_agg(json_build_object('id', id, 'a', active, 'v', token_version) ORDER BY id) FROM users) AS u`);
      const before = await snapshot();
      const result = await t.gql(query, variables(), token());
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.errors?.[0].extensions.code);
      expect(await snapshot()).toEqual(before);
    });
  });
});

/**
 * Every path, not only the root operations: for each caller, every root query is called (with
 * every id of the world where it takes one) and the schema is walked below it — every chain of
 * object fields up to the depth limit, generated from the schema (test/support/schema-walk.ts),
 * so a nested field added tomorrow is walked tomorrow. On a small world (two OEMs, two
 * competing suppliers quoting on each OEM's requirement, a bureau, one contract, one draft),
 * every object any path returns is checked against who may see it: quotes (prices, notes,
 * revisions) only to their supplier and the requirement's buyer, never to a competitor, a
 * bureau or the platform; a draft only to its buyer (and the platform, which operates it);
 * contracts to their parties and the bureau of the buyer plant. Every type a path reaches must
 * be classified below (a new type fails until someone decides who sees it), and a type without
 * an id may only be reached from the parents listed (a new nested field leading to it fails).
 */
describe('authorization matrix: every nested path', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  type Party = 'oemA' | 'oemB' | 's1' | 's2' | 'bureau' | 'admin';
  const token: Partial<Record<Party, string>> = {};
  const org: Partial<Record<Party, string>> = {};
  const w = {
    requirements: {} as Record<string, { owner: Party; status: 'OPEN' | 'AWARDED' | 'DRAFT'; involved: Party[] }>,
    questions: {} as Record<string, { owner: Party; asker: Party; published: boolean; participants: Party[] }>,
    certifications: {} as Record<string, Party>,
    quotes: {} as Record<string, { supplier: Party; oem: Party }>,
    contracts: {} as Record<string, { buyer: Party; supplier: Party }>,
    notifications: {} as Record<string, Party>,
    secrets: [] as { text: string; seenBy: Party[]; reached?: boolean }[],
  };
  const SUPPLIERS: Party[] = ['s1', 's2'];
  let dataDir: string;

  beforeAll(async () => {
    // Documents attached below go to a folder of this test's own.
    dataDir = await mkdtemp(join(tmpdir(), 'zlt-matrix-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir } });
    schema = t.app.get(GraphQLSchemaHost).schema;
    const admin = await makePlatformAdmin(t);
    token.admin = admin.token;
    org.admin = admin.organizationId;
    const make = async (party: Party, kind: OrganizationKind, extra: { jurisdictionCode?: string } = {}) => {
      const made = await makeOrganization(t, admin.token, kind, extra);
      token[party] = made.token;
      org[party] = made.id;
    };
    const base = t.url.replace(/\/graphql$/, '');
    const attach = async (kind: string, parentId: string, bearer: string, name: string, seenBy: Party[]) => {
      const response = await fetch(`${base}/documents/${kind}/${parentId}?name=${encodeURIComponent(name)}`, {
        method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/octet-stream' }, body: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`),
      });
      expect(response.status).toBe(201);
      w.secrets.push({ text: name, seenBy, reached: true });
    };
    await make('oemA', OrganizationKind.OEM);
    await make('oemB', OrganizationKind.OEM);
    await make('s1', OrganizationKind.SUPPLIER);
    await make('s2', OrganizationKind.SUPPLIER);
    await make('bureau', OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
    const plant: Partial<Record<Party, string>> = {};
    plant.oemA = await makeSite(t, token.oemA as string, '330206');
    plant.oemB = await makeSite(t, token.oemB as string, '330109');
    for (const [party, region] of [['s1', '330212'], ['s2', '330109']] as const) {
      plant[party] = await makeSite(t, token[party] as string, region);
      await makeCapability(t, token[party] as string, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'EHB', annualCapacity: 150000, siteIds: [plant[party]] });
      const certification = await addCertification(t, token[party] as string, { typeCode: 'IATF_16949', validFrom: '2024-01-01', validUntil: '2031-01-01' });
      w.certifications[certification] = party;
      // A certificate scan: the holder and OEM buyers read it.
      await attach('certifications', certification, token[party] as string, `CERTSCAN-${party}.pdf`, [party, 'oemA', 'oemB']);
    }
    const details = { specs: [], annualVolume: 100000, targetUnitPrice: '100.00', requiredCertifications: [{ typeCode: 'IATF_16949' }] };
    const quote = async (supplier: Party, oem: Party, requirementId: string, unitPrice: string, note: string) => {
      const input = { requirementId, siteId: plant[supplier], unitPrice, volume: 100000, leadTimeDays: 30, validUntil: '2031-01-01', note };
      const id = (await t.ok<{ submitQuote: { id: string } }>(`mutation($input: SubmitQuoteInput!) { submitQuote(input: $input) { id } }`, { input }, token[supplier])).submitQuote.id;
      w.quotes[id] = { supplier, oem };
      w.secrets.push({ text: note, seenBy: [supplier, oem] });
      return id;
    };
    const invite = (oem: Party, requirementId: string) =>
      t.ok(`mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`, { input: { requirementId, supplierIds: [org.s1, org.s2], message: '请报价' } }, token[oem]);

    // A's requirement: both suppliers quote, the buyer awards s1.
    const r1 = (await makeRequirement(t, token.oemA as string, plant.oemA, { ...details, title: '甲方 EHB' })).id;
    await invite('oemA', r1);
    const won = await quote('s1', 'oemA', r1, '98.5', 'NOTE-s1-on-A-底价');
    const lost = await quote('s2', 'oemA', r1, '97.1357', 'NOTE-s2-on-A-底价');
    w.secrets.push({ text: '"97.1357"', seenBy: ['s2', 'oemA'] });
    const award = await t.ok<{ awardRequirement: { contracts: { id: string }[] } }>(
      `mutation($input: AwardRequirementInput!) { awardRequirement(input: $input) { contracts { id } } }`,
      { input: { requirementId: r1, idempotencyKey: randomUUID(), lines: [{ quoteId: won }] } }, token.oemA,
    );
    w.contracts[award.awardRequirement.contracts[0].id] = { buyer: 'oemA', supplier: 's1' };
    await attach('contracts', award.awardRequirement.contracts[0].id, token.s1 as string, 'CONTRACTDOC-s1.pdf', ['oemA', 's1', 'bureau']);
    w.requirements[r1] = { owner: 'oemA', status: 'AWARDED', involved: ['s1', 's2'] };
    expect(lost).toBeTruthy();

    // B's requirement, open: both quote, s2 revises.
    const r2 = (await makeRequirement(t, token.oemB as string, plant.oemB, { ...details, title: '乙方 EHB' })).id;
    await invite('oemB', r2);
    await quote('s1', 'oemB', r2, '96.2468', 'NOTE-s1-on-B-底价');
    const revised = await quote('s2', 'oemB', r2, '95.3579', 'NOTE-s2-on-B-底价');
    await t.ok(`mutation($input: ReviseQuoteInput!) { reviseQuote(input: $input) { id } }`, { input: { id: revised, version: 1, unitPrice: '94.8642', note: 'NOTE-s2-on-B-revised' } }, token.s2);
    w.secrets.push({ text: '"96.2468"', seenBy: ['s1', 'oemB'] }, { text: '"95.3579"', seenBy: ['s2', 'oemB'] }, { text: '"94.8642"', seenBy: ['s2', 'oemB'] }, { text: 'NOTE-s2-on-B-revised', seenBy: ['s2', 'oemB'] });
    w.requirements[r2] = { owner: 'oemB', status: 'OPEN', involved: ['s1', 's2'] };

    // Questions on B's open requirement: s1's answered privately, s2's published without its name.
    const askAndAnswer = async (asker: Party, text: string, answer: string, publish: boolean) => {
      const q = (await t.ok<{ askQuestion: { id: string } }>(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, { input: { requirementId: r2, question: text } }, token[asker])).askQuestion;
      await t.ok(`mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`, { input: { id: q.id, version: 1, answer, publish } }, token.oemB);
      w.questions[q.id] = { owner: 'oemB', asker, published: publish, participants: ['s1', 's2'] };
      const seenBy: Party[] = publish ? ['oemB', 's1', 's2'] : ['oemB', asker];
      w.secrets.push({ text, seenBy, reached: true }, { text: answer, seenBy, reached: true });
    };
    await askAndAnswer('s1', 'QSECRET-s1-私下提问', 'ASECRET-私下回答', false);
    await askAndAnswer('s2', 'QPUBLIC-s2-公开提问', 'APUBLIC-公开回答', true);
    await attach('requirements', r2, token.oemB as string, 'REQDOC-乙方-图纸.pdf', ['oemB', 's1', 's2', 'oemA', 'bureau', 'admin']);

    // A's draft.
    const draft = (await makeRequirement(t, token.oemA as string, plant.oemA, { ...details, title: 'DRAFT-甲方-未发布' }, false)).id;
    w.requirements[draft] = { owner: 'oemA', status: 'DRAFT', involved: [] };
    await attach('requirements', draft, token.oemA as string, 'DRAFTDOC-甲方.pdf', ['oemA', 'admin']);
    w.secrets.push({ text: 'DRAFT-甲方-未发布', seenBy: ['oemA', 'admin'] });

    // The notices these made (invitations, quotes, the award), each its user's own.
    await t.app.get(NotificationWorker).drain();
    const owners: { id: string; organizationId: string }[] = await t.dataSource.query(
      `SELECT n.id::text AS id, u.organization_id AS "organizationId" FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.in_inbox`,
    );
    const partyOf = new Map(Object.entries(org).map(([party, id]) => [id, party as Party]));
    for (const n of owners) w.notifications[n.id] = partyOf.get(n.organizationId) as Party;
    expect(new Set(Object.values(w.notifications))).toEqual(new Set(['s1', 's2', 'oemA', 'oemB']));
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * Every object type a path reaches, and the types it may be reached from (Query: a root query;
   * connections and edges are looked through). ANY: public profiles and reference data, or a
   * type whose every object is checked by mayRead wherever it appears. A type missing here, or
   * reached from a parent not listed, fails both tests below: a new nested field or type needs
   * a decision on who may see it.
   */
  const ANY = ['*'];
  const TYPE_PARENTS: Record<string, string[]> = {
    // public profiles and reference data
    Organization: ANY, Site: ANY, Region: ANY, PartCategory: ANY, CertificationType: ANY, Capability: ANY, SupplierCertification: ANY, PageInfo: ANY,
    Spec: ['Requirement', 'Capability'],
    // checked object by object (mayRead)
    Requirement: ANY, Quote: ANY, QuoteInvitation: ANY, Contract: ANY, ClarificationQuestion: ANY,
    Document: ['Requirement', 'SupplierCertification', 'Contract'], QuoteRevision: ['Quote'], QuoteComparison: ['Query'], QuoteComparisonRow: ['QuoteComparison'],
    // parts of a checked object
    RequiredCertification: ['Requirement'], MatchWeights: ['Requirement'],
    ContractAmendment: ['Contract'], ContractTerms: ['ContractAmendment'], LocalitySnapshot: ['Contract'], DeclaredSupplierPlant: ['Contract'], QualificationOverride: ['Contract', 'SourcingContract'],
    // one root query each, whose rule the matrix above checks
    User: ['Query'], Match: ['Query'], HardFilterFailure: ['Match', 'Quote', 'QuoteComparisonRow', 'QualificationOverride'], MatchFactor: ['Match', 'Opportunity'], Opportunity: ['Query'],
    OcdsPage: ['Query'], DemandGap: ['Query'], DemandGapSupplierPlant: ['DemandGap', 'SourcingLeverItem'], DemandGapRequirement: ['Query'],
    LocalSourcingRate: ['Query'], SourcingRateRow: ['LocalSourcingRate'], SourcingPeriod: ['LocalSourcingRate', 'SourcingLevers', 'SourcingScenarioResult', 'SourcingMap'], SourcingTarget: ['LocalSourcingRate'],
    SourcingLevers: ['Query'], SourcingLever: ['SourcingLevers'], SourcingLeverItem: ['SourcingLever', 'SourcingScenarioResult'], SourcingScenarioResult: ['Query'],
    SourcingScenario: ['Query'], SourcingPace: ['Query'], SourcingPaceQuarter: ['SourcingPace'], SourcingPaceProjection: ['SourcingPace'],
    SourcingMap: ['Query'], SourcingMapArea: ['SourcingMap'],
    SourcingBaseline: ['Query'], SourcingContract: ['Query'], SearchIndexStatus: ['Query'], SearchSynonymGroup: ['Query'],
    RequirementSearchHit: ['Query'], SupplierSearchHit: ['Query'], SearchPlant: ['SupplierSearchHit'],
    Notification: ANY, NotificationSettings: ['Query'], NotificationPreference: ['NotificationSettings'],
    RequirementFacetCounts: ['Query'], SupplierFacetCounts: ['Query'], FacetValueCount: ['RequirementFacetCounts', 'SupplierFacetCounts'],
  };
  const WRAPPER = /(Connection|Edge)$/;

  it('classifies every object type the schema lets a query reach, from every parent that leads to it', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    const visit = (type: GraphQLObjectType, parent: string) => {
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (!(named instanceof GraphQLObjectType)) continue;
        if (WRAPPER.test(named.name)) {
          if (!seen.has(`${parent}>${named.name}`)) { seen.add(`${parent}>${named.name}`); visit(named, parent); }
          continue;
        }
        const allowed = TYPE_PARENTS[named.name];
        if (!allowed) problems.push(`${named.name} (from ${parent}.${field.name}) is not classified`);
        else if (allowed !== ANY && !allowed.includes(parent)) problems.push(`${parent}.${field.name} leads to ${named.name}, allowed only from ${allowed.join(', ')}`);
        if (!seen.has(named.name)) { seen.add(named.name); visit(named, named.name); }
      }
    };
    visit(schema.getQueryType() as GraphQLObjectType, 'Query');
    expect(problems).toEqual([]);
  });

  function mayRead(party: Party, typename: string, object: Record<string, unknown>, ancestors: Record<string, unknown>[]): string | null {
    const id = object.id as string | undefined;
    switch (typename) {
      case 'Quote': {
        const q = id ? w.quotes[id] : undefined;
        return q && (q.supplier === party || q.oem === party) ? null : `quote ${id}`;
      }
      case 'QuoteRevision':
        return ancestors[0]?.__typename === 'Quote' ? mayRead(party, 'Quote', ancestors[0], ancestors.slice(1)) : 'a revision outside its quote';
      case 'QuoteComparison': {
        const r = w.requirements[object.requirementId as string];
        return r && r.owner === party ? null : `the comparison of ${String(object.requirementId)}`;
      }
      case 'QuoteComparisonRow':
        return ancestors[0]?.__typename === 'QuoteComparison' ? mayRead(party, 'QuoteComparison', ancestors[0], ancestors.slice(1)) : 'a comparison row outside its comparison';
      case 'QuoteInvitation': {
        const r = w.requirements[object.requirementId as string];
        return object.supplierId === org[party] || (r && r.owner === party) ? null : `invitation ${id}`;
      }
      case 'Requirement': {
        const r = id ? w.requirements[id] : undefined;
        if (!r) return `unknown requirement ${id}`;
        if (r.owner === party || party === 'admin') return null;
        if (r.status === 'OPEN') return null;
        return r.status !== 'DRAFT' && r.involved.includes(party) ? null : `${r.status} requirement ${id}`;
      }
      case 'ClarificationQuestion': {
        const q = id ? w.questions[id] : undefined;
        if (!q) return `unknown question ${id}`;
        if (party === q.owner || party === q.asker) return null;
        if (!q.published || !q.participants.includes(party)) return `question ${id}`;
        return object.supplierId == null && object.askerName == null ? null : `the asker of question ${id}`;
      }
      case 'Document': {
        const parent = ancestors[0];
        if (parent?.__typename === 'SupplierCertification') {
          const holder = w.certifications[parent.id as string];
          return party === holder || party === 'oemA' || party === 'oemB' ? null : `the scan ${id} of certification ${String(parent.id)}`;
        }
        return parent ? mayRead(party, parent.__typename as string, parent, ancestors.slice(1)) : 'a document outside its parent';
      }
      case 'Contract': {
        const c = id ? w.contracts[id] : undefined;
        return c && (c.buyer === party || c.supplier === party || party === 'bureau') ? null : `contract ${id}`;
      }
      case 'Notification':
        return id && w.notifications[id] === party ? null : `notification ${id}`;
      default:
        return null;
    }
  }

  /** The values for a root query's required arguments: every id of the world where it takes one. */
  function rootCalls(name: string, returns: string): string[] {
    const field = schema.getQueryType()?.getFields()[name];
    const required = (field?.args ?? []).filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined);
    const orgs = Object.values(org) as string[];
    const pools = required.map((a): unknown[] => {
      const named = getNamedType(a.type).name;
      if (a.name === 'id') {
        if (returns === 'Requirement') return Object.keys(w.requirements);
        if (returns === 'Quote') return Object.keys(w.quotes);
        if (returns === 'Contract') return Object.keys(w.contracts);
        if (returns === 'ClarificationQuestion') return Object.keys(w.questions);
        if (returns === 'Organization') return orgs;
      }
      if (a.name === 'requirementId') return Object.keys(w.requirements);
      if (a.name === 'supplierId') return SUPPLIERS.map((s) => org[s]);
      if (['code', 'region', 'regionCode'].includes(a.name)) return ['330200'];
      if (a.name === 'categoryCode') return ['CHASSIS.BRAKE_BY_WIRE'];
      if (named === 'PeriodInput') return [{ startYear: new Date().getUTCFullYear() }];
      return [minimalLiteral(a.type as GraphQLInputType)];
    });
    const tuples = pools.reduce<unknown[][]>((acc, pool) => acc.flatMap((tuple) => pool.map((v) => [...tuple, v])), [[]]);
    return tuples.map((tuple) => (required.length ? `(${required.map((a, i) => `${a.name}: ${literal(tuple[i])}`).join(', ')})` : ''));
  }

  const nestedValues: ArgumentValues = () => undefined;

  it.each(['oemA', 'oemB', 's1', 's2', 'bureau', 'admin'] as Party[])('as %s, no path leads to what its root query would refuse', async (party) => {
    const result: WalkResult = { answers: [], refused: [] };
    const send = (document: string) => t.gql(document, {}, token[party]);
    for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
      const returns = getNamedType(field.type).name;
      for (const args of rootCalls(field.name, returns)) {
        await walk(rootNode(schema, field.name, args, nestedValues), nestedValues, send, result);
      }
    }
    const violations = new Set<string>();
    const reached = new Set<string>();
    for (const answer of result.answers) {
      for (const e of answer.errors) if (e.extensions.code === 'INTERNAL') violations.add(`INTERNAL at ${answer.document}`);
      for (const seen of observe(answer.data)) {
        reached.add(seen.typename);
        const parent = (seen.ancestors[0]?.__typename as string | undefined) ?? 'Query';
        const allowed = TYPE_PARENTS[seen.typename];
        if (!allowed) violations.add(`${seen.typename} is not classified (reached at ${seen.path} from ${parent})`);
        else if (allowed !== ANY && !allowed.includes(parent)) violations.add(`${seen.typename} reached from ${parent} (${seen.path}), allowed only from ${allowed.join(', ')}`);
        const refusal = mayRead(party, seen.typename, seen.object, seen.ancestors);
        if (refusal) violations.add(`${party} reads ${refusal} at ${seen.path} (${answer.document.slice(0, 120)})`);
      }
      const text = JSON.stringify(answer.data);
      for (const secret of w.secrets) if (!secret.seenBy.includes(party) && text.includes(secret.text)) violations.add(`${party} reads ${secret.text} via ${answer.document.slice(0, 160)}`);
    }
    expect(result.refused).toEqual([]);
    expect([...violations]).toEqual([]);
    // Every question and document this caller may read, some path reached (by its text).
    const everything = result.answers.map((a) => JSON.stringify(a.data)).join('\n');
    expect(w.secrets.filter((secret) => secret.reached && secret.seenBy.includes(party) && !everything.includes(secret.text)).map((secret) => secret.text)).toEqual([]);
    // The walk reached what each caller may read: the checks above checked something.
    const readIds = new Set(result.answers.flatMap((a) => observe(a.data)).map((o) => `${o.typename}:${String(o.object.id)}`));
    const must = [
      ...Object.keys(w.requirements).filter((id) => mayRead(party, 'Requirement', { id }, []) === null).map((id) => `Requirement:${id}`),
      ...Object.entries(w.quotes).filter(([, q]) => q.supplier === party || q.oem === party).map(([id]) => `Quote:${id}`),
      ...Object.entries(w.contracts).filter(([, c]) => c.buyer === party || c.supplier === party || party === 'bureau').map(([id]) => `Contract:${id}`),
      ...Object.keys(w.questions).filter((id) => mayRead(party, 'ClarificationQuestion', { id }, []) === null).map((id) => `ClarificationQuestion:${id}`),
      ...Object.entries(w.notifications).filter(([, owner]) => owner === party).map(([id]) => `Notification:${id}`),
    ];
    expect(must.filter((key) => !readIds.has(key))).toEqual([]);
    expect(reached.size).toBeGreaterThan(3);
  });
});
