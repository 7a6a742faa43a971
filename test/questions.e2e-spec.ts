/**
 * Clarification questions (src/questions/): who may ask, who reads what, the answer published
 * without the asker's name, the deadline, and the attacks a curious or hostile caller would try.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin, makeRequirement, makeSite, qualifySupplier, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const ASK = `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id question answer visibility mine supplierId version } }`;
const ANSWER = `mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id answer visibility version answeredAt supplierId } }`;
const LIST = `query($id: ID!) { clarificationQuestions(requirementId: $id) { id question answer visibility mine supplierId } }`;
const ONE = `query($id: ID!) { clarificationQuestion(id: $id) { id question answer visibility supplierId } }`;
const NESTED = `query($id: ID!) { requirement(id: $id) { id questions { id question answer visibility mine supplierId } } }`;

interface Question { id: string; question: string; answer: string | null; visibility: string | null; mine: boolean; supplierId: string | null; version: number }

describe('clarification questions', () => {
  let t: TestApp;
  let admin: { token: string };
  let oem: MadeOrganization;
  let otherOem: MadeOrganization;
  let invited: MadeOrganization; // invited, not qualified
  let qualified: MadeOrganization; // qualified, not invited
  const qualifiedName = '资格供应商测试有限公司';
  let bystander: MadeOrganization; // invited later, asks nothing
  let outsider: MadeOrganization; // neither invited nor qualified
  let bureau: MadeOrganization;
  let delivery: string;
  let requirementId: string;

  const events = async () => (await t.dataSource.query(`SELECT kind, payload FROM domain_events WHERE kind IN ('QuestionAsked', 'AnswerGiven') ORDER BY id`)) as { kind: string; payload: Record<string, unknown> }[];
  const questionRows = async () => (await t.dataSource.query(`SELECT id, question, answer, visibility, version FROM clarification_questions ORDER BY id`)) as unknown[];
  const ask = (token: string, question: string, id = requirementId) => t.gql<{ askQuestion: Question }>(ASK, { input: { requirementId: id, question } }, token);
  const list = async (token: string, id = requirementId) => (await t.ok<{ clarificationQuestions: Question[] }>(LIST, { id }, token)).clarificationQuestions;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    otherOem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    invited = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    qualified = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: qualifiedName });
    bystander = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    outsider = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
    delivery = await makeSite(t, oem.token, '330206');
    await makeSite(t, invited.token, '330212');
    await makeSite(t, outsider.token, '330212');
    await qualifySupplier(t, qualified.token, await makeSite(t, qualified.token, '330212'));
    requirementId = (await makeRequirement(t, oem.token, delivery)).id;
    await t.ok(`mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`, { input: { requirementId, supplierIds: [invited.id, bystander.id] } }, oem.token);
  });
  afterAll(() => t.close());

  let privateQ: Question;
  let publishedQ: Question;

  it('lets an invited supplier and a qualified one ask, and refuses a supplier that is neither, writing nothing', async () => {
    const a = await ask(invited.token, '制动响应时间是否含 ABS 介入？');
    expect(a.errors).toBeUndefined();
    privateQ = a.data!.askQuestion;
    expect(privateQ).toMatchObject({ answer: null, visibility: null, mine: true, supplierId: invited.id, version: 1 });
    const b = await ask(qualified.token, 'SOP 前是否需要 PPAP 3 级？');
    expect(b.errors).toBeUndefined();
    publishedQ = b.data!.askQuestion;
    const before = await questionRows();
    const refused = await ask(outsider.token, 'May I ask?');
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await questionRows()).toEqual(before);
    // Each question asked is an event for the buyer, recorded with it; the refused one, none.
    expect(await events()).toEqual([
      { kind: 'QuestionAsked', payload: { questionId: privateQ.id, requirementId, askerOrganizationId: invited.id } },
      { kind: 'QuestionAsked', payload: { questionId: publishedQ.id, requirementId, askerOrganizationId: qualified.id } },
    ]);
  });

  it('lets only suppliers ask and only buyers answer (the access guard)', async () => {
    for (const token of [oem.token, bureau.token, admin.token]) expect((await ask(token, 'x')).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const answer = await t.gql(ANSWER, { input: { id: privateQ.id, version: 1, answer: 'x', publish: true } }, invited.token);
    expect(answer.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(LIST, { id: requirementId })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('validates the text: empty, blank, too long and control characters name the field', async () => {
    for (const text of ['', '   ', 'x'.repeat(4001), 'bad\u0000byte']) {
      const result = await ask(invited.token, text);
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual(['input.question']);
    }
    const badId = await t.gql(ASK, { input: { requirementId: 'not-a-uuid', question: 'x' } }, invited.token);
    expect(badId.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(badId.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual(['input.requirementId']);
  });

  it('shows an unanswered question to the buyer (with the asker) and the asker only', async () => {
    const buyerView = await list(oem.token);
    expect(buyerView.map((q) => q.id).sort()).toEqual([privateQ.id, publishedQ.id].sort());
    expect(buyerView.find((q) => q.id === publishedQ.id)?.supplierId).toBe(qualified.id);
    expect((await list(invited.token)).map((q) => q.id)).toEqual([privateQ.id]);
    expect(await list(bystander.token)).toEqual([]);
    expect(await list(outsider.token)).toEqual([]);
    expect(await list(otherOem.token)).toEqual([]);
  });

  it('answers privately to the asker, and publishes to every taking part without naming the asker', async () => {
    const answeredPrivately = (await t.ok<{ answerQuestion: Question }>(ANSWER, { input: { id: privateQ.id, version: 1, answer: '不含 ABS 介入。', publish: false } }, oem.token)).answerQuestion;
    expect(answeredPrivately).toMatchObject({ visibility: 'PRIVATE', version: 2, supplierId: invited.id });
    await t.ok(ANSWER, { input: { id: publishedQ.id, version: 1, answer: '需要 PPAP 3 级。', publish: true } }, oem.token);
    expect((await events()).filter((e) => e.kind === 'AnswerGiven')).toEqual([
      { kind: 'AnswerGiven', payload: { questionId: privateQ.id, requirementId, askerOrganizationId: invited.id, published: false } },
      { kind: 'AnswerGiven', payload: { questionId: publishedQ.id, requirementId, askerOrganizationId: qualified.id, published: true } },
    ]);

    // The asker of the private one: its own, and the published one without its asker.
    const invitedView = await list(invited.token);
    expect(invitedView.map((q) => q.id).sort()).toEqual([privateQ.id, publishedQ.id].sort());
    expect(invitedView.find((q) => q.id === publishedQ.id)).toMatchObject({ mine: false, supplierId: null, answer: '需要 PPAP 3 级。' });
    // An invited supplier that asked nothing: the published one only, nameless.
    const bystanderAnswer = await t.gql(LIST, { id: requirementId }, bystander.token);
    expect(bystanderAnswer.data?.clarificationQuestions).toEqual([{ id: publishedQ.id, question: 'SOP 前是否需要 PPAP 3 级？', answer: '需要 PPAP 3 级。', visibility: 'PUBLISHED', mine: false, supplierId: null }]);
    expect(JSON.stringify(bystanderAnswer)).not.toContain(qualified.id);
    // The asker's organisation, nested: to the buyer and the asker, never to another supplier.
    const ASKER = `query($id: ID!) { clarificationQuestion(id: $id) { askerName } }`;
    expect((await t.ok<any>(ASKER, { id: publishedQ.id }, oem.token)).clarificationQuestion.askerName).toBe(qualifiedName);
    expect((await t.ok<any>(ASKER, { id: publishedQ.id }, qualified.token)).clarificationQuestion.askerName).toBe(qualifiedName);
    expect((await t.ok<any>(ASKER, { id: publishedQ.id }, bystander.token)).clarificationQuestion.askerName).toBeNull();
    expect((await t.ok<any>(ASKER, { id: publishedQ.id }, invited.token)).clarificationQuestion.askerName).toBeNull();
    expect(JSON.stringify(bystanderAnswer)).not.toContain('ABS');
    // Not taking part, another OEM: nothing.
    expect(await list(outsider.token)).toEqual([]);
    expect(await list(otherOem.token)).toEqual([]);
  });

  it('answers the same through the nested field as through the root query, for every reader', async () => {
    for (const token of [oem.token, invited.token, qualified.token, bystander.token, outsider.token, otherOem.token]) {
      const nested = (await t.ok<{ requirement: { questions: Question[] } }>(NESTED, { id: requirementId }, token)).requirement.questions;
      expect(nested).toEqual(await list(token));
    }
    // A bureau or the platform reads the OPEN requirement, and none of its questions.
    for (const token of [bureau.token, admin.token]) {
      expect((await t.ok<{ requirement: { questions: Question[] } }>(NESTED, { id: requirementId }, token)).requirement.questions).toEqual([]);
    }
  });

  it('answers NOT_FOUND for a question the reader may not see, exactly as for one that does not exist', async () => {
    const missing = await t.gql(ONE, { id: randomUUID() }, bystander.token);
    expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
    for (const token of [bystander.token, outsider.token, otherOem.token]) {
      const hidden = await t.gql(ONE, { id: privateQ.id }, token);
      expect(hidden.errors?.[0]).toMatchObject({ message: missing.errors?.[0].message, extensions: { code: 'NOT_FOUND' } });
    }
    expect((await t.ok<{ clarificationQuestion: Question }>(ONE, { id: publishedQ.id }, bystander.token)).clarificationQuestion.supplierId).toBeNull();
    expect((await t.ok<{ clarificationQuestion: Question }>(ONE, { id: privateQ.id }, invited.token)).clarificationQuestion.answer).toBe('不含 ABS 介入。');
  });

  it('refuses a second answer, a stale version and a foreign buyer, changing nothing', async () => {
    const fresh = (await ask(bystander.token, '交付包装要求？')).data!.askQuestion;
    const before = await questionRows();
    const eventsBefore = await events();
    expect((await t.gql(ANSWER, { input: { id: privateQ.id, version: 2, answer: 'changed', publish: true } }, oem.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await t.gql(ANSWER, { input: { id: fresh.id, version: 7, answer: 'stale', publish: false } }, oem.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await t.gql(ANSWER, { input: { id: fresh.id, version: 1, answer: 'hijack', publish: true } }, otherOem.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(await questionRows()).toEqual(before);
    expect(await events()).toEqual(eventsBefore);
  });

  it('hides drafts and unknown requirements behind NOT_FOUND, and refuses the asking of a supplier it does not know', async () => {
    const draft = (await makeRequirement(t, oem.token, delivery, {}, false)).id;
    const onDraft = await ask(invited.token, 'draft?', draft);
    const onNothing = await ask(invited.token, 'nothing?', randomUUID());
    expect(onDraft.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(onDraft.errors?.[0].message).toBe(onNothing.errors?.[0].message);
    expect((await t.gql(LIST, { id: draft }, invited.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(await list(oem.token, draft)).toEqual([]);
  });

  it('closes asking and answering at the quote deadline', async () => {
    const other = (await makeRequirement(t, oem.token, delivery)).id;
    await t.ok(`mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`, { input: { requirementId: other, supplierIds: [invited.id] } }, oem.token);
    const open = (await ask(invited.token, '截止前的问题', other)).data!.askQuestion;
    await t.dataSource.query(`UPDATE requirements SET quote_deadline = now() - interval '1 second' WHERE id = $1`, [other]);
    const late = await ask(invited.token, '截止后的问题', other);
    expect(late.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(late.errors?.[0].message).toMatch(/deadline/);
    const lateAnswer = await t.gql(ANSWER, { input: { id: open.id, version: 1, answer: 'too late', publish: true } }, oem.token);
    expect(lateAnswer.errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await list(oem.token, other)).map((q) => [q.question, q.answer])).toEqual([['截止前的问题', null]]);
  });
});
