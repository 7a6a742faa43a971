import { randomBytes } from 'node:crypto';
import type { TestApp } from './app.js';
import { Organization, OrganizationKind } from '../../src/organizations/organization.entity.js';
import { User } from '../../src/auth/user.entity.js';
import { Role } from '../../src/access/role.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { makeCreditCode } from '../../src/organizations/credit-code.factory.js';

export const PASSWORD = 'correct horse battery staple';

let serial = 0;
/** A fresh valid credit code for a region. */
export function nextCreditCode(region = '330200'): string {
  serial += 1;
  return makeCreditCode(region, (process.pid % 10000) * 100000 + serial);
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@example.test`;
}

export async function login(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const data = await t.ok<{ login: { token: string } }>(
    `mutation($input: LoginInput!) { login(input: $input) { token } }`,
    { input: { email, password } },
  );
  return data.login.token;
}

/** The first platform admin is created directly in the database, as an operator would. */
export async function makePlatformAdmin(t: TestApp): Promise<{ token: string; organizationId: string; email: string }> {
  const organization = await t.dataSource.getRepository(Organization).save({
    kind: OrganizationKind.PLATFORM,
    legalName: '整零通平台运营',
    creditCode: nextCreditCode('330100'),
    verified: true,
    designations: [],
  });
  const email = uniqueEmail('admin');
  await t.dataSource.getRepository(User).save({
    email,
    passwordHash: await hashPassword(PASSWORD),
    displayName: 'Platform admin',
    role: Role.PLATFORM_ADMIN,
    organizationId: organization.id,
    orgAdmin: true,
    jurisdictionCode: null,
  });
  return { token: await login(t, email), organizationId: organization.id, email };
}

export interface MadeOrganization {
  id: string;
  creditCode: string;
  adminEmail: string;
  token: string;
}

export async function makeOrganization(
  t: TestApp,
  adminToken: string,
  kind: OrganizationKind,
  overrides: { legalName?: string; jurisdictionCode?: string; region?: string } = {},
): Promise<MadeOrganization> {
  const adminEmail = uniqueEmail(kind.toLowerCase());
  const creditCode = nextCreditCode(overrides.region);
  const data = await t.ok<{ createOrganization: { id: string } }>(
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    {
      input: {
        kind,
        legalName: overrides.legalName ?? `测试${kind}有限公司 ${serial}`,
        creditCode,
        jurisdictionCode: overrides.jurisdictionCode ?? null,
        admin: { email: adminEmail, password: PASSWORD, displayName: `${kind} admin` },
      },
    },
    adminToken,
  );
  return { id: data.createOrganization.id, creditCode, adminEmail, token: await login(t, adminEmail) };
}

export async function makeSite(t: TestApp, token: string, regionCode: string, name = `工厂-${randomBytes(3).toString('hex')}`, extra: Record<string, unknown> = {}): Promise<string> {
  const data = await t.ok<{ createSite: { id: string } }>(
    `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`,
    { input: { name, regionCode, ...extra } },
    token,
  );
  return data.createSite.id;
}

/** A date `days` from today, YYYY-MM-DD. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function requirementInput(deliverySiteId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    deliverySiteId,
    categoryCode: 'CHASSIS.BRAKE_BY_WIRE',
    title: '线控制动系统 EHB one-box',
    description: 'One-box electro-hydraulic brake for a C-segment EV platform',
    specs: [{ key: '制动响应时间', value: '150 ms' }],
    annualVolume: 120000,
    targetUnitPrice: '1850.00',
    sopDate: daysFromNow(400),
    quoteDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    requiredCertifications: [{ typeCode: 'IATF_16949' }, { typeCode: 'ISO_26262', minLevel: 'D' }],
    ...overrides,
  };
}

export const CREATE_REQUIREMENT = `mutation($input: CreateRequirementInput!) { createRequirement(input: $input) { id status version } }`;

export async function makeRequirement(t: TestApp, token: string, siteId: string, overrides: Record<string, unknown> = {}, publish = true): Promise<{ id: string; version: number }> {
  const created = (await t.ok<{ createRequirement: { id: string; version: number } }>(CREATE_REQUIREMENT, { input: requirementInput(siteId, overrides) }, token)).createRequirement;
  if (!publish) return created;
  const published = await t.ok<{ publishRequirement: { id: string; version: number } }>(
    `mutation($input: StatusChangeInput!) { publishRequirement(input: $input) { id version } }`,
    { input: { id: created.id, version: created.version } },
    token,
  );
  return published.publishRequirement;
}

export async function makeCapability(t: TestApp, token: string, input: Record<string, unknown>): Promise<string> {
  const data = await t.ok<{ createCapability: { id: string } }>(`mutation($input: CreateCapabilityInput!) { createCapability(input: $input) { id } }`, { input }, token);
  return data.createCapability.id;
}

export async function addCertification(t: TestApp, token: string, input: Record<string, unknown>): Promise<string> {
  const data = await t.ok<{ addCertification: { id: string } }>(`mutation($input: CertificationInput!) { addCertification(input: $input) { id } }`, { input: { certificateNumber: `C-${randomBytes(4).toString('hex')}`, ...input } }, token);
  return data.addCertification.id;
}

/**
 * Makes a supplier pass the hard filters of `requirementInput()`'s default requirement from
 * `siteId`: a capability in the category produced there, IATF 16949 and ISO 26262 ASIL D valid
 * well past its SOP. Suppliers must be invited or qualified to quote (the quote gate).
 */
export async function qualifySupplier(t: TestApp, token: string, siteId: string, categoryCode = 'CHASSIS.BRAKE_BY_WIRE'): Promise<void> {
  await makeCapability(t, token, { categoryCode, description: 'EHB one-box 线控制动', annualCapacity: 150000, siteIds: [siteId] });
  await addCertification(t, token, { typeCode: 'IATF_16949', validFrom: '2024-01-01', validUntil: daysFromNow(2000) });
  await addCertification(t, token, { typeCode: 'ISO_26262', level: 'D', validFrom: '2024-01-01', validUntil: daysFromNow(2000) });
}
