import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, daysFromNow, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

/**
 * The whole path on a small world: an OEM plant in Beilun (Ningbo), suppliers in Yinzhou
 * (Ningbo, same city), Xiaoshan (Hangzhou, same province), Suzhou (Jiangsu) and Chongqing.
 * requirement → invite → quotes → comparison → award (split) → contract → amendment →
 * completion; then the refusals, each changing nothing.
 */
const INVITE = `mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id supplierId requirementId } }`;
const MY_INVITATIONS = `{ myQuoteInvitations(first: 10) { totalCount edges { node { requirementId message requirement { title } } } } }`;
const SUBMIT = `mutation($input: SubmitQuoteInput!) { submitQuote(input: $input) { id status revision version unitPrice totalValue } }`;
const WITHDRAW = `mutation($input: WithdrawQuoteInput!) { withdrawQuote(input: $input) { id status version } }`;
const COMPARE = `query($id: ID!, $sortBy: QuoteSortKey, $reverse: Boolean) { quoteComparison(requirementId: $id, sortBy: $sortBy, reverse: $reverse) {
  targetUnitPrice localValueThisYear totalValueThisYear
  rows { quote { id status supplier { legalName } site { name } } priceVsTarget priceVsTargetPct totalValue leadTimeDays tier distanceKm matchScore eligible impactPp } } }`;
const AWARD = `mutation($input: AwardRequirementInput!) { awardRequirement(input: $input) { awardId replayed contracts {
  id source status version unitPrice volume totalValue signedDate startDate quoteId supplierOrganizationId
  localitySnapshot { buyerRegionCode supplierRegionCode supplierCountryCode sameCounty sameCity sameProvince distanceKm } } } }`;
const CONTRACT = `query($id: ID!) { contract(id: $id) { id status version totalValue volume unitPrice deliveredValue terminationReason
  localitySnapshot { supplierRegionCode sameCity sameProvince distanceKm } supplierSite { regionCode } buyerOrganization { id } supplierOrganization { id }
  requirement { id status } quote { id status } category { code }
  amendments { sequence reason effectiveDate before { volume totalValue unitPrice } after { volume totalValue unitPrice } } } }`;
const ACTIVATE = `mutation($input: ContractStatusChangeInput!) { activateContract(input: $input) { id status version } }`;
const COMPLETE = `mutation($input: ContractStatusChangeInput!) { completeContract(input: $input) { id status version } }`;
const TERMINATE = `mutation($input: TerminateContractInput!) { terminateContract(input: $input) { id status version deliveredValue terminationReason } }`;
const AMEND = `mutation($input: AmendContractInput!) { amendContract(input: $input) { id version volume totalValue unitPrice } }`;
const RECORD = `mutation($input: RecordContractInput!) { recordContract(input: $input) { created contract { id } } }`;
const UPDATE_SITE = `mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id regionCode version } }`;

const year = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);

describe('award: from quotes to a tracked contract', () => {
  let t: TestApp;
  let admin: { token: string };
  let oem: MadeOrganization;
  let otherOem: MadeOrganization;
  let delivery: string;
  const suppliers: Record<string, { org: MadeOrganization; site: string }> = {};

  async function supplier(key: string, name: string, regionCode: string, coordinates: { lat: number; lon: number }) {
    const org = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: name });
    const site = await makeSite(t, org.token, regionCode, `${key} 工厂`, coordinates);
    await makeCapability(t, org.token, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'EHB one-box 线控制动', annualCapacity: 150000, siteIds: [site] });
    await addCertification(t, org.token, { typeCode: 'IATF_16949', validFrom: '2024-01-01', validUntil: daysFromNow(2000) });
    suppliers[key] = { org, site };
  }

  async function newRequirement(): Promise<string> {
    return (await makeRequirement(t, oem.token, delivery, { title: '线控制动 EHB', specs: [], annualVolume: 100000, targetUnitPrice: '100.00', requiredCertifications: [{ typeCode: 'IATF_16949' }] })).id;
  }

  async function quote(key: string, requirementId: string, unitPrice: string, leadTimeDays: number, volume = 100000): Promise<{ id: string; version: number }> {
    const s = suppliers[key];
    return (await t.ok<{ submitQuote: { id: string; version: number } }>(SUBMIT, { input: { requirementId, siteId: s.site, unitPrice, volume, leadTimeDays, validUntil: daysFromNow(90) } }, s.org.token)).submitQuote;
  }

  /** Everything an award or a contract change could touch, to prove a refusal changed nothing. */
  async function state() {
    const [row] = await t.dataSource.query(`SELECT
      (SELECT count(*)::int FROM awards) AS awards,
      (SELECT count(*)::int FROM contracts) AS contracts,
      (SELECT count(*)::int FROM contract_amendments) AS amendments,
      (SELECT count(*)::int FROM audit_events) AS audit,
      (SELECT count(*)::int FROM outbox) AS outbox,
      (SELECT json_agg(json_build_object('id', id, 'status', status, 'version', version) ORDER BY id) FROM quotes) AS quotes,
      (SELECT json_agg(json_build_object('id', id, 'status', status, 'version', version) ORDER BY id) FROM requirements) AS requirements,
      (SELECT json_agg(json_build_object('id', id, 'status', status, 'version', version, 'total', total_value, 'volume', volume) ORDER BY id) FROM contracts) AS contract_rows`);
    return row;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '测试整车甲' });
    otherOem = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '测试整车乙' });
    delivery = await makeSite(t, oem.token, '330206', '北仑总装厂', { lat: 29.89, lon: 121.85 });
    await supplier('ningbo', '宁波测试供应商', '330212', { lat: 29.82, lon: 121.55 });
    await supplier('hangzhou', '杭州测试供应商', '330109', { lat: 30.16, lon: 120.26 });
    await supplier('suzhou', '苏州测试供应商', '320505', { lat: 31.3, lon: 120.57 });
    await supplier('chongqing', '重庆测试供应商', '500112', { lat: 29.72, lon: 106.63 });
    // This year so far: 6,000,000 bought locally (Ningbo), 4,000,000 from Suzhou: a 60 % rate.
    for (const [key, value, ref] of [['ningbo', '6000000.00', 'BASE-1'], ['suzhou', '4000000.00', 'BASE-2']] as const) {
      await t.ok(RECORD, {
        input: {
          buyerReference: ref, buyerSiteId: delivery, categoryCode: 'CHASSIS.BRAKE_BY_WIRE', totalValue: value, volume: 60000, signedDate: `${year}-01-01`,
          supplier: { creditCode: suppliers[key].org.creditCode, plant: { name: `${key} 工厂`, regionCode: key === 'ningbo' ? '330212' : '320505' } },
        },
      }, oem.token);
    }
  });
  afterAll(() => t.close());

  it('goes from requirement to completed contract', async () => {
    const requirementId = await newRequirement();

    // Invite: the buyer invites two suppliers; they see the invitation.
    const invited = (await t.ok<{ inviteSuppliers: any[] }>(INVITE, { input: { requirementId, supplierIds: [suppliers.ningbo.org.id, suppliers.suzhou.org.id], message: '请报价' } }, oem.token)).inviteSuppliers;
    expect(invited).toHaveLength(2);
    const again = (await t.ok<{ inviteSuppliers: any[] }>(INVITE, { input: { requirementId, supplierIds: [suppliers.ningbo.org.id] } }, oem.token)).inviteSuppliers;
    expect(again.map((i) => i.id)).toEqual([invited.find((i) => i.supplierId === suppliers.ningbo.org.id).id]);
    const inbox = (await t.ok<{ myQuoteInvitations: any }>(MY_INVITATIONS, {}, suppliers.ningbo.org.token)).myQuoteInvitations;
    expect(inbox.edges.map((e: any) => e.node)).toEqual([{ requirementId, message: '请报价', requirement: { title: '线控制动 EHB' } }]);

    // Quotes: two invited, one unprompted (Chongqing), one that is withdrawn (Hangzhou).
    const ningbo = await quote('ningbo', requirementId, '98.50', 30);
    const suzhou = await quote('suzhou', requirementId, '92.00', 45);
    const chongqing = await quote('chongqing', requirementId, '88.00', 60);
    const hangzhou = await quote('hangzhou', requirementId, '95.00', 20);
    await t.ok(WITHDRAW, { input: { id: hangzhou.id, version: hangzhou.version } }, suppliers.hangzhou.org.token);

    // Comparison: price against target, total, locality, score and the impact on a 60 % rate.
    const byPrice = (await t.ok<{ quoteComparison: any }>(COMPARE, { id: requirementId }, oem.token)).quoteComparison;
    expect(byPrice).toMatchObject({ targetUnitPrice: '100', localValueThisYear: '6000000', totalValueThisYear: '10000000' });
    expect(byPrice.rows.map((r: any) => r.quote.supplier.legalName)).toEqual(['重庆测试供应商', '苏州测试供应商', '宁波测试供应商']);
    const row = (name: string) => byPrice.rows.find((r: any) => r.quote.supplier.legalName === name);
    // Ningbo: 98.50 vs 100 → −1.50 (−1.5 %); 9,850,000 local → (6 + 9.85) / (10 + 9.85) = 79.8489 % → +19.8489 pp.
    expect(row('宁波测试供应商')).toMatchObject({ priceVsTarget: '-1.5', priceVsTargetPct: '-1.5', totalValue: '9850000', leadTimeDays: 30, tier: 'SAME_CITY', eligible: true, impactPp: '19.8489' });
    expect(Math.round(row('宁波测试供应商').distanceKm)).toBe(30);
    // Suzhou: 9,200,000 not local → 6 / 19.2 = 31.25 % → −28.75 pp.
    expect(row('苏州测试供应商')).toMatchObject({ priceVsTarget: '-8', priceVsTargetPct: '-8', totalValue: '9200000', tier: 'YRD_NEIGHBOUR', impactPp: '-28.75' });
    // Chongqing: 8,800,000 not local → 6 / 18.8 = 31.9149 % → −28.0851 pp.
    expect(row('重庆测试供应商')).toMatchObject({ tier: 'CHINA', impactPp: '-28.0851' });
    for (const r of byPrice.rows) expect(r.matchScore).toBeGreaterThan(0);
    expect(row('宁波测试供应商').matchScore).toBeGreaterThan(row('苏州测试供应商').matchScore);
    const sorted = async (sortBy: string, reverse = false) => (await t.ok<{ quoteComparison: any }>(COMPARE, { id: requirementId, sortBy, reverse }, oem.token)).quoteComparison.rows.map((r: any) => r.quote.supplier.legalName);
    expect(await sorted('LOCALITY')).toEqual(['宁波测试供应商', '苏州测试供应商', '重庆测试供应商']);
    expect(await sorted('IMPACT')).toEqual(['宁波测试供应商', '重庆测试供应商', '苏州测试供应商']);
    expect(await sorted('LEAD_TIME')).toEqual(['宁波测试供应商', '苏州测试供应商', '重庆测试供应商']);
    expect(await sorted('PRICE', true)).toEqual(['宁波测试供应商', '苏州测试供应商', '重庆测试供应商']);
    expect(await sorted('MATCH_SCORE')).toEqual(['宁波测试供应商', '苏州测试供应商', '重庆测试供应商']);

    // Award: split 60,000 to Ningbo and 40,000 to Suzhou.
    const key = randomUUID();
    const input = { requirementId, idempotencyKey: key, lines: [{ quoteId: ningbo.id, volume: 60000 }, { quoteId: suzhou.id, volume: 40000 }] };
    const awarded = (await t.ok<{ awardRequirement: any }>(AWARD, { input }, oem.token)).awardRequirement;
    expect(awarded.replayed).toBe(false);
    expect(awarded.contracts).toHaveLength(2);
    const ningboContract = awarded.contracts.find((c: any) => c.quoteId === ningbo.id);
    const suzhouContract = awarded.contracts.find((c: any) => c.quoteId === suzhou.id);
    expect(ningboContract).toMatchObject({
      source: 'AWARDED', status: 'SIGNED', version: 1, unitPrice: '98.5', volume: 60000, totalValue: '5910000', supplierOrganizationId: suppliers.ningbo.org.id,
      localitySnapshot: { buyerRegionCode: '330206', supplierRegionCode: '330212', supplierCountryCode: 'CN', sameCounty: false, sameCity: true, sameProvince: true },
    });
    expect(ningboContract.localitySnapshot.distanceKm).toBeCloseTo(29.96, 1);
    expect(suzhouContract).toMatchObject({ unitPrice: '92', volume: 40000, totalValue: '3680000', localitySnapshot: { supplierRegionCode: '320505', sameCity: false, sameProvince: false } });

    // In one transaction: requirement AWARDED, chosen quotes ACCEPTED, other live ones REJECTED, audit, outbox.
    const statuses = await t.dataSource.query(`SELECT id, status FROM quotes WHERE requirement_id = $1`, [requirementId]);
    expect(Object.fromEntries(statuses.map((q: any) => [q.id, q.status]))).toEqual({ [ningbo.id]: 'ACCEPTED', [suzhou.id]: 'ACCEPTED', [chongqing.id]: 'REJECTED', [hangzhou.id]: 'WITHDRAWN' });
    expect((await t.dataSource.query(`SELECT status FROM requirements WHERE id = $1`, [requirementId]))[0].status).toBe('AWARDED');
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = ANY($1) ORDER BY id`, [[awarded.awardId, ningboContract.id, suzhouContract.id, chongqing.id]]);
    expect(audit.map((a: any) => a.action).sort()).toEqual(['award.create', 'contract.create', 'contract.create', 'quote.rejected', 'quote.submit']);
    const outbox = await t.dataSource.query(`SELECT entity_type FROM outbox WHERE entity_id = ANY($1)`, [[ningboContract.id, suzhouContract.id, requirementId]]);
    expect(outbox.map((o: any) => o.entity_type).sort()).toEqual(['Contract', 'Contract', 'Requirement', 'Requirement', 'Requirement']);

    // Retry: same key, same input → the same contracts, nothing new.
    const retried = (await t.ok<{ awardRequirement: any }>(AWARD, { input: { ...input, lines: [...input.lines].reverse() } }, oem.token)).awardRequirement;
    expect(retried).toMatchObject({ replayed: true, awardId: awarded.awardId });
    expect(retried.contracts.map((c: any) => c.id)).toEqual(awarded.contracts.map((c: any) => c.id));
    // Same key, other input → CONFLICT; a new key on an awarded requirement → CONFLICT.
    const before = await state();
    const otherInput = await t.gql(AWARD, { input: { ...input, lines: [{ quoteId: ningbo.id, volume: 50000 }] } }, oem.token);
    expect(otherInput.errors?.[0].extensions.code).toBe('CONFLICT');
    const newKey = await t.gql(AWARD, { input: { ...input, idempotencyKey: randomUUID() } }, oem.token);
    expect(newKey.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await state()).toEqual(before);

    // The supplier sees its contract; the other party's split is not its business.
    const asSupplier = (await t.ok<{ contract: any }>(CONTRACT, { id: ningboContract.id }, suppliers.ningbo.org.token)).contract;
    // Its own quote, and the requirement it won, now AWARDED: a supplier that quoted on it (or
    // was invited, or holds a contract) reads it, by requirement(id) and through the contract alike.
    expect(asSupplier).toMatchObject({ requirement: { id: requirementId, status: 'AWARDED' }, quote: { id: ningbo.id, status: 'ACCEPTED' }, category: { code: 'CHASSIS.BRAKE_BY_WIRE' } });
    expect((await t.ok<{ requirement: { id: string } }>(`query($id: ID!) { requirement(id: $id) { id } }`, { id: requirementId }, suppliers.ningbo.org.token)).requirement).toEqual({ id: requirementId });
    expect((await t.ok<{ contract: any }>(CONTRACT, { id: ningboContract.id }, oem.token)).contract).toMatchObject({ requirement: { id: requirementId, status: 'AWARDED' }, quote: { id: ningbo.id, status: 'ACCEPTED' } });
    expect((await t.gql(CONTRACT, { id: suzhouContract.id }, suppliers.ningbo.org.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');

    // Contract: SIGNED → ACTIVE, amended (volume up, value follows), → COMPLETED.
    const active = (await t.ok<{ activateContract: any }>(ACTIVATE, { input: { id: ningboContract.id, version: 1 } }, oem.token)).activateContract;
    expect(active).toMatchObject({ status: 'ACTIVE', version: 2 });
    const amended = (await t.ok<{ amendContract: any }>(AMEND, { input: { id: ningboContract.id, version: 2, volume: 70000, reason: '增产 demand up' } }, oem.token)).amendContract;
    expect(amended).toMatchObject({ version: 3, volume: 70000, totalValue: '6895000', unitPrice: '98.5' });
    const repriced = (await t.ok<{ amendContract: any }>(AMEND, { input: { id: ningboContract.id, version: 3, unitPrice: '97.00', reason: '年降 annual price-down', effectiveDate: daysFromNow(30) } }, oem.token)).amendContract;
    expect(repriced).toMatchObject({ version: 4, totalValue: '6790000', unitPrice: '97' });
    const completed = (await t.ok<{ completeContract: any }>(COMPLETE, { input: { id: ningboContract.id, version: 4 } }, oem.token)).completeContract;
    expect(completed).toMatchObject({ status: 'COMPLETED', version: 5 });
    const history = (await t.ok<{ contract: any }>(CONTRACT, { id: ningboContract.id }, oem.token)).contract.amendments;
    expect(history).toEqual([
      { sequence: 1, reason: '增产 demand up', effectiveDate: expect.any(String), before: { volume: 60000, totalValue: '5910000', unitPrice: null }, after: { volume: 70000, totalValue: '6895000', unitPrice: null } },
      { sequence: 2, reason: '年降 annual price-down', effectiveDate: daysFromNow(30), before: { volume: null, totalValue: '6895000', unitPrice: '98.5' }, after: { volume: null, totalValue: '6790000', unitPrice: '97' } },
    ]);
    const contractAudit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [ningboContract.id]);
    expect(contractAudit.map((a: any) => a.action)).toEqual(['contract.create', 'contract.active', 'contract.amend', 'contract.amend', 'contract.completed']);

    // Termination of the other contract, with the value delivered.
    const terminated = (await t.ok<{ terminateContract: any }>(TERMINATE, { input: { id: suzhouContract.id, version: 1, reason: '质量问题 quality', deliveredValue: '500000.00' } }, oem.token)).terminateContract;
    expect(terminated).toMatchObject({ status: 'TERMINATED', deliveredValue: '500000', terminationReason: '质量问题 quality' });
  });

  it('keeps the locality snapshot when a plant moves later', async () => {
    const requirementId = await newRequirement();
    const q = await quote('ningbo', requirementId, '99.00', 30);
    const contract = (await t.ok<{ awardRequirement: any }>(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: q.id }] } }, oem.token)).awardRequirement.contracts[0];
    expect(contract).toMatchObject({ volume: 100000, totalValue: '9900000', localitySnapshot: { supplierRegionCode: '330212', sameCity: true } });
    // The supplier moves its plant to Hangzhou (西湖区).
    const [site] = await t.dataSource.query(`SELECT version FROM sites WHERE id = $1`, [suppliers.ningbo.site]);
    const moved = (await t.ok<{ updateSite: any }>(UPDATE_SITE, { input: { id: suppliers.ningbo.site, version: site.version, regionCode: '330106' } }, suppliers.ningbo.org.token)).updateSite;
    expect(moved.regionCode).toBe('330106');
    const after = (await t.ok<{ contract: any }>(CONTRACT, { id: contract.id }, oem.token)).contract;
    expect(after.supplierSite.regionCode).toBe('330106');
    expect(after.localitySnapshot).toEqual({ supplierRegionCode: '330212', sameCity: true, sameProvince: true, distanceKm: contract.localitySnapshot.distanceKm });
    const [row] = await t.dataSource.query(`SELECT supplier_region_code, same_city, distance_km FROM contracts WHERE id = $1`, [contract.id]);
    expect(row).toEqual({ supplier_region_code: '330212', same_city: true, distance_km: contract.localitySnapshot.distanceKm });
    await t.ok(UPDATE_SITE, { input: { id: suppliers.ningbo.site, version: moved.version, regionCode: '330212', lat: 29.82, lon: 121.55 } }, suppliers.ningbo.org.token);
  });

  describe('refusals change nothing', () => {
    let requirementId: string;
    let ningbo: { id: string; version: number };
    let withdrawn: { id: string; version: number };

    beforeAll(async () => {
      requirementId = await newRequirement();
      ningbo = await quote('ningbo', requirementId, '98.00', 30);
      withdrawn = await quote('suzhou', requirementId, '91.00', 30);
      withdrawn = (await t.ok<{ withdrawQuote: any }>(WITHDRAW, { input: { id: withdrawn.id, version: withdrawn.version } }, suppliers.suzhou.org.token)).withdrawQuote;
    });

    it('award by a non-owner: FORBIDDEN', async () => {
      const before = await state();
      const result = await t.gql(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: ningbo.id }] } }, otherOem.token);
      expect(result.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const asSupplier = await t.gql(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: ningbo.id }] } }, suppliers.ningbo.org.token);
      expect(asSupplier.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(await state()).toEqual(before);
    });

    it('award of a withdrawn quote: CONFLICT', async () => {
      const before = await state();
      const result = await t.gql(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: ningbo.id, volume: 50000 }, { quoteId: withdrawn.id, volume: 50000 }] } }, oem.token);
      expect(result.errors?.[0].extensions.code).toBe('CONFLICT');
      expect(result.errors?.[0].message).toMatch(/WITHDRAWN/);
      expect(await state()).toEqual(before);
    });

    it('award that over-splits, names a foreign quote or no key: BAD_USER_INPUT', async () => {
      const before = await state();
      const tooMuch = await t.gql(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: ningbo.id, volume: 100001 }] } }, oem.token);
      expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.lines.0.volume' }] });
      const foreign = await t.gql(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: randomUUID() }] } }, oem.token);
      expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.lines.0.quoteId' }] });
      const noKey = await t.gql(AWARD, { input: { requirementId, idempotencyKey: 'x', lines: [{ quoteId: ningbo.id }] } }, oem.token);
      expect(noKey.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(await state()).toEqual(before);
    });

    it('illegal contract status change, stale version, and changes by others: CONFLICT / FORBIDDEN', async () => {
      const contract = (await t.ok<{ awardRequirement: any }>(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: ningbo.id }] } }, oem.token)).awardRequirement.contracts[0];
      const before = await state();
      const illegal = await t.gql(COMPLETE, { input: { id: contract.id, version: 1 } }, oem.token);
      expect(illegal.errors?.[0].extensions.code).toBe('CONFLICT');
      await t.ok(ACTIVATE, { input: { id: contract.id, version: 1 } }, oem.token);
      const afterActivation = await state();
      expect(afterActivation.contracts).toBe(before.contracts);
      const staleActivate = await t.gql(ACTIVATE, { input: { id: contract.id, version: 1 } }, oem.token);
      expect(staleActivate.errors?.[0].extensions.code).toBe('CONFLICT');
      const staleAmend = await t.gql(AMEND, { input: { id: contract.id, version: 1, volume: 90000, reason: 'stale' } }, oem.token);
      expect(staleAmend.errors?.[0].extensions.code).toBe('CONFLICT');
      expect(staleAmend.errors?.[0].message).toMatch(/version 1/);
      const staleComplete = await t.gql(COMPLETE, { input: { id: contract.id, version: 1 } }, oem.token);
      expect(staleComplete.errors?.[0].extensions.code).toBe('CONFLICT');
      const bySupplier = await t.gql(AMEND, { input: { id: contract.id, version: 2, volume: 90000, reason: 'not mine' } }, suppliers.ningbo.org.token);
      expect(bySupplier.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const byStranger = await t.gql(TERMINATE, { input: { id: contract.id, version: 2, reason: 'x' } }, otherOem.token);
      expect(byStranger.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const nothing = await t.gql(AMEND, { input: { id: contract.id, version: 2, volume: 100000, reason: 'same' } }, oem.token);
      expect(nothing.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const tooMuchDelivered = await t.gql(TERMINATE, { input: { id: contract.id, version: 2, reason: 'x', deliveredValue: '99999999.00' } }, oem.token);
      expect(tooMuchDelivered.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.deliveredValue' }] });
      expect(await state()).toEqual(afterActivation);
      // And after completion nothing moves any more.
      await t.ok(COMPLETE, { input: { id: contract.id, version: 2 } }, oem.token);
      const done = await state();
      for (const [query, input] of [[ACTIVATE, { id: contract.id, version: 3 }], [TERMINATE, { id: contract.id, version: 3, reason: 'late' }], [AMEND, { id: contract.id, version: 3, volume: 1, reason: 'late' }]] as const) {
        expect((await t.gql(query, { input }, oem.token)).errors?.[0].extensions.code).toBe('CONFLICT');
      }
      expect(await state()).toEqual(done);
    });
  });
});
