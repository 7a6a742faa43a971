import { startTestApp, type TestApp } from './support/app.js';
import { daysFromNow, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, qualifySupplier, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const INVITE = `mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id supplierId supplier { legalName } } }`;
const INVITATIONS = `query($id: ID!) { quoteInvitations(requirementId: $id) { supplierId message } }`;
const SUBMIT = `mutation($input: SubmitQuoteInput!) { submitQuote(input: $input) { id status revision version unitPrice volume totalValue site { id } } }`;
const REVISE = `mutation($input: ReviseQuoteInput!) { reviseQuote(input: $input) { id status revision version unitPrice leadTimeDays
  revisions { revision unitPrice volume leadTimeDays validUntil siteId } } }`;
const WITHDRAW = `mutation($input: WithdrawQuoteInput!) { withdrawQuote(input: $input) { id status version } }`;
const QUOTE = `query($id: ID!) { quote(id: $id) { id status unitPrice requirement { id } supplier { id } } }`;
const MY_QUOTES = `query($filter: QuoteFilter) { myQuotes(first: 10, filter: $filter) { totalCount edges { node { id status } } } }`;
const COMPARE = `query($id: ID!, $all: Boolean) { quoteComparison(requirementId: $id, includeWithdrawn: $all) { rows { quote { id status } } } }`;

describe('invitations and quotes', () => {
  let t: TestApp;
  let admin: { token: string };
  let oem: MadeOrganization;
  let otherOem: MadeOrganization;
  let supplierA: MadeOrganization;
  let supplierB: MadeOrganization;
  let delivery: string;
  let plantA: string;
  let plantB: string;

  const input = (requirementId: string, siteId: string, overrides: Record<string, unknown> = {}) => ({ requirementId, siteId, unitPrice: '1799.50', volume: 120000, leadTimeDays: 45, validUntil: daysFromNow(90), ...overrides });

  async function tables() {
    const [row] = await t.dataSource.query(`SELECT
      (SELECT json_agg(json_build_object('id', id, 'status', status, 'version', version, 'revision', revision, 'price', unit_price) ORDER BY id) FROM quotes) AS quotes,
      (SELECT count(*)::int FROM quote_revisions) AS revisions,
      (SELECT count(*)::int FROM quote_invitations) AS invitations,
      (SELECT count(*)::int FROM audit_events) AS audit`);
    return row;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    otherOem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    supplierA = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '测试供应商 A' });
    supplierB = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '测试供应商 B' });
    delivery = await makeSite(t, oem.token, '330206');
    plantA = await makeSite(t, supplierA.token, '330212');
    plantB = await makeSite(t, supplierB.token, '320505');
    // Both pass the hard filters, so they may quote uninvited (the quote gate: test/qualification-gates.e2e-spec.ts).
    await qualifySupplier(t, supplierA.token, plantA);
    await qualifySupplier(t, supplierB.token, plantB);
  });
  afterAll(() => t.close());

  it('lets the buyer invite suppliers to its OPEN requirement only', async () => {
    const { id } = await makeRequirement(t, oem.token, delivery);
    const invited = (await t.ok<{ inviteSuppliers: any[] }>(INVITE, { input: { requirementId: id, supplierIds: [supplierA.id, supplierB.id], message: '欢迎报价' } }, oem.token)).inviteSuppliers;
    expect(invited.map((i) => i.supplier.legalName).sort()).toEqual(['测试供应商 A', '测试供应商 B']);
    const listed = (await t.ok<{ quoteInvitations: any[] }>(INVITATIONS, { id }, oem.token)).quoteInvitations;
    expect(listed).toHaveLength(2);
    expect(listed.every((i) => i.message === '欢迎报价')).toBe(true);
    expect((await t.gql(INVITATIONS, { id }, otherOem.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    const draft = await makeRequirement(t, oem.token, delivery, {}, false);
    const before = await tables();
    expect((await t.gql(INVITE, { input: { requirementId: id, supplierIds: [supplierA.id] } }, otherOem.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const notSupplier = await t.gql(INVITE, { input: { requirementId: id, supplierIds: [supplierA.id, otherOem.id] } }, oem.token);
    expect(notSupplier.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.supplierIds.1', message: 'not a supplier' }] });
    const duplicate = await t.gql(INVITE, { input: { requirementId: id, supplierIds: [supplierA.id, supplierA.id] } }, oem.token);
    expect(duplicate.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(INVITE, { input: { requirementId: draft.id, supplierIds: [supplierA.id] } }, oem.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await t.gql(INVITE, { input: { requirementId: id, supplierIds: [supplierA.id] } }, supplierA.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await tables()).toEqual(before);
  });

  it('submits, revises with history, withdraws and resubmits before the deadline', async () => {
    const { id: requirementId } = await makeRequirement(t, oem.token, delivery);
    const submitted = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: input(requirementId, plantA) }, supplierA.token)).submitQuote;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', revision: 1, version: 1, unitPrice: '1799.5', volume: 120000, totalValue: '215940000', site: { id: plantA } });
    const twice = await t.gql(SUBMIT, { input: input(requirementId, plantA) }, supplierA.token);
    expect(twice.errors?.[0].extensions.code).toBe('CONFLICT');

    const revised = (await t.ok<{ reviseQuote: any }>(REVISE, { input: { id: submitted.id, version: 1, unitPrice: '1750.00', leadTimeDays: 40 } }, supplierA.token)).reviseQuote;
    expect(revised).toMatchObject({ revision: 2, version: 2, unitPrice: '1750', leadTimeDays: 40 });
    expect(revised.revisions.map((r: any) => [r.revision, r.unitPrice, r.leadTimeDays])).toEqual([[1, '1799.5', 45], [2, '1750', 40]]);
    const stale = await t.gql(REVISE, { input: { id: submitted.id, version: 1, unitPrice: '1700.00' } }, supplierA.token);
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');

    const withdrawn = (await t.ok<{ withdrawQuote: any }>(WITHDRAW, { input: { id: submitted.id, version: 2 } }, supplierA.token)).withdrawQuote;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 3 });
    expect((await t.gql(REVISE, { input: { id: submitted.id, version: 3, unitPrice: '1.00' } }, supplierA.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await t.gql(WITHDRAW, { input: { id: submitted.id, version: 3 } }, supplierA.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await t.ok<{ quoteComparison: any }>(COMPARE, { id: requirementId }, oem.token)).quoteComparison.rows).toEqual([]);
    expect((await t.ok<{ quoteComparison: any }>(COMPARE, { id: requirementId, all: true }, oem.token)).quoteComparison.rows).toEqual([{ quote: { id: submitted.id, status: 'WITHDRAWN' } }]);

    const resubmitted = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: input(requirementId, plantA, { unitPrice: '1720.00' }) }, supplierA.token)).submitQuote;
    expect(resubmitted).toMatchObject({ id: submitted.id, status: 'SUBMITTED', revision: 3, version: 4, unitPrice: '1720' });
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [submitted.id]);
    expect(audit.map((a: any) => a.action)).toEqual(['quote.submit', 'quote.revise', 'quote.withdraw', 'quote.resubmit']);
  });

  it('shows a quote to its supplier and the buyer only', async () => {
    const { id: requirementId } = await makeRequirement(t, oem.token, delivery);
    const q = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: input(requirementId, plantB) }, supplierB.token)).submitQuote;
    expect((await t.ok<{ quote: any }>(QUOTE, { id: q.id }, oem.token)).quote).toMatchObject({ requirement: { id: requirementId }, supplier: { id: supplierB.id } });
    expect((await t.ok<{ quote: any }>(QUOTE, { id: q.id }, supplierB.token)).quote.id).toBe(q.id);
    expect((await t.gql(QUOTE, { id: q.id }, supplierA.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(QUOTE, { id: q.id }, otherOem.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(COMPARE, { id: requirementId }, otherOem.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(WITHDRAW, { input: { id: q.id, version: 1 } }, supplierA.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const mine = (await t.ok<{ myQuotes: any }>(MY_QUOTES, { filter: { requirementId } }, supplierB.token)).myQuotes;
    expect(mine).toMatchObject({ totalCount: 1, edges: [{ node: { id: q.id, status: 'SUBMITTED' } }] });
  });

  it.each([
    ['a zero price', { unitPrice: '0' }, 'input.unitPrice'],
    ['a price with 5 decimals', { unitPrice: '1.00001' }, 'input.unitPrice'],
    ['a float price', { unitPrice: 12.5 }, 'input'],
    ['zero volume', { volume: 0 }, 'input.volume'],
    ['a negative lead time', { leadTimeDays: -1 }, 'input.leadTimeDays'],
    ['an offer that expired yesterday', { validUntil: daysFromNow(-1) }, 'input.validUntil'],
    ['a plant that does not exist', { siteId: '00000000-0000-4000-8000-000000000000' }, 'input.siteId'],
    ['an unknown field', { discount: '5' }, 'input'],
  ])('refuses %s with BAD_USER_INPUT, writing nothing', async (_name, overrides, field) => {
    const { id: requirementId } = await makeRequirement(t, oem.token, delivery);
    const before = await tables();
    const result = await t.gql(SUBMIT, { input: input(requirementId, plantA, overrides) }, supplierA.token);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields?.some((f) => f.field.startsWith(field))).toBe(true);
    expect(await tables()).toEqual(before);
  });

  it('refuses another organisation\'s plant, and quotes on a requirement that is not OPEN', async () => {
    const { id: requirementId } = await makeRequirement(t, oem.token, delivery);
    expect((await t.gql(SUBMIT, { input: input(requirementId, plantB) }, supplierA.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const draft = await makeRequirement(t, oem.token, delivery, {}, false);
    expect((await t.gql(SUBMIT, { input: input(draft.id, plantA) }, supplierA.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(SUBMIT, { input: input(requirementId, delivery) }, oem.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('freezes quotes after the deadline: submit, revise and withdraw are CONFLICT and change nothing', async () => {
    const { id: requirementId } = await makeRequirement(t, oem.token, delivery);
    const q = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: input(requirementId, plantA) }, supplierA.token)).submitQuote;
    await t.dataSource.query(`UPDATE requirements SET quote_deadline = now() - interval '1 minute' WHERE id = $1`, [requirementId]);
    const before = await tables();
    const late = await t.gql(SUBMIT, { input: input(requirementId, plantB) }, supplierB.token);
    expect(late.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(late.errors?.[0].message).toMatch(/deadline/);
    expect((await t.gql(REVISE, { input: { id: q.id, version: q.version, unitPrice: '1.00' } }, supplierA.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await t.gql(WITHDRAW, { input: { id: q.id, version: q.version } }, supplierA.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await t.gql(INVITE, { input: { requirementId, supplierIds: [supplierB.id] } }, oem.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await tables()).toEqual(before);
    // The buyer still compares the frozen quotes.
    expect((await t.ok<{ quoteComparison: any }>(COMPARE, { id: requirementId }, oem.token)).quoteComparison.rows).toEqual([{ quote: { id: q.id, status: 'SUBMITTED' } }]);
  });

  it('lets a supplier quote unprompted and see only its own invitations', async () => {
    const { id: requirementId } = await makeRequirement(t, oem.token, delivery);
    await t.ok(INVITE, { input: { requirementId, supplierIds: [supplierA.id] } }, oem.token);
    const quoted = await t.gql(SUBMIT, { input: input(requirementId, plantB) }, supplierB.token);
    expect(quoted.errors).toBeUndefined();
    const inbox = await t.ok<{ myQuoteInvitations: any }>(`{ myQuoteInvitations(first: 50) { edges { node { requirementId } } } }`, {}, supplierB.token);
    expect(inbox.myQuoteInvitations.edges.map((e: any) => e.node.requirementId)).not.toContain(requirementId);
    const inboxA = await t.ok<{ myQuoteInvitations: any }>(`{ myQuoteInvitations(first: 50) { edges { node { requirementId } } } }`, {}, supplierA.token);
    expect(inboxA.myQuoteInvitations.edges.map((e: any) => e.node.requirementId)).toContain(requirementId);
  });
});
