/**
 * Fuzzing every query and mutation in the schema (enumerated from the schema itself, so a new
 * operation without a valid input here fails the test), one argument at a time: each
 * operation starts from a valid input (checked to succeed), then one field is replaced by a
 * hostile value (NUL, ANSI escape, right-to-left override, lone surrogate, 10,000 characters,
 * spaces only, far dates, negative and huge numbers, wrong types) while the others stay valid,
 * so that the request gets past validation into the service and the database. The answer must
 * be a success, or BAD_USER_INPUT naming that field (or a field under it), or another client
 * error (NOT_FOUND, CONFLICT…) — never a 5xx or INTERNAL; a refused mutation changes no row.
 * The values per field are drawn with a fixed seed (`FUZZ_CASES` per field of a mutation, 2 by default;
 * half as many for a query); `FUZZ_REPORT=1` prints how many operations and cases ran.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLScalarType, getNamedType, isLeafType,
  type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp } from './support/app.js';
import {
  PASSWORD, addCertification, daysFromNow, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, nextCreditCode, qualifySupplier, requirementInput, uniqueEmail,
  type MadeOrganization,
} from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const CASES_PER_FIELD = Number(process.env.FUZZ_CASES ?? 2);
/** Queries write nothing and mostly share their arguments (first, after, filters): fewer cases each. */
const QUERY_CASES_PER_FIELD = Math.max(1, Math.floor(CASES_PER_FIELD / 2));
const SEED = 20261204;
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED']);
const TABLES = [
  'organizations', 'users', 'sites', 'requirements', 'requirement_certifications', 'capabilities', 'capability_sites', 'supplier_certifications',
  'quotes', 'quote_invitations', 'contracts', 'search_synonyms', 'audit_events', 'outbox',
  'clarification_questions', 'documents',
  'domain_events', 'notifications', 'notification_preferences', 'notification_settings',
  'sourcing_scenarios',
];

const HOSTILE_STRINGS: unknown[] = [
  'a\u0000b', '\u001b[31mred\u001b[0m', 'x\u202eexe.txt', 'half\ud800', 'x'.repeat(10_000), '   ', '', 'two\nlines', 'nc\uffff', 'c1\u0085',
  "'; DROP TABLE organizations; --", 42, { a: 1 }, null,
];
const HOSTILE: Record<string, unknown[]> = {
  String: HOSTILE_STRINGS,
  ID: ['not-a-uuid', randomUUIDFixed(), '\u0000', '', '00000000-0000-0000-0000-000000000000', 7, null],
  Int: [-1, 0, 2147483647, 2 ** 40, 1.5, '7', -2147483648, null],
  Float: [-1e308, 1e308, 'NaN', -0, 91, null],
  Boolean: ['true', 0, null],
  Decimal: ['-1', '0', '1e400', 'NaN', '0.000001', '99999999999999999999999999.99', 'abc', 12.5, null],
  Date: ['2101-01-01', '1999-12-31', '0001-01-01', '9999-12-31', '2026-02-30', '', '20270101', null],
  DateTime: ['+275760-09-13T00:00:00.000Z', '1970-01-01T00:00:00Z', '2101-01-02T00:00:00Z', 'not a date', 0, null],
};
const HOSTILE_OBJECT: unknown[] = ['x', [], 7, null, {}];
const HOSTILE_LIST: unknown[] = ['x', null, Array.from({ length: 200 }, () => 'x')];

/** Three random Han characters: a term of its own for a synonym group. */
function han(): string {
  return [...randomBytes(3)].map((b) => String.fromCharCode(0x4e00 + b * 37)).join('');
}

const idAndVersion = ({ id, version }: { id: string; version: number }) => ({ id, version });

/** A fixed UUID that names nothing (the same on every run). */
function randomUUIDFixed(): string {
  return '6f1c2b9e-3a4d-4e5f-8a7b-9c0d1e2f3a4b';
}

/** Mulberry32: a small seeded generator, so the cases are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, values: readonly T[], count: number): T[] {
  const pool = [...values];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return chosen;
}

interface Target {
  /** Dotted path from the variables' root, as the API names fields: `input.specs.0.value`. */
  path: string[];
  type: GraphQLInputType;
}

/** Every field an argument may hold (nested inputs and the first element of a list the valid input fills), with its type. */
function targets(type: GraphQLInputType, path: string[], value: unknown, depth = 0): Target[] {
  const own: Target = { path, type };
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  // An optional input the valid call leaves out is fuzzed whole, not field by field.
  if (depth > 4 || (depth > 0 && value == null)) return [own];
  if (inner instanceof GraphQLInputObjectType) {
    const record = (value ?? {}) as Record<string, unknown>;
    return [own, ...Object.values(inner.getFields()).flatMap((f) => targets(f.type, [...path, f.name], record[f.name], depth + 1))];
  }
  if (inner instanceof GraphQLList && Array.isArray(value) && value.length > 0) {
    return [own, ...value.flatMap((item, index) => (index === 0 ? targets(inner.ofType, [...path, String(index)], item, depth + 1) : []))];
  }
  return [own];
}

function hostileFor(type: GraphQLInputType): unknown[] {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  if (inner instanceof GraphQLList) return HOSTILE_LIST;
  if (inner instanceof GraphQLEnumType) return ['NOT_A_VALUE', 3, null];
  if (inner instanceof GraphQLInputObjectType) return HOSTILE_OBJECT;
  if (inner instanceof GraphQLScalarType) return HOSTILE[inner.name] ?? HOSTILE_STRINGS;
  return [null];
}

function withValue(variables: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(variables);
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (node[key] == null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  // An argument with a default takes a nullable variable, so that leaving it out keeps the default.
  const vars = field.args.map((a) => `$${a.name}: ${String(a.defaultValue !== undefined && a.type instanceof GraphQLNonNull ? a.type.ofType : a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind}${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

type Who = 'admin' | 'oem' | 'supplier' | 'bureau' | 'none';
/** A valid call: who makes it and its variables (made afresh after a success, for calls that use something up). */
interface ValidCall {
  as: Who;
  make: () => Promise<Record<string, unknown>>;
  /** A token of its own for every request (a call that ends its caller's tokens, like changePassword), instead of `as`'s. */
  session?: () => Promise<string>;
}

describe('fuzzing every operation, one argument at a time', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let admin: { token: string };
  let oem: MadeOrganization;
  let supplier: MadeOrganization;
  let bureau: MadeOrganization;
  let oemSite: string;
  let supplierSite: string;
  let openRequirementId: string;
  let quoteId: string;
  let contractId: string;

  const counts = async (): Promise<Record<string, number>> =>
    (await t.dataSource.query(`SELECT ${TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`))[0];
  const tokenOf = (who: Who): string | undefined => ({ admin: admin.token, oem: oem.token, supplier: supplier.token, bureau: bureau.token, none: undefined })[who];
  const must = async <T = any>(query: string, variables: Record<string, unknown>, who: Who): Promise<T> => t.ok<T>(query, variables, tokenOf(who));
  const version = async (table: string, id: string): Promise<number> => (await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version;

  /** A new user of the OEM (not its admin), by e-mail or by id. */
  const newOemUser = async () => {
    const email = uniqueEmail('fzo');
    const { createUser } = await must(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: PASSWORD, displayName: '采购员', orgAdmin: false } }, 'oem');
    return { email, id: createUser.id as string };
  };
  const oemUser = async () => (await newOemUser()).email;
  const oemUserId = async () => (await newOemUser()).id;
  const openRequirement = async () => makeRequirement(t, oem.token, oemSite, { title: `fuzz ${randomBytes(3).toString('hex')}` });
  /** A saved scenario of the bureau, for the calls that take one. */
  const savedScenario = async (): Promise<string> =>
    (await t.ok<{ saveSourcingScenario: { id: string } }>(`mutation($input: SaveSourcingScenarioInput!) { saveSourcingScenario(input: $input) { id } }`,
      { input: { regionCode: '330200', name: `方案-${randomBytes(4).toString('hex')}` } }, bureau.token)).saveSourcingScenario.id;
  const submitted = async (requirementId?: string) => {
    const id = requirementId ?? (await openRequirement()).id;
    const quote = await must(`mutation($input: SubmitQuoteInput!) { submitQuote(input: $input) { id version } }`,
      { input: { requirementId: id, siteId: supplierSite, unitPrice: '1700.00', volume: 120000, leadTimeDays: 30, validUntil: daysFromNow(60) } }, 'supplier');
    return { requirementId: id, ...quote.submitQuote } as { requirementId: string; id: string; version: number };
  };
  const recorded = async (status = 'ACTIVE') => (await must(`mutation($input: RecordContractInput!) { recordContract(input: $input) { contract { id version } } }`, {
    input: recordInput({ status }),
  }, 'oem')).recordContract.contract as { id: string; version: number };
  const recordInput = (overrides: Record<string, unknown> = {}) => ({
    buyerReference: `FZ-${randomBytes(4).toString('hex')}`, buyerSiteId: oemSite, categoryCode: 'CHASSIS.BRAKE_BY_WIRE', totalValue: '1200000.00', volume: 10000,
    signedDate: '2025-03-01', supplier: { creditCode: supplier.creditCode, plant: { name: '鄞州工厂', regionCode: '330212' } }, ...overrides,
  });

  /** A self-registered supplier, waiting for verification. */
  const unverifiedOrganization = async () => {
    const creditCode = nextCreditCode();
    await must(`mutation($input: RegisterInput!) { register(input: $input) { token } }`, { input: { email: uniqueEmail('fzv'), password: PASSWORD, displayName: '注册人', organizationKind: 'SUPPLIER', legalName: '待核验测试有限公司', creditCode } }, 'none');
    return (await t.dataSource.query(`SELECT id FROM organizations WHERE credit_code = $1`, [creditCode]))[0].id as string;
  };
  /** A recorded contract far above the buyer's scale: held for review. */
  const heldContract = async () => {
    const { recordContract } = await must(`mutation($input: RecordContractInput!) { recordContract(input: $input) { contract { id } } }`, { input: recordInput({ totalValue: '900000000000000.00', volume: 1000000, signedDate: daysFromNow(-30) }) }, 'oem');
    return recordContract.contract.id as string;
  };

  /** A question the supplier asked on a fresh open requirement. */
  const asked = async () => (await must(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id version } }`,
    { input: { requirementId: (await openRequirement()).id, question: '样件能否分批交付？' } }, 'supplier')).askQuestion as { id: string; version: number };
  /** A document the OEM attached to a fresh open requirement (POST /documents/…). */
  const attached = async () => {
    const response = await fetch(`${t.url.replace(/\/graphql$/, '')}/documents/requirements/${(await openRequirement()).id}?name=spec.pdf`, {
      method: 'POST', headers: { authorization: `Bearer ${oem.token}`, 'content-type': 'application/octet-stream' }, body: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    return ((await response.json()) as { id: string }).id;
  };

  /** A valid call of every operation that takes arguments. */
  const valid = (): Record<string, ValidCall> => ({
    // Mutations
    activateContract: { as: 'oem', make: async () => ({ input: await recorded('SIGNED') }) },
    completeContract: { as: 'oem', make: async () => ({ input: await recorded('ACTIVE') }) },
    terminateContract: { as: 'oem', make: async () => ({ input: { ...(await recorded('ACTIVE')), reason: '项目取消', deliveredValue: '1000.00' } }) },
    amendContract: { as: 'oem', make: async () => ({ input: { ...(await recorded('ACTIVE')), unitPrice: '110.00', reason: '年降', effectiveDate: '2025-06-01' } }) },
    recordContract: { as: 'oem', make: async () => ({ input: recordInput() }) },
    importContracts: { as: 'oem', make: async () => ({ csv: `reference,buyer_plant,supplier_credit_code,supplier_plant,category_code,total_value,volume,signed_date\nFZ-${randomBytes(4).toString('hex')},${oemSite},${supplier.creditCode},鄞州工厂,CHASSIS.BRAKE_BY_WIRE,1000.00,10,2025-01-02\n` }) },
    importSuppliers: { as: 'admin', make: async () => ({ csv: `credit_code,legal_name,plant_name,region_code\n${nextCreditCode()},模糊测试供应商,模糊工厂,330206\n` }) },
    awardRequirement: { as: 'oem', make: async () => {
      const quote = await submitted();
      return { input: { requirementId: quote.requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: quote.id }] } };
    } },
    addCertification: { as: 'supplier', make: async () => ({ input: { typeCode: 'IATF_16949', certificateNumber: `FZ-${randomBytes(4).toString('hex')}`, issuer: 'TÜV', validFrom: '2025-01-01', validUntil: '2028-01-01' } }) },
    updateCertification: { as: 'supplier', make: async () => {
      const id = await addCertification(t, supplier.token, { typeCode: 'IATF_16949', validFrom: '2025-01-01', validUntil: '2028-01-01' });
      return { input: { id, version: await version('supplier_certifications', id), issuer: 'SGS', validUntil: '2029-01-01' } };
    } },
    removeCertification: { as: 'supplier', make: async () => {
      const id = await addCertification(t, supplier.token, { typeCode: 'IATF_16949', validFrom: '2025-01-01', validUntil: '2028-01-01' });
      return { input: { id, version: await version('supplier_certifications', id) } };
    } },
    createCapability: { as: 'supplier', make: async () => ({ input: { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'EHB', products: ['EHB'], specs: [{ key: '响应', value: '150 ms' }], annualCapacity: 100000, leadTimeDays: 30, siteIds: [supplierSite] } }) },
    updateCapability: { as: 'supplier', make: async () => {
      const id = await makeCapability(t, supplier.token, { categoryCode: 'THERMAL', siteIds: [supplierSite] });
      return { input: { id, version: await version('capabilities', id), description: '热泵', products: ['热泵'], specs: [{ key: 'COP', value: '3.2' }], annualCapacity: 5000, leadTimeDays: 20, siteIds: [supplierSite] } };
    } },
    deleteCapability: { as: 'supplier', make: async () => {
      const id = await makeCapability(t, supplier.token, { categoryCode: 'THERMAL', siteIds: [supplierSite] });
      return { input: { id, version: await version('capabilities', id) } };
    } },
    addSearchSynonyms: { as: 'admin', make: async () => ({ input: { terms: [han(), `fuzz${randomBytes(2).toString('hex')}`], oneWay: false } }) },
    removeSearchSynonyms: { as: 'admin', make: async () => ({ id: (await must(`mutation($input: AddSearchSynonymsInput!) { addSearchSynonyms(input: $input) { id } }`, { input: { terms: [han(), `rm${randomBytes(2).toString('hex')}`] } }, 'admin')).addSearchSynonyms.id }) },
    createOrganization: { as: 'admin', make: async () => ({ input: { kind: 'SUPPLIER', legalName: '模糊测试有限公司', nameEn: 'Fuzz Ltd', creditCode: nextCreditCode(), jurisdictionCode: null, admin: { email: uniqueEmail('fz'), password: PASSWORD, displayName: '管理员' } } }) },
    createUser: { as: 'oem', make: async () => ({ input: { email: uniqueEmail('fzu'), password: PASSWORD, displayName: '采购员', orgAdmin: false } }) },
    changePassword: {
      as: 'none',
      make: async () => ({ input: { currentPassword: PASSWORD, newPassword: 'another-password-2026' } }),
      // A new user of the OEM for every request: a success ends the caller's tokens.
      session: async () => (await must(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email: await oemUser(), password: PASSWORD } }, 'none')).login.token,
    },
    disableUser: { as: 'oem', make: async () => ({ input: { userId: await oemUserId() } }) },
    enableUser: { as: 'oem', make: async () => {
      const userId = await oemUserId();
      await must(`mutation($input: UserStatusInput!) { disableUser(input: $input) { id } }`, { input: { userId } }, 'oem');
      return { input: { userId } };
    } },
    contractsHeldForReview: { as: 'admin', make: async () => ({ first: 10 }) },
    organizationsAwaitingVerification: { as: 'admin', make: async () => ({ first: 10 }) },
    confirmContract: { as: 'supplier', make: async () => ({ input: await recorded() }) },
    disputeContract: { as: 'supplier', make: async () => ({ input: { ...(await recorded()), note: '金额与我方记录不符' } }) },
    verifyOrganization: { as: 'admin', make: async () => ({ input: { id: await unverifiedOrganization(), reason: '营业执照与信用代码已核验' } }) },
    refuseVerification: { as: 'admin', make: async () => ({ input: { id: await unverifiedOrganization(), reason: '营业执照缺失' } }) },
    releaseContract: { as: 'admin', make: async () => ({ input: { id: await heldContract(), reason: '已与采购方核实' } }) },
    rejectContract: { as: 'admin', make: async () => ({ input: { id: await heldContract(), reason: '金额录入错误' } }) },
    register: { as: 'none', make: async () => ({ input: { email: uniqueEmail('fzr'), password: PASSWORD, displayName: '注册人', organizationKind: 'SUPPLIER', legalName: '注册测试有限公司', creditCode: nextCreditCode() } }) },
    login: { as: 'none', make: async () => ({ input: { email: supplier.adminEmail, password: PASSWORD } }) },
    createRequirement: { as: 'oem', make: async () => ({ input: requirementInput(oemSite, { matchWeights: { fit: 0.3, locality: 0.3, certification: 0.2, capacity: 0.1, designation: 0.1 } }) }) },
    updateRequirement: { as: 'oem', make: async () => {
      const { id, version: v } = await makeRequirement(t, oem.token, oemSite, {}, false);
      return { input: { id, version: v, title: '更新的标题', description: '说明', specs: [{ key: 'k', value: 'v' }], annualVolume: 1000, targetUnitPrice: '99.5', sopDate: daysFromNow(500), quoteDeadline: new Date(Date.now() + 40 * 86_400_000).toISOString(), requiredCertifications: [{ typeCode: 'IATF_16949' }] } };
    } },
    publishRequirement: { as: 'oem', make: async () => {
      const { id, version: v } = await makeRequirement(t, oem.token, oemSite, {}, false);
      return { input: { id, version: v } };
    } },
    closeRequirement: { as: 'oem', make: async () => ({ input: idAndVersion(await openRequirement()) }) },
    cancelRequirement: { as: 'oem', make: async () => ({ input: idAndVersion(await openRequirement()) }) },
    inviteSuppliers: { as: 'oem', make: async () => ({ input: { requirementId: (await openRequirement()).id, supplierIds: [supplier.id], message: '欢迎报价' } }) },
    submitQuote: { as: 'supplier', make: async () => ({ input: { requirementId: (await openRequirement()).id, siteId: supplierSite, unitPrice: '1700.00', volume: 120000, leadTimeDays: 30, validUntil: daysFromNow(60), note: '含运费' } }) },
    reviseQuote: { as: 'supplier', make: async () => {
      const quote = await submitted();
      return { input: { id: quote.id, version: quote.version, siteId: supplierSite, unitPrice: '1650.00', volume: 100000, leadTimeDays: 25, validUntil: daysFromNow(70), note: '年降 3%' } };
    } },
    withdrawQuote: { as: 'supplier', make: async () => {
      const quote = await submitted();
      return { input: { id: quote.id, version: quote.version } };
    } },
    createSite: { as: 'oem', make: async () => ({ input: { name: `厂-${randomBytes(3).toString('hex')}`, countryCode: 'CN', regionCode: '330206', address: '北仑区', lat: 29.9, lon: 121.8 } }) },
    updateSite: { as: 'oem', make: async () => {
      const id = await makeSite(t, oem.token, '330206');
      return { input: { id, version: await version('sites', id), name: `改-${randomBytes(3).toString('hex')}`, regionCode: '330212', address: '鄞州区', lat: 29.8, lon: 121.5 } };
    } },
    askQuestion: { as: 'supplier', make: async () => ({ input: { requirementId: (await openRequirement()).id, question: '是否接受样件分批交付？\n请说明。' } }) },
    answerQuestion: { as: 'oem', make: async () => ({ input: { ...(await asked()), answer: '接受，分两批。', publish: true } }) },
    deleteDocument: { as: 'oem', make: async () => ({ input: { id: await attached() } }) },
    clarificationQuestion: { as: 'supplier', make: async () => ({ id: (await asked()).id }) },
    clarificationQuestions: { as: 'oem', make: async () => ({ requirementId: openRequirementId }) },
    setDesignations: { as: 'admin', make: async () => ({ input: { organizationId: supplier.id, designations: ['SPECIALIZED_SME'] } }) },
    setOrganizationVerified: { as: 'admin', make: async () => ({ id: supplier.id, verified: true }) },
    saveSourcingScenario: { as: 'bureau', make: async () => ({ input: { regionCode: '330200', name: `方案-${randomBytes(4).toString('hex')}`, levers: ['DEMAND_GAPS'], requirementIds: [], categoryCodes: [], contractIds: [] } }) },
    deleteSourcingScenario: { as: 'bureau', make: async () => ({ id: await savedScenario() }) },
    setSourcingBaseline: { as: 'bureau', make: async () => ({ input: { regionCode: '330200', baselineYear: 2024, targetIncreasePp: '10', enteredRate: '0.45', enteredBasis: 'VALUE', enteredScope: 'PROVINCE', sourceNote: '统计公报 2024' } }) },
    // Queries
    contract: { as: 'oem', make: async () => ({ id: contractId }) },
    contracts: { as: 'oem', make: async () => ({ first: 5, filter: { status: ['ACTIVE'], buyerRegionCode: '330200', categoryCode: 'CHASSIS', signedFrom: '2025-01-01', signedTo: '2025-12-31' } }) },
    contractsAsOcds: { as: 'oem', make: async () => ({ first: 5, filter: { signedFrom: '2025-01-01' } }) },
    demandGapRequirements: { as: 'bureau', make: async () => ({ first: 5, region: '330200', categoryCode: 'CHASSIS.BRAKE_BY_WIRE' }) },
    demandGaps: { as: 'bureau', make: async () => ({ region: '330200', categoryCode: 'CHASSIS', nearest: 3 }) },
    explainMatch: { as: 'oem', make: async () => ({ requirementId: openRequirementId, supplierId: supplier.id, weights: { fit: 0.5, locality: 0.5, certification: 0, capacity: 0, designation: 0 } }) },
    localSourcingRate: { as: 'bureau', make: async () => ({ region: '330200', period: { startYear: 2025, startQuarter: 1, endYear: 2025, endQuarter: 4 }, basis: 'VALUE', scope: 'PROVINCE', source: 'ALL' }) },
    sourcingContracts: { as: 'bureau', make: async () => ({ first: 5, region: '330200', period: { startYear: 2025 }, filter: { local: true, area: '330206', categoryCode: 'CHASSIS', focusArea: 'CHASSIS' } }) },
    sourcingBaseline: { as: 'bureau', make: async () => ({ regionCode: '330200' }) },
    sourcingLevers: { as: 'bureau', make: async () => ({ region: '330200', period: { startYear: 2025 }, itemsPerLever: 5, nearest: 2 }) },
    sourcingScenario: { as: 'bureau', make: async () => ({ region: '330200', period: { startYear: 2025 }, pick: { levers: ['OPEN_REQUIREMENTS', 'RENEWALS'], requirementIds: [], categoryCodes: [], contractIds: [] } }) },
    sourcingPace: { as: 'bureau', make: async () => ({ region: '330200', throughYear: 2025, throughQuarter: 4 }) },
    sourcingMap: { as: 'bureau', make: async () => ({ region: '330200', period: { startYear: 2025 } }) },
    evaluateSourcingScenario: { as: 'bureau', make: async () => ({ id: await savedScenario(), period: { startYear: 2025 } }) },
    matchesForRequirement: { as: 'oem', make: async () => ({ first: 5, requirementId: openRequirementId }) },
    myQuoteInvitations: { as: 'supplier', make: async () => ({ first: 5 }) },
    notifications: { as: 'oem', make: async () => ({ first: 5, unreadOnly: true }) },
    markNotificationsRead: { as: 'oem', make: async () => ({ input: { ids: ['1', '2'] } }) },
    updateNotificationSettings: { as: 'supplier', make: async () => ({ input: { language: 'en', emailDigest: true, preferences: [{ kind: 'INVITED', inbox: true, email: false }] } }) },
    myQuotes: { as: 'supplier', make: async () => ({ first: 5, filter: { status: ['SUBMITTED'], requirementId: openRequirementId } }) },
    myRequirements: { as: 'oem', make: async () => ({ first: 5, filter: { status: ['OPEN'], categoryCode: 'CHASSIS', deliverySiteId: oemSite, regionCode: '330200', sopFrom: daysFromNow(1), sopTo: daysFromNow(900) } }) },
    openRequirements: { as: 'supplier', make: async () => ({ first: 5, filter: { categoryCode: 'CHASSIS' } }) },
    opportunitiesForSupplier: { as: 'supplier', make: async () => ({ first: 5 }) },
    organization: { as: 'admin', make: async () => ({ id: supplier.id }) },
    partCategories: { as: 'oem', make: async () => ({ parent: 'CHASSIS' }) },
    quote: { as: 'supplier', make: async () => ({ id: quoteId }) },
    quoteComparison: { as: 'oem', make: async () => ({ requirementId: openRequirementId, sortBy: 'PRICE', reverse: false, includeWithdrawn: true }) },
    quoteInvitations: { as: 'oem', make: async () => ({ requirementId: openRequirementId }) },
    region: { as: 'oem', make: async () => ({ code: '330206' }) },
    regions: { as: 'oem', make: async () => ({ parent: '330000', level: 'CITY' }) },
    requirement: { as: 'oem', make: async () => ({ id: openRequirementId }) },
    searchRequirements: { as: 'supplier', make: async () => ({ first: 5, query: '线控制动', filter: { categoryCode: 'CHASSIS', regionCode: '330000', statuses: ['OPEN'], mine: false }, facets: ['CATEGORY'] }) },
    searchSuppliers: { as: 'oem', make: async () => ({ first: 5, query: 'EHB', filter: { categoryCode: 'CHASSIS', certifications: [{ typeCode: 'ISO_26262', minLevel: 'C' }], regionCode: '330200', designations: ['SPECIALIZED_SME'], verified: true }, facets: ['CITY'] }) },
  });

  let dataDir: string;

  beforeAll(async () => {
    // Documents attached here go to a folder of this test's own.
    dataDir = await mkdtemp(join(tmpdir(), 'zlt-fuzz-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir } });
    schema = t.app.get(GraphQLSchemaHost).schema;
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
    oemSite = await makeSite(t, oem.token, '330206');
    supplierSite = await makeSite(t, supplier.token, '330212', '鄞州工厂');
    // Quotes come from invited or qualified suppliers only: this one qualifies for the requirements made here.
    await qualifySupplier(t, supplier.token, supplierSite);
    const quote = await submitted();
    openRequirementId = quote.requirementId;
    quoteId = quote.id;
    contractId = (await recorded()).id;
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a success or a client error naming the field, never INTERNAL, and a refused mutation changes nothing', async () => {
    const calls = valid();
    const random = seeded(SEED);
    const failures: string[] = [];
    let operations = 0;
    let cases = 0;
    for (const [kind, root] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        operations += 1;
        if (field.args.length === 0) continue;
        const call = calls[field.name];
        if (!call) {
          failures.push(`${field.name}: no valid input in test/fuzz.e2e-spec.ts`);
          continue;
        }
        const query = operation(kind, field);
        const tokenFor = async () => (call.session ? call.session() : tokenOf(call.as));
        // The valid input must succeed, else the fuzzing below proves little.
        const base = await t.gql(query, await call.make(), await tokenFor());
        if (base.errors?.length) {
          failures.push(`${field.name}: its valid input is refused: ${JSON.stringify(base.errors).slice(0, 300)}`);
          continue;
        }
        let variables = await call.make();
        const fieldTargets = field.args.flatMap((arg) => targets(arg.type, [arg.name], variables[arg.name]));
        // Row counts after the previous case stand for the counts before the next one.
        let before = kind === 'mutation' ? await counts() : null;
        for (const target of fieldTargets) {
          for (const hostile of pick(random, hostileFor(target.type), kind === 'mutation' ? CASES_PER_FIELD : QUERY_CASES_PER_FIELD)) {
            cases += 1;
            const path = target.path.join('.');
            const sent = withValue(variables, target.path, hostile);
            const token = await tokenFor();
            // A session of its own is made before the counts: only the call itself must change nothing.
            if (call.session && before) before = await counts();
            const result = await t.gql(query, sent, token);
            const errors = result.errors ?? [];
            const describe = () => `${field.name} ${path} = ${JSON.stringify(hostile)?.slice(0, 60)} → ${result.status} ${JSON.stringify(errors).slice(0, 300)}`;
            if (result.status >= 500 || errors.some((e) => !CLIENT_CODES.has(e.extensions?.code))) failures.push(`${describe()} (not a client error)`);
            const refusal = errors.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
            const named = (refusal?.extensions.fields ?? []).map((f) => f.field);
            // The field itself, a field under it, or for a rule over several fields (weights summing to 1, every element of a
            // list) the nested input holding it; an argument's root only for the weights argument, which is such a group.
            // A field left out (null) may make a sibling that depends on it wrong: then the sibling is named.
            const parent = target.path.slice(0, -1).join('.');
            const names = (name: string) => name === path || name.startsWith(`${path}.`) || (path.startsWith(`${name}.`) && (name.includes('.') || name === 'weights'))
              || (hostile === null && parent !== '' && name.startsWith(`${parent}.`));
            if (refusal && !named.some(names)) failures.push(`${describe()} (does not name ${path})`);
            const after = before ? await counts() : null;
            if (errors.length > 0 && before && JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${describe()} (rows changed)`);
            // A success may use up what the valid input names (a published draft, a withdrawn quote): make it afresh.
            if (errors.length === 0 && kind === 'mutation') {
              variables = await call.make();
              before = await counts();
            } else {
              before = after;
            }
          }
        }
      }
    }
    expect(operations).toBeGreaterThan(50);
    expect(cases).toBeGreaterThan(400);
    if (process.env.FUZZ_REPORT) process.stdout.write(`fuzz: ${operations} operations, ${cases} cases\n`);
    expect(failures).toEqual([]);
  });
});
