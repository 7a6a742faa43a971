import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, daysFromNow, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

/**
 * The qualification gates (README, "Quotes, awards and contracts"): a supplier quotes only when
 * invited or qualified (matching's rule, src/matching/qualification.ts, on the SOP date, with the
 * plant it quotes from); an invited supplier that fails the hard filters may quote, flagged; an
 * ineligible quote is awarded only with an override and its reason, kept on the contract, in the
 * audit log, and shown to the bureau. Every refusal changes nothing.
 *
 * The requirement (the factories' default): CHASSIS.BRAKE_BY_WIRE, IATF 16949 and ISO 26262 ASIL D,
 * delivered in Beilun (Ningbo).
 */
const SUBMIT = `mutation($input: SubmitQuoteInput!) { submitQuote(input: $input) { id status eligible qualificationFailures { filter reason } } }`;
const REVISE = `mutation($input: ReviseQuoteInput!) { reviseQuote(input: $input) { id version eligible qualificationFailures { filter reason } } }`;
const INVITE = `mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`;
const COMPARE = `query($id: ID!) { quoteComparison(requirementId: $id) { rows { quote { id supplierId } eligible invited failures { filter reason } } } }`;
const AWARD = `mutation($input: AwardRequirementInput!) { awardRequirement(input: $input) { awardId replayed contracts {
  id quoteId supplierOrganizationId qualificationOverride { reason overriddenAt failures { filter reason } } } } }`;
const CONTRACT = `query($id: ID!) { contract(id: $id) { id qualificationOverride { reason overriddenAt failures { filter reason } } } }`;
const SOURCING_CONTRACTS = `query($region: String!, $period: PeriodInput!) { sourcingContracts(region: $region, period: $period, first: 100) {
  edges { node { id qualificationOverride { reason failures { filter reason } } } } } }`;

const SOP = daysFromNow(400);
const DAY_BEFORE_SOP = daysFromNow(399);
const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

interface Supplier {
  org: MadeOrganization;
  /** A plant producing its capability. */
  plant: string;
  /** A plant of its own that makes nothing. */
  idlePlant: string;
}

describe('qualification gates on quotes and awards', () => {
  let t: TestApp;
  let admin: { token: string };
  let oem: MadeOrganization;
  let bureau: MadeOrganization;
  let delivery: string;

  /** Everything a quote, an award or an override could touch. */
  async function state() {
    const [row] = await t.dataSource.query(`SELECT
      (SELECT count(*)::int FROM quotes) AS quotes,
      (SELECT count(*)::int FROM quote_revisions) AS revisions,
      (SELECT json_agg(json_build_object('id', id, 'status', status, 'version', version, 'site', site_id, 'failures', qualification_failures) ORDER BY id) FROM quotes) AS quote_rows,
      (SELECT count(*)::int FROM awards) AS awards,
      (SELECT count(*)::int FROM contracts) AS contracts,
      (SELECT count(*)::int FROM audit_events) AS audit,
      (SELECT count(*)::int FROM outbox) AS outbox,
      (SELECT json_agg(json_build_object('id', id, 'status', status, 'version', version) ORDER BY id) FROM requirements) AS requirements`);
    return row;
  }

  /** A supplier with a plant near Ningbo producing `category` (brake-by-wire by default), IATF 16949, and ISO 26262 as given (ASIL D by default; null: none). */
  async function supplier(name: string, profile: { category?: string; iso26262?: { level: string; validUntil: string } | null }): Promise<Supplier> {
    const org = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: name });
    const plant = await makeSite(t, org.token, '330212', `${name} 工厂`, { lat: 29.82, lon: 121.55 });
    const idlePlant = await makeSite(t, org.token, '330212', `${name} 仓库`, { lat: 29.83, lon: 121.56 });
    await makeCapability(t, org.token, { categoryCode: profile.category ?? 'CHASSIS.BRAKE_BY_WIRE', description: '线控制动 EHB', annualCapacity: 150000, siteIds: [plant] });
    await addCertification(t, org.token, { typeCode: 'IATF_16949', validFrom: '2024-01-01', validUntil: daysFromNow(2000) });
    const iso = profile.iso26262 === undefined ? { level: 'D', validUntil: daysFromNow(2000) } : profile.iso26262;
    if (iso) await addCertification(t, org.token, { typeCode: 'ISO_26262', level: iso.level, validFrom: '2024-01-01', validUntil: iso.validUntil });
    return { org, plant, idlePlant };
  }

  function newRequirement(): Promise<string> {
    return makeRequirement(t, oem.token, delivery, { sopDate: SOP, specs: [] }).then((r) => r.id);
  }

  const quoteInput = (requirementId: string, siteId: string) => ({ requirementId, siteId, unitPrice: '1800.00', volume: 50000, leadTimeDays: 40, validUntil: daysFromNow(90) });

  async function invite(requirementId: string, ...suppliers: Supplier[]) {
    await t.ok(INVITE, { input: { requirementId, supplierIds: suppliers.map((s) => s.org.id) } }, oem.token);
  }

  let qualified: Supplier;
  let validToSop: Supplier;
  /** One per failure kind, with a piece of the reason the rule gives. */
  const failing: { kind: string; filter: string; reason: string; make: () => Promise<Supplier>; who?: Supplier; plant?: (s: Supplier) => string }[] = [
    { kind: 'no capability in the category', filter: 'CATEGORY', reason: 'no capability in CHASSIS.BRAKE_BY_WIRE', make: () => supplier('座舱域控供应商', { category: 'COCKPIT.DOMAIN_CONTROLLER' }) },
    { kind: 'ISO 26262 ASIL B where D is required', filter: 'CERTIFICATION', reason: 'ASIL B held, ASIL D required', make: () => supplier('ASIL B 供应商', { iso26262: { level: 'B', validUntil: daysFromNow(2000) } }) },
    { kind: 'ISO 26262 D expired the day before SOP', filter: 'CERTIFICATION', reason: `expired ${DAY_BEFORE_SOP}, before SOP ${SOP}`, make: () => supplier('证书过期供应商', { iso26262: { level: 'D', validUntil: DAY_BEFORE_SOP } }) },
    { kind: 'ISO 26262 not held', filter: 'CERTIFICATION', reason: 'ISO 26262 (GB/T 34590) not held', make: () => supplier('无功能安全证书供应商', { iso26262: null }) },
    { kind: 'a qualified supplier quoting from a plant that makes nothing in the category', filter: 'CATEGORY', reason: 'the quoting plant makes nothing in CHASSIS.BRAKE_BY_WIRE', make: () => supplier('仓库报价供应商', {}), plant: (s) => s.idlePlant },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '门槛测试整车' });
    bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
    delivery = await makeSite(t, oem.token, '330206', '北仑总装厂', { lat: 29.89, lon: 121.85 });
    qualified = await supplier('合格供应商', {});
    validToSop = await supplier('证书到 SOP 当日供应商', { iso26262: { level: 'D', validUntil: SOP } });
    for (const f of failing) f.who = await f.make();
  });
  afterAll(() => t.close());

  it('lets a qualified supplier quote uninvited, including with a certificate valid until the SOP day itself', async () => {
    const requirementId = await newRequirement();
    for (const s of [qualified, validToSop]) {
      const quote = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: quoteInput(requirementId, s.plant) }, s.org.token)).submitQuote;
      expect(quote).toMatchObject({ status: 'SUBMITTED', eligible: true, qualificationFailures: [] });
    }
  });

  it.each(failing.map((f) => [f.kind, f] as const))('refuses an uninvited supplier failing a hard filter (%s), naming why, and changes nothing', async (_kind, f) => {
    const s = f.who as Supplier;
    const requirementId = await newRequirement();
    const before = await state();
    const refused = await t.gql(SUBMIT, { input: quoteInput(requirementId, f.plant ? f.plant(s) : s.plant) }, s.org.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain('Not invited to quote on this requirement and not qualified for it');
    expect(refused.errors?.[0].message).toContain(`${f.filter}: `);
    expect(refused.errors?.[0].message).toContain(f.reason);
    expect(refused.data).toBeNull();
    expect(await state()).toEqual(before);
  });

  it.each(failing.map((f) => [f.kind, f] as const))('lets an invited supplier failing a hard filter (%s) quote, flagged with the failure', async (_kind, f) => {
    const s = f.who as Supplier;
    const requirementId = await newRequirement();
    await invite(requirementId, s);
    const quote = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: quoteInput(requirementId, f.plant ? f.plant(s) : s.plant) }, s.org.token)).submitQuote;
    expect(quote.eligible).toBe(false);
    expect(quote.qualificationFailures).toContainEqual({ filter: f.filter, reason: expect.stringContaining(f.reason) });
    const rows = (await t.ok<{ quoteComparison: any }>(COMPARE, { id: requirementId }, oem.token)).quoteComparison.rows;
    expect(rows).toEqual([{ quote: { id: quote.id, supplierId: s.org.id }, eligible: false, invited: true, failures: quote.qualificationFailures }]);
  });

  it('gates a revision too: an uninvited supplier cannot move its quote to a plant that makes nothing in the category', async () => {
    const requirementId = await newRequirement();
    const quote = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: quoteInput(requirementId, qualified.plant) }, qualified.org.token)).submitQuote;
    const before = await state();
    const refused = await t.gql(REVISE, { input: { id: quote.id, version: 1, siteId: qualified.idlePlant } }, qualified.org.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain('the quoting plant makes nothing in CHASSIS.BRAKE_BY_WIRE');
    expect(await state()).toEqual(before);
    // invited, the same move is allowed and flagged; moving back clears the flag
    await invite(requirementId, qualified);
    const moved = (await t.ok<{ reviseQuote: any }>(REVISE, { input: { id: quote.id, version: 1, siteId: qualified.idlePlant } }, qualified.org.token)).reviseQuote;
    expect(moved).toMatchObject({ eligible: false, qualificationFailures: [{ filter: 'CATEGORY', reason: 'the quoting plant makes nothing in CHASSIS.BRAKE_BY_WIRE' }] });
    const back = (await t.ok<{ reviseQuote: any }>(REVISE, { input: { id: quote.id, version: moved.version, siteId: qualified.plant } }, qualified.org.token)).reviseQuote;
    expect(back).toMatchObject({ eligible: true, qualificationFailures: [] });
  });

  describe('award', () => {
    let requirementId: string;
    let ineligible: { quoteId: string; supplier: Supplier; filter: string; reason: string }[];
    let eligibleQuoteId: string;

    beforeAll(async () => {
      requirementId = await newRequirement();
      const invited = failing.map((f) => f.who as Supplier);
      await invite(requirementId, ...invited);
      ineligible = [];
      for (const f of failing) {
        const s = f.who as Supplier;
        const q = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: { ...quoteInput(requirementId, f.plant ? f.plant(s) : s.plant), volume: 10000 } }, s.org.token)).submitQuote;
        ineligible.push({ quoteId: q.id, supplier: s, filter: f.filter, reason: f.reason });
      }
      eligibleQuoteId = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: { ...quoteInput(requirementId, qualified.plant), volume: 10000 } }, qualified.org.token)).submitQuote.id;
    });

    it('refuses every ineligible quote without an override, naming the line and the failures, and changes nothing', async () => {
      for (const q of ineligible) {
        const before = await state();
        const lines = [{ quoteId: eligibleQuoteId }, { quoteId: q.quoteId }];
        const refused = await t.gql(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines } }, oem.token);
        expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.lines.1.overrideIneligible', message: expect.stringContaining(q.reason) }] });
        expect(await state()).toEqual(before);
      }
    });

    it('refuses an override on an eligible quote (nothing to override), and changes nothing', async () => {
      const before = await state();
      const refused = await t.gql(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: eligibleQuoteId, overrideIneligible: { reason: '以防万一' } }] } }, oem.token);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.lines.0.overrideIneligible', message: expect.stringContaining('nothing to override') }] });
      const blank = await t.gql(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: ineligible[0].quoteId, overrideIneligible: { reason: '   ' } }] } }, oem.token);
      expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(await state()).toEqual(before);
    });

    it('awards ineligible quotes with an override: the reason and failures on the contract, in the audit log, and shown to the bureau', async () => {
      const reason = '唯一能在 SOP 前交付的供应商;ASIL D 认证审核中,预计下季度取得';
      const lines = [{ quoteId: eligibleQuoteId }, ...ineligible.map((q) => ({ quoteId: q.quoteId, overrideIneligible: { reason: `${reason} (${q.supplier.org.id.slice(0, 8)})` } }))];
      const input = { requirementId, idempotencyKey: randomUUID(), lines };
      const contractsBefore = (await state()).contracts;
      const result = (await t.ok<{ awardRequirement: any }>(AWARD, { input }, oem.token)).awardRequirement;
      expect(result.replayed).toBe(false);
      expect(result.contracts).toHaveLength(lines.length);
      expect((await state()).contracts).toBe(contractsBefore + lines.length);

      const byQuote = new Map<string, any>(result.contracts.map((c: any) => [c.quoteId, c]));
      expect(byQuote.get(eligibleQuoteId).qualificationOverride).toBeNull();
      for (const q of ineligible) {
        const contract = byQuote.get(q.quoteId);
        const expectedReason = `${reason} (${q.supplier.org.id.slice(0, 8)})`;
        expect(contract.qualificationOverride).toEqual({ reason: expectedReason, overriddenAt: expect.any(String), failures: expect.arrayContaining([{ filter: q.filter, reason: expect.stringContaining(q.reason) }]) });

        // the audit log: one override event per overridden contract, with the reason and the failures
        const events = await t.dataSource.query(`SELECT action, after FROM audit_events WHERE entity_type = 'Contract' AND entity_id = $1 AND action = 'contract.qualification_override'`, [contract.id]);
        expect(events).toHaveLength(1);
        expect(events[0].after).toMatchObject({ reason: expectedReason, quoteId: q.quoteId, failures: contract.qualificationOverride.failures });

        // the bureau whose jurisdiction holds the buyer plant reads it on the contract
        const read = (await t.ok<{ contract: any }>(CONTRACT, { id: contract.id }, bureau.token)).contract;
        expect(read.qualificationOverride).toEqual(contract.qualificationOverride);
      }
      const auditEvents = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'contract.qualification_override' AND entity_id = ANY($1::text[])`, [result.contracts.map((c: any) => c.id)]);
      expect(auditEvents[0].n).toBe(ineligible.length);

      // the bureau's drill-down and its CSV
      const nodes = (await t.ok<{ sourcingContracts: any }>(SOURCING_CONTRACTS, { region: '330200', period: { startYear: year } }, bureau.token)).sourcingContracts.edges.map((e: any) => e.node);
      const drilled = new Map<string, any>(nodes.map((n: any) => [n.id, n]));
      for (const c of result.contracts) {
        expect(drilled.get(c.id)?.qualificationOverride?.reason ?? null).toBe(c.qualificationOverride?.reason ?? null);
      }
      const response = await fetch(`${t.url.replace('/graphql', '')}/exports/sourcing/contracts.csv?region=330200&startYear=${year}`, { headers: { authorization: `Bearer ${bureau.token}` } });
      expect(response.status).toBe(200);
      const csv = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(csv[0]).toContain('资格豁免理由 Qualification override reason');
      for (const q of ineligible) {
        const row = csv.find((line) => line.startsWith(byQuote.get(q.quoteId).id));
        expect(row).toContain(`${reason} (${q.supplier.org.id.slice(0, 8)})`);
      }

      // idempotent: the same key and input replays; the same key with another reason is CONFLICT
      const before = await state();
      const again = (await t.ok<{ awardRequirement: any }>(AWARD, { input }, oem.token)).awardRequirement;
      expect(again).toMatchObject({ awardId: result.awardId, replayed: true });
      expect(again.contracts.map((c: any) => c.qualificationOverride)).toEqual(result.contracts.map((c: any) => c.qualificationOverride));
      const otherReason = { ...input, lines: lines.map((l, i) => (i === 1 ? { ...l, overrideIneligible: { reason: '另一个理由' } } : l)) };
      expect((await t.gql(AWARD, { input: otherReason }, oem.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(await state()).toEqual(before);
    });
  });
});
