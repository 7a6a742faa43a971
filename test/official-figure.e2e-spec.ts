import { startTestApp, type TestApp } from './support/app.js';
import { PASSWORD, login, makeOrganization, makePlatformAdmin, makeSite, nextCreditCode, uniqueEmail, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

/**
 * Verification and the official figure: unverified buyers' contracts do not count; an
 * implausible value is held for review; the figure says how much rests on unconfirmed
 * contracts and can leave them out; the platform's verification queue.
 */
const RECORD = `mutation($input: RecordContractInput!) { recordContract(input: $input) { contract { id version reviewStatus buyerVerified supplierConfirmation } } }`;
const RATE = `query($confirmedOnly: Boolean) { localSourcingRate(region: "330200", period: { startYear: 2026 }, confirmedOnly: $confirmedOnly) {
  numerator denominator rate contracts confirmedOnly unconfirmedValue unconfirmedContracts unconfirmedShare byOem { key denominator } } }`;
const QUEUE = `query { organizationsAwaitingVerification(first: 100) { totalCount edges { node { id legalName verified verificationRefused } } } }`;
const VERIFY = `mutation($input: VerificationDecisionInput!) { verifyOrganization(input: $input) { id verified verificationRefused } }`;
const REFUSE = `mutation($input: VerificationDecisionInput!) { refuseVerification(input: $input) { id verified verificationRefused } }`;
const HELD = `query { contractsHeldForReview(first: 50) { totalCount edges { node { id totalValue reviewStatus } } } }`;
const RELEASE = `mutation($input: ReviewContractInput!) { releaseContract(input: $input) { id reviewStatus reviewNote } }`;
const REJECT = `mutation($input: ReviewContractInput!) { rejectContract(input: $input) { id reviewStatus reviewNote } }`;

describe('the official figure', () => {
  let t: TestApp;
  let admin: { token: string };
  let supplier: MadeOrganization;
  let verifiedOem: { token: string; id: string; plant: string };
  let ningbo: MadeOrganization;
  let hangzhou: MadeOrganization;
  let serial = 0;

  const register = async (kind: 'OEM' | 'SUPPLIER', legalName: string) => {
    const email = uniqueEmail('self');
    await t.ok(`mutation($input: RegisterInput!) { register(input: $input) { token } }`, {
      input: { email, password: PASSWORD, displayName: 'self', organizationKind: kind, legalName, creditCode: nextCreditCode('330200') },
    });
    const token = await login(t, email);
    const { me } = await t.ok<{ me: { organization: { id: string } } }>(`query { me { organization { id } } }`, {}, token);
    return { token, id: me.organization.id };
  };
  const record = async (token: string, buyerSiteId: string, totalValue: string, plant: Record<string, unknown> = { name: '鄞州工厂', regionCode: '330212' }) =>
    (await t.ok<{ recordContract: any }>(RECORD, {
      input: { buyerReference: `OF-${++serial}`, buyerSiteId, categoryCode: 'CHASSIS.BRAKE_BY_WIRE', totalValue, volume: 1000, signedDate: '2026-03-01', supplier: { creditCode: supplier.creditCode, plant } },
    }, token)).recordContract.contract;
  const rate = async (confirmedOnly = false) => (await t.ok<{ localSourcingRate: any }>(RATE, { confirmedOnly }, ningbo.token)).localSourcingRate;
  const rollupIsRebuildable = async () => {
    const before = await t.dataSource.query(`SELECT * FROM sourcing_rollups WHERE contracts <> 0 ORDER BY dimension, region_code, year, quarter, dim_key, source, standing`);
    await t.dataSource.query(`SELECT sourcing_rollups_rebuild()`);
    expect(await t.dataSource.query(`SELECT * FROM sourcing_rollups WHERE contracts <> 0 ORDER BY dimension, region_code, year, quarter, dim_key, source, standing`)).toEqual(before);
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    verifiedOem = { token: oem.token, id: oem.id, plant: await makeSite(t, oem.token, '330206', '北仑总装') };
    ningbo = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
    hangzhou = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330100' });
    // A verified buyer's usual scale: three contracts of about a million.
    for (const value of ['1000000.00', '1200000.00', '800000.00']) await record(verifiedOem.token, verifiedOem.plant, value);
  });
  afterAll(() => t.close());

  it('an unverified buyer\'s contracts do not count, however large; once verified, an implausible one is held until released', async () => {
    const before = await rate();
    expect(before).toMatchObject({ contracts: 3, rate: '1' });
    const attacker = await register('OEM', '自注册整车(测试)');
    const plant = await makeSite(t, attacker.token, '330206', '北仑二厂');
    const big = await record(attacker.token, plant, '900000000000.00', { name: 'Stuttgart', countryCode: 'DE', lat: 48.78, lon: 9.18 });
    expect(big).toMatchObject({ buyerVerified: false, reviewStatus: 'HELD' });
    const small = await record(attacker.token, plant, '500000.00', { name: 'Stuttgart', countryCode: 'DE', lat: 48.78, lon: 9.18 });
    expect(small).toMatchObject({ buyerVerified: false, reviewStatus: 'NONE' });
    expect(await rate()).toEqual(before);

    // Verified: the ordinary contract counts at once; the implausible one stays held.
    await t.ok(VERIFY, { input: { id: attacker.id, reason: '营业执照已核验' } }, admin.token);
    const verified = await rate();
    expect(verified.contracts).toBe(4);
    expect(Number(verified.denominator)).toBe(3_500_000);
    await rollupIsRebuildable();

    // Held: listed for the platform and the Ningbo bureau, not for Hangzhou's; only they decide.
    expect((await t.ok<{ contractsHeldForReview: any }>(HELD, {}, ningbo.token)).contractsHeldForReview.edges.map((e: any) => e.node.id)).toEqual([big.id]);
    expect((await t.ok<{ contractsHeldForReview: any }>(HELD, {}, hangzhou.token)).contractsHeldForReview.totalCount).toBe(0);
    expect((await t.gql(RELEASE, { input: { id: big.id, reason: 'x' } }, hangzhou.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(RELEASE, { input: { id: big.id, reason: 'x' } }, attacker.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(RELEASE, { input: { id: big.id, reason: '' } }, ningbo.token)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await rate()).toEqual(verified);

    const released = (await t.ok<{ releaseContract: any }>(RELEASE, { input: { id: big.id, reason: '合同原件已核对' } }, admin.token)).releaseContract;
    expect(released).toMatchObject({ reviewStatus: 'RELEASED', reviewNote: '合同原件已核对' });
    const after = await rate();
    expect(after.contracts).toBe(5);
    expect(Number(after.rate)).toBeLessThan(0.001);
    expect((await t.gql(REJECT, { input: { id: big.id, reason: '再议' } }, admin.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    await rollupIsRebuildable();
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = ANY($1) ORDER BY id`, [[big.id, attacker.id]]);
    expect(audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['organization.verify', 'contract.review_release']));

    // Refusing verification later takes its contracts out again.
    await t.ok(`mutation { setOrganizationVerified(id: "${attacker.id}", verified: false) { id } }`, {}, admin.token);
    expect(await rate()).toEqual(before);
  });

  it('holds a verified buyer\'s implausible value, and an amendment to one; a rejected contract never counts', async () => {
    const before = await rate();
    const huge = await record(verifiedOem.token, verifiedOem.plant, '500000000.00');
    expect(huge.reviewStatus).toBe('HELD');
    expect(await rate()).toEqual(before);
    await t.ok(REJECT, { input: { id: huge.id, reason: '金额不实' } }, ningbo.token);
    expect(await rate()).toEqual(before);

    const ordinary = await record(verifiedOem.token, verifiedOem.plant, '900000.00');
    const amended = await t.ok<{ amendContract: any }>(`mutation($input: AmendContractInput!) { amendContract(input: $input) { reviewStatus totalValue } }`,
      { input: { id: ordinary.id, version: ordinary.version, totalValue: '900000000.00', reason: '改大' } }, verifiedOem.token);
    expect(amended.amendContract).toEqual({ reviewStatus: 'HELD', totalValue: '900000000' });
    expect(await rate()).toEqual(before);
    await rollupIsRebuildable();
  });

  it('says how much of the figure rests on unconfirmed contracts, and can leave them out', async () => {
    const all = await rate();
    expect(Number(all.unconfirmedValue)).toBe(Number(all.denominator));
    expect(all.unconfirmedShare).toBe('1');
    const confirmedOnly = await rate(true);
    expect(confirmedOnly).toMatchObject({ confirmedOnly: true, contracts: 0, rate: null, unconfirmedValue: '0' });

    const one = await record(verifiedOem.token, verifiedOem.plant, '2000000.00');
    await t.ok(`mutation($input: SupplierContractAnswerInput!) { confirmContract(input: $input) { id } }`, { input: { id: one.id, version: one.version } }, supplier.token);
    const confirmed = await rate(true);
    expect(confirmed).toMatchObject({ contracts: 1, rate: '1' });
    expect(Number(confirmed.denominator)).toBe(2_000_000);
    const mixed = await rate();
    expect(Number(mixed.unconfirmedValue)).toBe(Number(mixed.denominator) - 2_000_000);
    // The drill-down behind the confirmed-only figure lists the same contract.
    const drill = await t.ok<{ sourcingContracts: any }>(`query { sourcingContracts(region: "330200", period: { startYear: 2026 }, confirmedOnly: true, first: 10) { totalCount edges { node { id } } } }`, {}, ningbo.token);
    expect(drill.sourcingContracts.edges.map((e: any) => e.node.id)).toEqual([one.id]);
    await rollupIsRebuildable();
  });

  it('keeps a queue of organisations waiting for verification; verify and refuse need a reason and are the platform\'s', async () => {
    const waiting = await register('SUPPLIER', '待核验供应商(测试)');
    const refused = await register('OEM', '将被拒绝整车(测试)');
    const queue = (await t.ok<{ organizationsAwaitingVerification: any }>(QUEUE, {}, admin.token)).organizationsAwaitingVerification;
    const ids = queue.edges.map((e: any) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([waiting.id, refused.id]));
    expect(queue.edges.every((e: any) => !e.node.verified && !e.node.verificationRefused)).toBe(true);
    for (const token of [ningbo.token, waiting.token, supplier.token]) {
      expect((await t.gql(QUEUE, {}, token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(VERIFY, { input: { id: waiting.id, reason: '自己核验' } }, token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    const blank = await t.gql(REFUSE, { input: { id: refused.id, reason: '  ' } }, admin.token);
    expect(blank.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await t.ok<{ refuseVerification: any }>(REFUSE, { input: { id: refused.id, reason: '营业执照与信用代码不符' } }, admin.token)).refuseVerification).toMatchObject({ verified: false, verificationRefused: true });
    const after = (await t.ok<{ organizationsAwaitingVerification: any }>(QUEUE, {}, admin.token)).organizationsAwaitingVerification;
    expect(after.edges.map((e: any) => e.node.id)).not.toContain(refused.id);
    expect(after.totalCount).toBe(queue.totalCount - 1);
    const [event] = await t.dataSource.query(`SELECT action, after->>'reason' AS reason FROM audit_events WHERE entity_id = $1 AND action LIKE 'organization.verification%'`, [refused.id]);
    expect(event).toEqual({ action: 'organization.verification_refused', reason: '营业执照与信用代码不符' });
  });
});
