import { NOTIFICATION_KINDS, NotificationKind } from './notification-kinds.js';
import { formatDeadline, renderDigest, renderEmail, renderNotification } from './templates.js';
import { chinaClock, digestMessageId, notificationMessageId } from './notification-worker.js';

describe('notification templates', () => {
  const params = { requirementTitle: '线控制动', supplierName: '宁波甲', buyerName: '杭州乙', deadline: '2026-12-05T16:30:00.000Z', certificate: 'IATF_16949 C-1', validUntil: '2027-01-01', days: 30, reason: '资料不全', contract: 'HT-1' };

  it.each(NOTIFICATION_KINDS)('renders %s in Chinese and in English, differently', (kind) => {
    const zh = renderNotification(kind, params, 'zh');
    const en = renderNotification(kind, params, 'en');
    for (const text of [zh.title, zh.body, en.title, en.body]) expect(text.trim().length).toBeGreaterThan(5);
    expect(zh.title).not.toBe(en.title);
    expect(/[\u4e00-\u9fff]/.test(zh.title)).toBe(true);
  });

  it('shows a deadline in China time in both languages', () => {
    expect(formatDeadline('2026-12-05T16:30:00.000Z', 'zh')).toBe('2026/12/06 00:30（北京时间）');
    expect(formatDeadline('2026-12-05T16:30:00.000Z', 'en')).toBe('06/12/2026, 00:30 (China time)');
  });

  it('says who asked nowhere in a published answer, and tells the asker privately otherwise', () => {
    const published = renderNotification(NotificationKind.ANSWER_GIVEN, { requirementTitle: 'X', published: true }, 'en');
    const own = renderNotification(NotificationKind.ANSWER_GIVEN, { requirementTitle: 'X', published: false }, 'en');
    expect(published.title).toContain('published');
    expect(own.title).toContain('Your question');
  });

  it('makes an e-mail from the notice and a digest from several', () => {
    const mail = renderEmail(NotificationKind.INVITED, params, 'zh');
    expect(mail.subject).toBe('[整零通] 邀请报价：「线控制动」');
    expect(mail.text).toContain('杭州乙邀请贵公司');
    const digest = renderDigest([{ kind: NotificationKind.INVITED, params }, { kind: NotificationKind.QUOTE_SUBMITTED, params }], '2026-12-04', 'en');
    expect(digest.subject).toBe('[整零通] Daily digest 2026-12-04 (2)');
    expect(digest.text).toContain('Invitation to quote');
    expect(digest.text).toContain('Quote received');
  });

  it('names message ids after the sender\'s domain and the China date', () => {
    expect(notificationMessageId('42', 'noreply@zlt.test')).toBe('<notification-42@zlt.test>');
    expect(digestMessageId('u1', '2026-12-04', 'a@b.c')).toBe('<digest-2026-12-04-u1@b.c>');
    expect(chinaClock(new Date('2026-12-04T16:30:00Z'))).toEqual({ date: '2026-12-05', hour: 0 });
    expect(chinaClock(new Date('2026-12-04T15:59:00Z'))).toEqual({ date: '2026-12-04', hour: 23 });
  });
});
