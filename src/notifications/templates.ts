import { NotificationKind, type Language } from './notification-kinds.js';

/**
 * The values a notification's text is made from, taken when the event is handled. Never a
 * price: an outcome tells who won only to the winner, and no one the winning price.
 */
export interface NotificationParams {
  requirementTitle?: string;
  supplierName?: string;
  buyerName?: string;
  /** ISO instant of a quote deadline. */
  deadline?: string;
  /** Certification type code and certificate number. */
  certificate?: string;
  /** ISO date a certificate stops being valid. */
  validUntil?: string;
  days?: number;
  reason?: string;
  /** Contract reference (the buyer's, or a short id). */
  contract?: string;
  /** For ANSWER_GIVEN: published to every invited supplier (the asker is not named). */
  published?: boolean;
}

export interface RenderedText {
  title: string;
  body: string;
}

const q = (value: string | undefined, language: Language) => (language === 'zh' ? `「${value ?? ''}」` : `"${value ?? ''}"`);

/** A deadline as people read it in China (UTC+8), whatever the server's time zone. */
export function formatDeadline(iso: string | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(date);
  return language === 'zh' ? `${text}（北京时间）` : `${text} (China time)`;
}

/** The title and body of a notification in the user's language. Pure: the same input gives the same text. */
export function renderNotification(kind: NotificationKind, p: NotificationParams, language: Language): RenderedText {
  const zh = language === 'zh';
  const req = q(p.requirementTitle, language);
  const deadline = formatDeadline(p.deadline, language);
  switch (kind) {
    case NotificationKind.REQUIREMENT_MATCHED:
      return zh
        ? { title: `新需求与您匹配：${req}`, body: `${p.buyerName ?? ''}发布了需求${req}，贵公司在合格供应商中排名靠前。报价截止：${deadline}。` }
        : { title: `A new requirement fits you: ${req}`, body: `${p.buyerName ?? ''} published ${req}; your company ranks among the best eligible suppliers. Quotes close ${deadline}.` };
    case NotificationKind.INVITED:
      return zh
        ? { title: `邀请报价：${req}`, body: `${p.buyerName ?? ''}邀请贵公司就需求${req}报价。报价截止：${deadline}。` }
        : { title: `Invitation to quote: ${req}`, body: `${p.buyerName ?? ''} invites your company to quote on ${req}. Quotes close ${deadline}.` };
    case NotificationKind.QUOTE_SUBMITTED:
      return zh
        ? { title: `收到报价：${req}`, body: `${p.supplierName ?? ''}就需求${req}提交了报价。` }
        : { title: `Quote received: ${req}`, body: `${p.supplierName ?? ''} submitted a quote on ${req}.` };
    case NotificationKind.QUOTE_REVISED:
      return zh
        ? { title: `报价已修改：${req}`, body: `${p.supplierName ?? ''}修改了对需求${req}的报价。` }
        : { title: `Quote revised: ${req}`, body: `${p.supplierName ?? ''} revised its quote on ${req}.` };
    case NotificationKind.QUOTE_WITHDRAWN:
      return zh
        ? { title: `报价已撤回：${req}`, body: `${p.supplierName ?? ''}撤回了对需求${req}的报价。` }
        : { title: `Quote withdrawn: ${req}`, body: `${p.supplierName ?? ''} withdrew its quote on ${req}.` };
    case NotificationKind.DEADLINE_SOON:
      return zh
        ? { title: `报价将在 48 小时内截止：${req}`, body: `需求${req}的报价截止时间为${deadline}。` }
        : { title: `Quotes close within 48 hours: ${req}`, body: `Quotes on ${req} close ${deadline}.` };
    case NotificationKind.DEADLINE_PASSED:
      return zh
        ? { title: `报价已截止：${req}`, body: `需求${req}的报价已于${deadline}截止，可以比较报价并定标。` }
        : { title: `Quotes closed: ${req}`, body: `Quotes on ${req} closed ${deadline}; you can compare them and award.` };
    case NotificationKind.AWARDED:
      return zh
        ? { title: `中标：${req}`, body: `${p.buyerName ?? ''}将需求${req}授予贵公司，合同已生成。` }
        : { title: `You won: ${req}`, body: `${p.buyerName ?? ''} awarded ${req} to your company; the contract is in your contracts.` };
    case NotificationKind.NOT_AWARDED:
      return zh
        ? { title: `未中标：${req}`, body: `${p.buyerName ?? ''}已就需求${req}定标，本次未选择贵公司的报价。感谢参与。` }
        : { title: `Not awarded: ${req}`, body: `${p.buyerName ?? ''} awarded ${req}; your quote was not chosen this time. Thank you for quoting.` };
    case NotificationKind.CONTRACT_AMENDED:
      return zh
        ? { title: `合同已变更：${p.contract ?? ''}`, body: `合同 ${p.contract ?? ''}（${req}）的条款已变更，变更记录可在合同中查看。` }
        : { title: `Contract amended: ${p.contract ?? ''}`, body: `The terms of contract ${p.contract ?? ''} (${req}) were amended; the change is in its history.` };
    case NotificationKind.CONTRACT_TERMINATED:
      return zh
        ? { title: `合同已终止：${p.contract ?? ''}`, body: `合同 ${p.contract ?? ''}（${req}）已终止。原因：${p.reason ?? ''}` }
        : { title: `Contract terminated: ${p.contract ?? ''}`, body: `Contract ${p.contract ?? ''} (${req}) was terminated. Reason: ${p.reason ?? ''}` };
    case NotificationKind.CONTRACT_TO_CONFIRM:
      return zh
        ? { title: `请确认合同：${p.contract ?? ''}`, body: `${p.buyerName ?? ''}登记了一份以贵公司为供应商的合同 ${p.contract ?? ''}，请确认或提出异议。` }
        : { title: `Please confirm a contract: ${p.contract ?? ''}`, body: `${p.buyerName ?? ''} recorded contract ${p.contract ?? ''} naming your company as the supplier: confirm it or dispute it.` };
    case NotificationKind.CERTIFICATE_EXPIRING:
      return zh
        ? { title: `证书将在 ${p.days ?? ''} 天内到期：${p.certificate ?? ''}`, body: `证书 ${p.certificate ?? ''} 有效期至 ${p.validUntil ?? ''}，请及时更新，以免影响报价资格。` }
        : { title: `Certificate expires within ${p.days ?? ''} days: ${p.certificate ?? ''}`, body: `Certificate ${p.certificate ?? ''} is valid until ${p.validUntil ?? ''}; renew it so your quotes stay eligible.` };
    case NotificationKind.CERTIFICATE_EXPIRED:
      return zh
        ? { title: `证书已过期：${p.certificate ?? ''}`, body: `证书 ${p.certificate ?? ''} 已于 ${p.validUntil ?? ''} 到期，依赖它的需求将不再视贵公司为合格。` }
        : { title: `Certificate expired: ${p.certificate ?? ''}`, body: `Certificate ${p.certificate ?? ''} expired on ${p.validUntil ?? ''}; requirements that need it no longer count your company as eligible.` };
    case NotificationKind.ORGANIZATION_VERIFIED:
      return zh
        ? { title: '贵单位已通过平台核验', body: '平台已核验贵单位的信息，贵单位的合同将计入官方本地配套率。' }
        : { title: 'Your organisation is verified', body: 'The platform verified your organisation; its contracts now count in the official local sourcing figure.' };
    case NotificationKind.ORGANIZATION_REFUSED:
      return zh
        ? { title: '贵单位未通过平台核验', body: `原因：${p.reason ?? ''}。更正资料后可再次申请核验。` }
        : { title: 'Verification of your organisation was refused', body: `Reason: ${p.reason ?? ''}. Correct the details and ask again.` };
    case NotificationKind.QUESTION_ASKED:
      return zh
        ? { title: `收到澄清问题：${req}`, body: `一家供应商就需求${req}提出了问题，请在报价截止前答复。` }
        : { title: `Question received: ${req}`, body: `A supplier asked a question on ${req}; answer it before quotes close.` };
    case NotificationKind.ANSWER_GIVEN:
      return p.published
        ? zh
          ? { title: `需求澄清已公布：${req}`, body: `采购方就需求${req}公布了一项澄清答复，所有受邀供应商可见。` }
          : { title: `Clarification published: ${req}`, body: `The buyer published a clarification on ${req} to every invited supplier.` }
        : zh
          ? { title: `您的问题已答复：${req}`, body: `采购方答复了贵公司就需求${req}提出的问题。` }
          : { title: `Your question was answered: ${req}`, body: `The buyer answered your company's question on ${req}.` };
  }
}

/** The e-mail of one notification: the title as subject, the body and a line saying where to look. */
export function renderEmail(kind: NotificationKind, p: NotificationParams, language: Language): { subject: string; text: string } {
  const { title, body } = renderNotification(kind, p, language);
  const footer = language === 'zh'
    ? '—— 整零通。可在工作台的通知设置中更改邮件提醒。'
    : '— 整零通 (Zhenglingtong). Change e-mail notices in the workspace\'s notification settings.';
  return { subject: `[整零通] ${title}`, text: `${body}\n\n${footer}\n` };
}

/** One e-mail for a day's notifications, newest first. */
export function renderDigest(items: { kind: NotificationKind; params: NotificationParams }[], date: string, language: Language): { subject: string; text: string } {
  const lines = items.map((item) => {
    const { title, body } = renderNotification(item.kind, item.params, language);
    return `• ${title}\n  ${body}`;
  });
  return language === 'zh'
    ? { subject: `[整零通] 每日通知摘要 ${date}（${items.length} 条）`, text: `${lines.join('\n\n')}\n\n—— 整零通。可在工作台的通知设置中关闭每日摘要。\n` }
    : { subject: `[整零通] Daily digest ${date} (${items.length})`, text: `${lines.join('\n\n')}\n\n— 整零通 (Zhenglingtong). Turn the daily digest off in the workspace's notification settings.\n` };
}
