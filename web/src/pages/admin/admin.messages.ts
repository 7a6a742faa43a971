import { defineMessages } from '../../i18n/messages';

export const adminMessages = defineMessages('admin', {
  homeTitle: ['平台管理', 'Platform administration'],
  hint: ['在左侧菜单处理认证队列与搜索同义词；其余操作可通过 GraphQL 接口完成。', 'Work the verification queue and the search synonyms from the menu; everything else is done through the GraphQL API.'],
  explorer: ['打开 GraphQL 浏览器', 'Open the GraphQL explorer'],
});

export const verificationMessages = defineMessages('admin.verification', {
  title: ['待认证单位', 'Organisations awaiting verification'],
  intro: ['核对统一社会信用代码与营业执照后认证或拒绝，并写明理由（记入审计日志）。', 'Check the credit code and licence, then verify or refuse, with the reason (kept in the audit log).'],
  waiting: ['{count, number} 家等待认证', 'Waiting: {count, number}'],
  empty: ['队列已清空', 'The queue is empty'],
  legalName: ['单位名称', 'Legal name'],
  kind: ['类型', 'Kind'],
  kindOEM: ['主机厂', 'OEM'],
  kindSUPPLIER: ['供应商', 'Supplier'],
  creditCode: ['统一社会信用代码', 'Credit code'],
  actions: ['操作', 'Actions'],
  verify: ['认证', 'Verify'],
  refuse: ['拒绝', 'Refuse'],
  reason: ['理由', 'Reason'],
  reasonHelp: ['检查了什么，或缺少什么', 'What was checked, or what is missing'],
  confirm: ['确定', 'Confirm'],
  cancel: ['取消', 'Cancel'],
  verifyTitle: ['认证 {name}', 'Verify {name}'],
  refuseTitle: ['拒绝认证 {name}', 'Refuse to verify {name}'],
  verified: ['已认证 {name}', '{name} verified'],
  refused: ['已拒绝 {name}', '{name} refused'],
  more: ['加载更多', 'Load more'],
});

export const synonymsMessages = defineMessages('admin.synonyms', {
  title: ['搜索同义词', 'Search synonyms'],
  intro: [
    '同一组内的词在搜索中可互换（如 压铸 ≈ die casting）。单向组只把第一个词扩展到其余词。保存后数秒内生效。',
    'Terms of a group are interchangeable in search (压铸 ≈ die casting). A one-way group expands only its first term to the others. Searches use a change within seconds.',
  ],
  terms: ['词语', 'Terms'],
  termsHelp: ['至少两个词，用逗号分隔；中文与英文分开写', 'Two terms or more, separated by commas; Chinese and English as separate terms'],
  oneWay: ['单向（仅第一个词扩展到其余词）', 'One-way (the first term expands to the others)'],
  twoWay: ['双向', 'Two-way'],
  add: ['添加同义词组', 'Add the group'],
  added: ['已添加', 'Added'],
  remove: ['删除', 'Remove'],
  removeConfirm: ['确认删除', 'Confirm removal'],
  cancel: ['取消', 'Cancel'],
  removed: ['已删除', 'Removed'],
  direction: ['方向', 'Direction'],
  createdAt: ['添加时间', 'Added on'],
  actions: ['操作', 'Actions'],
  count: ['共 {count, number} 组', 'Groups: {count, number}'],
});
