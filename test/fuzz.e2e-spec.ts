/**
 * Property-based fuzzing of every query and mutation in the schema (enumerated from the
 * schema itself, so new ones are fuzzed too): random and hostile argument values → always
 * success or a client error (never a 5xx, never INTERNAL), and a refused mutation writes
 * nothing (row counts checked before and after).
 */
import fc from 'fast-check';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLScalarType, getNamedType, isLeafType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin, makeSite } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const RUNS_PER_FIELD = Number(process.env.FUZZ_RUNS ?? 25);
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED']);
const TABLES = ['organizations', 'users', 'sites', 'requirements', 'requirement_certifications', 'capabilities', 'capability_sites', 'supplier_certifications', 'audit_events', 'outbox'];

const HOSTILE_STRINGS = [
  '', ' ', 'x'.repeat(20_000), '\u0000\u0001\u0007\u001b[31m', "'; DROP TABLE organizations; --", '" OR 1=1 --', '<script>alert(1)</script>',
  '../../etc/passwd', '%s%n%x', '\u202e\u200b', '🚗⚙️', '线控制动'.repeat(50), '{"$ne": null}', '\\', '330000', 'CHASSIS.BRAKE_BY_WIRE',
];

function scalar(type: GraphQLScalarType): fc.Arbitrary<unknown> {
  switch (type.name) {
    case 'String':
      return fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }));
    case 'ID':
      return fc.oneof(fc.uuid(), fc.constantFrom('not-a-uuid', '', '00000000-0000-0000-0000-000000000000', "1' OR '1'='1"));
    case 'Int':
      return fc.oneof(fc.integer({ min: -2147483648, max: 2147483647 }), fc.constantFrom(0, -1, 1, 100, 101, 2147483647, 2 ** 40, 1.5, '7'));
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e308, -1, 0.5, 'NaN', 'Infinity'));
    case 'Boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 0));
    case 'Decimal':
      return fc.constantFrom('-1', '0', '12.50', '1e5', 'NaN', 'abc', '999999999999999999999999.1', '1.0000001', '0.0001', 12.5, '');
    case 'Date':
      return fc.constantFrom('2026-02-30', '2027-01-01', '2099-12-31', 'yesterday', '', '1900-01-01', '20270101', '2027-1-1');
    case 'DateTime':
      return fc.constantFrom('2027-01-01T00:00:00Z', 'not a date', '', '1970-01-01T00:00:00.000Z', '2099-12-31T23:59:59+08:00', 0);
    default:
      return fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...HOSTILE_STRINGS));
  }
}

function valueOf(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) return valueOf(type.ofType, depth);
  const nullable = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
  if (type instanceof GraphQLList) return nullable(depth > 3 ? fc.constant([]) : fc.array(valueOf(type.ofType, depth + 1), { maxLength: 3 }));
  if (type instanceof GraphQLEnumType) return nullable(fc.constantFrom(...type.getValues().map((v) => v.name as unknown), 'NOT_A_VALUE'));
  if (type instanceof GraphQLScalarType) return nullable(scalar(type));
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    const shape = Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, depth + 1)]));
    const required = fields.filter((f) => f.type instanceof GraphQLNonNull).map((f) => f.name);
    return nullable(fc.record(shape, { requiredKeys: required }) as fc.Arbitrary<unknown>);
  }
  return fc.constant(null);
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a: GraphQLArgument) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind}${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

describe('fuzzing every operation', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let tokens: string[];

  const counts = async (): Promise<Record<string, number>> =>
    (await t.dataSource.query(`SELECT ${TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`))[0];

  beforeAll(async () => {
    t = await startTestApp();
    schema = t.app.get(GraphQLSchemaHost).schema;
    const admin = await makePlatformAdmin(t);
    const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    await makeSite(t, oem.token, '330206');
    const supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    const bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
    tokens = [admin.token, oem.token, supplier.token, bureau.token];
  });
  afterAll(() => t.close());

  it('never answers 5xx or INTERNAL, and a refused mutation changes nothing', async () => {
    const roots = [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const;
    const failures: string[] = [];
    let operations = 0;
    for (const [kind, root] of roots) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        operations += 1;
        const query = operation(kind, field);
        // The first role the access rule lets through (the guard's refusal names the role).
        let token = tokens[0];
        for (const candidate of tokens) {
          const probe = await t.gql(query, {}, candidate);
          token = candidate;
          if (!probe.errors?.some((e) => e.extensions.code === 'FORBIDDEN' && /^Not allowed for role/.test(e.message))) break;
        }
        const args = fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueOf(a.type, 0)])));
        await fc.assert(
          fc.asyncProperty(args, async (variables) => {
            const before = kind === 'mutation' ? await counts() : null;
            const result = await t.gql(query, variables, token);
            const codes = (result.errors ?? []).map((e) => e.extensions?.code);
            const bad = result.status >= 500 || codes.some((c) => !CLIENT_CODES.has(c));
            const refused = (result.errors?.length ?? 0) > 0 && (result.data == null || (result.data as Record<string, unknown>)[field.name] == null);
            const changed = before !== null && refused && JSON.stringify(await counts()) !== JSON.stringify(before);
            if (bad || changed) failures.push(`${field.name} ${JSON.stringify(variables).slice(0, 300)} → ${result.status} ${JSON.stringify(result.errors).slice(0, 300)}${changed ? ' (rows changed)' : ''}`);
            return !bad && !changed;
          }),
          { numRuns: RUNS_PER_FIELD, seed: 20261124, endOnFailure: true },
        ).catch(() => undefined);
      }
    }
    expect(operations).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  });
});
