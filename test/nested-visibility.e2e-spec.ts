import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, daysFromNow, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

/**
 * A nested field obeys the same visibility rule as the root query for its object: what
 * `quote(id)` or `requirement(id)` refuses a caller, no path through another object gives it.
 * One case per nested field that crosses to an object with a rule of its own:
 *   Contract.quote, Contract.requirement, Quote.requirement, QuoteInvitation.requirement,
 *   Opportunity.requirement.
 * A refused nested object is null (the fields are nullable), as the root query's NOT_FOUND
 * says nothing of its existence either. The other crossings (organisations, plants, regions,
 * categories, supplier profiles) lead to public profiles that `organization(id)`,
 * `regions` and `partCategories` serve to every role; the last case checks they stay readable.
 */
const QUOTE = `query($id: ID!) { quote(id: $id) { id note } }`;
const REQUIREMENT = `query($id: ID!) { requirement(id: $id) { id } }`;
const CONTRACT_QUOTE = `query($id: ID!) { contract(id: $id) { id quote { id note unitPrice revisions { unitPrice } requirement { id } } } }`;
const CONTRACT_REQUIREMENT = `query($id: ID!) { contract(id: $id) { id requirement { id title targetUnitPrice status } } }`;
const CONTRACT_LIST = `{ contracts(first: 50) { edges { node { id quote { id note unitPrice } requirement { id targetUnitPrice } } } } }`;
const MY_QUOTES = `{ myQuotes(first: 20) { edges { node { id requirementId requirement { id title targetUnitPrice } } } } }`;
const MY_INVITATIONS = `{ myQuoteInvitations(first: 20) { edges { node { requirementId requirement { id targetUnitPrice } } } } }`;
const OPPORTUNITIES = `{ opportunitiesForSupplier(first: 50) { edges { node { requirementId requirement { id status } } } } }`;
const SUBMIT = `mutation($input: SubmitQuoteInput!) { submitQuote(input: $input) { id } }`;
const INVITE = `mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`;
const AWARD = `mutation($input: AwardRequirementInput!) { awardRequirement(input: $input) { contracts { id quoteId } } }`;
const CANCEL = `mutation($input: StatusChangeInput!) { cancelRequirement(input: $input) { id status } }`;

const WINNER_NOTE = '底价 floor price: confidential';

describe('nested fields obey the root query\'s visibility rule', () => {
  let t: TestApp;
  let admin: { token: string };
  let oem: MadeOrganization;
  let winner: { org: MadeOrganization; site: string };
  let competitor: { org: MadeOrganization; site: string };
  let bureau: MadeOrganization;
  let delivery: string;
  let awardedRequirement: string;
  let winnerQuote: string;
  let competitorQuote: string;
  let contractId: string;

  async function supplier(name: string, regionCode: string): Promise<{ org: MadeOrganization; site: string }> {
    const org = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: name });
    const site = await makeSite(t, org.token, regionCode, `${name} 工厂`);
    await makeCapability(t, org.token, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'EHB one-box 线控制动', annualCapacity: 150000, siteIds: [site] });
    await addCertification(t, org.token, { typeCode: 'IATF_16949', validFrom: '2024-01-01', validUntil: daysFromNow(2000) });
    return { org, site };
  }

  function newRequirement(publish = true) {
    return makeRequirement(t, oem.token, delivery, { title: '线控制动 EHB', specs: [], annualVolume: 100000, targetUnitPrice: '100.00', requiredCertifications: [{ typeCode: 'IATF_16949' }] }, publish);
  }

  async function submit(who: { org: MadeOrganization; site: string }, requirementId: string, unitPrice: string, note = ''): Promise<string> {
    const input = { requirementId, siteId: who.site, unitPrice, volume: 100000, leadTimeDays: 30, validUntil: daysFromNow(90), note };
    return (await t.ok<{ submitQuote: { id: string } }>(SUBMIT, { input }, who.org.token)).submitQuote.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '可见性整车' });
    delivery = await makeSite(t, oem.token, '330206', '北仑总装厂');
    winner = await supplier('宁波中标供应商', '330212');
    competitor = await supplier('杭州竞标供应商', '330109');
    bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });

    // One requirement, two invited suppliers quote, the buyer awards the Ningbo one.
    awardedRequirement = (await newRequirement()).id;
    await t.ok(INVITE, { input: { requirementId: awardedRequirement, supplierIds: [winner.org.id, competitor.org.id], message: '请报价' } }, oem.token);
    winnerQuote = await submit(winner, awardedRequirement, '98.50', WINNER_NOTE);
    competitorQuote = await submit(competitor, awardedRequirement, '97.00');
    const award = await t.ok<{ awardRequirement: { contracts: { id: string; quoteId: string }[] } }>(AWARD, { input: { requirementId: awardedRequirement, idempotencyKey: randomUUID(), lines: [{ quoteId: winnerQuote }] } }, oem.token);
    contractId = award.awardRequirement.contracts[0].id;
  });
  afterAll(() => t.close());

  it('Contract.quote: a bureau analyst refused quote(id) does not read the quote through the contract', async () => {
    // The root queries: the contract is in the bureau's jurisdiction, the quote is not its business.
    expect((await t.ok<{ contract: { id: string } }>(`query($id: ID!) { contract(id: $id) { id } }`, { id: contractId }, bureau.token)).contract.id).toBe(contractId);
    expect((await t.gql(QUOTE, { id: winnerQuote }, bureau.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    const nested = await t.gql<{ contract: { quote: unknown } }>(CONTRACT_QUOTE, { id: contractId }, bureau.token);
    expect(nested.errors).toBeUndefined();
    expect(nested.data?.contract).toEqual({ id: contractId, quote: null });
    const listed = await t.ok<{ contracts: { edges: { node: { id: string; quote: unknown } }[] } }>(CONTRACT_LIST, {}, bureau.token);
    expect(listed.contracts.edges.map((e) => e.node)).toContainEqual({ id: contractId, quote: null, requirement: null });
    expect(JSON.stringify(listed)).not.toContain(WINNER_NOTE);

    // The parties still read it: the winning supplier its own quote, the buyer the quote on its requirement.
    const asWinner = (await t.ok<{ contract: { quote: { id: string; note: string; revisions: unknown[] } } }>(CONTRACT_QUOTE, { id: contractId }, winner.org.token)).contract.quote;
    expect(asWinner).toMatchObject({ id: winnerQuote, note: WINNER_NOTE, unitPrice: '98.5', revisions: [{ unitPrice: '98.5' }] });
    const asBuyer = (await t.ok<{ contract: { quote: { id: string; requirement: { id: string } } } }>(CONTRACT_QUOTE, { id: contractId }, oem.token)).contract.quote;
    expect(asBuyer).toMatchObject({ id: winnerQuote, note: WINNER_NOTE, requirement: { id: awardedRequirement } });
  });

  it('Contract.requirement: the supplier party reads the AWARDED requirement it won, the bureau does not — by requirement(id) and the contract alike', async () => {
    expect((await t.gql(REQUIREMENT, { id: awardedRequirement }, bureau.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const nested = await t.gql<{ contract: { requirement: unknown } }>(CONTRACT_REQUIREMENT, { id: contractId }, bureau.token);
    expect(nested.errors).toBeUndefined();
    expect(nested.data?.contract).toEqual({ id: contractId, requirement: null });

    expect((await t.ok<{ requirement: { id: string } }>(REQUIREMENT, { id: awardedRequirement }, winner.org.token)).requirement).toEqual({ id: awardedRequirement });
    const asWinner = (await t.ok<{ contract: { requirement: { id: string; status: string } } }>(CONTRACT_REQUIREMENT, { id: contractId }, winner.org.token)).contract.requirement;
    expect(asWinner).toMatchObject({ id: awardedRequirement, status: 'AWARDED', targetUnitPrice: '100' });
    const asBuyer = (await t.ok<{ contract: { requirement: { id: string; status: string } } }>(CONTRACT_REQUIREMENT, { id: contractId }, oem.token)).contract.requirement;
    expect(asBuyer).toMatchObject({ id: awardedRequirement, status: 'AWARDED', targetUnitPrice: '100' });
  });

  it('Quote.requirement: a competing supplier reads the requirement it quoted on (it is involved), never the winner\'s quote', async () => {
    expect((await t.ok<{ requirement: { id: string } }>(REQUIREMENT, { id: awardedRequirement }, competitor.org.token)).requirement).toEqual({ id: awardedRequirement });
    const own = await t.gql<{ quote: { requirement: unknown } }>(`query($id: ID!) { quote(id: $id) { id requirement { id targetUnitPrice } } }`, { id: competitorQuote }, competitor.org.token);
    expect(own.errors).toBeUndefined();
    expect(own.data?.quote).toEqual({ id: competitorQuote, requirement: { id: awardedRequirement, targetUnitPrice: '100' } });
    const listed = await t.ok<{ myQuotes: { edges: { node: { id: string; requirement: unknown } }[] } }>(MY_QUOTES, {}, competitor.org.token);
    expect(listed.myQuotes.edges.map((e) => e.node)).toEqual([{ id: competitorQuote, requirementId: awardedRequirement, requirement: { id: awardedRequirement, title: '线控制动 EHB', targetUnitPrice: '100' } }]);
    // …but not the winner's quote, by any path: quote(id) refuses, the contract is not its own.
    expect((await t.gql(QUOTE, { id: winnerQuote }, competitor.org.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(CONTRACT_QUOTE, { id: contractId }, competitor.org.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(JSON.stringify(listed)).not.toContain(WINNER_NOTE);
    // The buyer reads the requirement through the same quote.
    const asBuyer = await t.ok<{ quote: { requirement: { id: string } } }>(`query($id: ID!) { quote(id: $id) { requirement { id } } }`, { id: competitorQuote }, oem.token);
    expect(asBuyer.quote.requirement).toEqual({ id: awardedRequirement });
  });

  it('an uninvolved supplier reads an awarded requirement by no path', async () => {
    const outsider = await supplier('未参与供应商', '330212');
    expect((await t.gql(REQUIREMENT, { id: awardedRequirement }, outsider.org.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(CONTRACT_REQUIREMENT, { id: contractId }, outsider.org.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('QuoteInvitation.requirement: an invited supplier reads the requirement while it is OPEN and after it is cancelled; an uninvited one only while OPEN', async () => {
    const { id, version } = await newRequirement();
    await t.ok(INVITE, { input: { requirementId: id, supplierIds: [competitor.org.id], message: '请报价' } }, oem.token);
    const invitationsOf = async () => (await t.ok<{ myQuoteInvitations: { edges: { node: { requirementId: string; requirement: unknown } }[] } }>(MY_INVITATIONS, {}, competitor.org.token)).myQuoteInvitations.edges.map((e) => e.node);
    expect((await invitationsOf()).find((n) => n.requirementId === id)).toEqual({ requirementId: id, requirement: { id, targetUnitPrice: '100' } });
    const outsider = await supplier('未受邀供应商', '330212');
    expect((await t.ok<{ requirement: { id: string } }>(REQUIREMENT, { id }, outsider.org.token)).requirement).toEqual({ id });

    await t.ok(CANCEL, { input: { id, version } }, oem.token);
    expect((await t.ok<{ requirement: { id: string } }>(REQUIREMENT, { id }, competitor.org.token)).requirement).toEqual({ id });
    const after = await invitationsOf();
    expect(after.find((n) => n.requirementId === id)).toEqual({ requirementId: id, requirement: { id, targetUnitPrice: '100' } });
    expect(after.find((n) => n.requirementId === awardedRequirement)).toEqual({ requirementId: awardedRequirement, requirement: { id: awardedRequirement, targetUnitPrice: '100' } });
    expect((await t.gql(REQUIREMENT, { id }, outsider.org.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('Quote.requirement and QuoteInvitation.requirement: a DRAFT requirement stays its buyer\'s through every path', async () => {
    // No operation moves a requirement back to DRAFT, and none lets another organisation quote
    // on or be invited to a draft; the status is set directly here to show that the rule of
    // requirement(id), not the order of events, keeps a draft to its buyer.
    const { id } = await newRequirement();
    await t.ok(INVITE, { input: { requirementId: id, supplierIds: [winner.org.id], message: '请报价' } }, oem.token);
    const quoteId = await submit(winner, id, '99.00');
    await t.dataSource.query(`UPDATE requirements SET status = 'DRAFT' WHERE id = $1`, [id]);

    expect((await t.gql(REQUIREMENT, { id }, winner.org.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.ok<{ quote: unknown }>(`query($id: ID!) { quote(id: $id) { id requirement { id } } }`, { id: quoteId }, winner.org.token)).quote).toEqual({ id: quoteId, requirement: null });
    const invitations = (await t.ok<{ myQuoteInvitations: { edges: { node: { requirementId: string } }[] } }>(MY_INVITATIONS, {}, winner.org.token)).myQuoteInvitations.edges.map((e) => e.node);
    expect(invitations.find((n) => n.requirementId === id)).toEqual({ requirementId: id, requirement: null });
    const opportunities = (await t.ok<{ opportunitiesForSupplier: { edges: { node: { requirementId: string } }[] } }>(OPPORTUNITIES, {}, winner.org.token)).opportunitiesForSupplier.edges.map((e) => e.node.requirementId);
    expect(opportunities).not.toContain(id);
    // Its buyer still reads it, through the same quote.
    expect((await t.ok<{ quote: { requirement: { id: string } } }>(`query($id: ID!) { quote(id: $id) { requirement { id } } }`, { id: quoteId }, oem.token)).quote.requirement).toEqual({ id });
  });

  it('Opportunity.requirement: the requirement an opportunity ranks is read under requirement(id)\'s rule (OPEN: everyone)', async () => {
    const { id } = await newRequirement();
    const nodes = (await t.ok<{ opportunitiesForSupplier: { edges: { node: { requirementId: string; requirement: unknown } }[] } }>(OPPORTUNITIES, {}, competitor.org.token)).opportunitiesForSupplier.edges.map((e) => e.node);
    expect(nodes.find((n) => n.requirementId === id)).toEqual({ requirementId: id, requirement: { id, status: 'OPEN' } });
    // Nothing that is no longer OPEN is offered, and so nothing is read through it.
    expect(nodes.map((n) => n.requirementId)).not.toContain(awardedRequirement);
    expect(nodes.every((n) => n.requirement !== null)).toBe(true);
  });

  it('public profiles stay readable through a contract, as organization(id), regions and partCategories serve them to every role', async () => {
    const data = await t.ok<{ contract: Record<string, unknown> }>(
      `query($id: ID!) { contract(id: $id) { buyerOrganization { id } supplierOrganization { id capabilities { category { code } } } buyerSite { region { code } } supplierSite { organization { id } } category { code } } }`,
      { id: contractId },
      bureau.token,
    );
    expect(data.contract).toEqual({
      buyerOrganization: { id: oem.id },
      supplierOrganization: { id: winner.org.id, capabilities: [{ category: { code: 'CHASSIS.BRAKE_BY_WIRE' } }] },
      buyerSite: { region: { code: '330206' } },
      supplierSite: { organization: { id: winner.org.id } },
      category: { code: 'CHASSIS.BRAKE_BY_WIRE' },
    });
  });
});
