import { Role, type Principal } from '../access/role.js';
import { RequirementStatus } from '../requirements/requirement-status.js';
import { AnswerVisibility } from './question.entity.js';
import { askRefusal, canReadQuestion, canSeeAsker, questionWindowClosed } from './question-rules.js';

const actor = (role: Role, organizationId: string): Principal => ({ userId: 'u', role, organizationId, orgAdmin: true, jurisdictionCode: null });
const mine = { supplierId: 'S1', visibility: null };
const published = { supplierId: 'S1', visibility: AnswerVisibility.PUBLISHED };
const privateAnswer = { supplierId: 'S1', visibility: AnswerVisibility.PRIVATE };

describe('canReadQuestion', () => {
  it('lets the buyer of the requirement read every question, and no other OEM', () => {
    expect(canReadQuestion(actor(Role.OEM_BUYER, 'OEM'), privateAnswer, 'OEM', false)).toBe(true);
    expect(canReadQuestion(actor(Role.OEM_BUYER, 'OTHER'), published, 'OEM', true)).toBe(false);
  });
  it('lets the asker read its own question in any state', () => {
    expect(canReadQuestion(actor(Role.SUPPLIER_ADMIN, 'S1'), mine, 'OEM', false)).toBe(true);
    expect(canReadQuestion(actor(Role.SUPPLIER_ADMIN, 'S1'), privateAnswer, 'OEM', false)).toBe(true);
  });
  it('lets another supplier read only published answers, and only while it takes part', () => {
    expect(canReadQuestion(actor(Role.SUPPLIER_ADMIN, 'S2'), published, 'OEM', true)).toBe(true);
    expect(canReadQuestion(actor(Role.SUPPLIER_ADMIN, 'S2'), published, 'OEM', false)).toBe(false);
    expect(canReadQuestion(actor(Role.SUPPLIER_ADMIN, 'S2'), privateAnswer, 'OEM', true)).toBe(false);
    expect(canReadQuestion(actor(Role.SUPPLIER_ADMIN, 'S2'), mine, 'OEM', true)).toBe(false);
  });
  it('shows nothing to a bureau or the platform', () => {
    expect(canReadQuestion(actor(Role.BUREAU_ANALYST, 'B'), published, 'OEM', true)).toBe(false);
    expect(canReadQuestion(actor(Role.PLATFORM_ADMIN, 'P'), published, 'OEM', true)).toBe(false);
  });
});

describe('canSeeAsker', () => {
  it('names the asker to the buyer and the asker only', () => {
    expect(canSeeAsker(actor(Role.OEM_BUYER, 'OEM'), published, 'OEM')).toBe(true);
    expect(canSeeAsker(actor(Role.SUPPLIER_ADMIN, 'S1'), published, 'OEM')).toBe(true);
    expect(canSeeAsker(actor(Role.SUPPLIER_ADMIN, 'S2'), published, 'OEM')).toBe(false);
    expect(canSeeAsker(actor(Role.OEM_BUYER, 'S1'), published, 'OEM')).toBe(false);
  });
});

describe('questionWindowClosed', () => {
  const deadline = new Date('2030-06-30T10:00:00Z');
  it('is open on an OPEN requirement before its deadline', () => {
    expect(questionWindowClosed({ status: RequirementStatus.OPEN, quoteDeadline: deadline }, new Date('2030-06-30T09:59:59Z'))).toBeNull();
  });
  it('closes at the deadline instant and for any other status', () => {
    expect(questionWindowClosed({ status: RequirementStatus.OPEN, quoteDeadline: deadline }, deadline)).toMatch(/deadline/);
    expect(questionWindowClosed({ status: RequirementStatus.AWARDED, quoteDeadline: deadline }, new Date('2030-01-01T00:00:00Z'))).toMatch(/AWARDED/);
    expect(questionWindowClosed({ status: RequirementStatus.DRAFT, quoteDeadline: deadline }, new Date('2030-01-01T00:00:00Z'))).toMatch(/DRAFT/);
  });
});

describe('askRefusal', () => {
  it('lets invited or qualified suppliers ask, and refuses the rest', () => {
    expect(askRefusal(true, false)).toBeNull();
    expect(askRefusal(false, true)).toBeNull();
    expect(askRefusal(false, false)).toMatch(/invited/);
  });
});
