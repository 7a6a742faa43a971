import { defineMessages } from '../../i18n/messages';

export const matchesMessages = defineMessages('buyer.matches', {
  rank: ['排名', 'Rank'],
  supplier: ['供应商', 'Supplier'],
  plant: ['生产工厂', 'Producing plant'],
  tier: ['本地化层级', 'Locality'],
  distance: ['距离', 'Distance'],
  weights: ['匹配权重', 'Match weights'],
  weightsHelp: ['拖动滑块即时重新排序；各项权重在允许范围内，总和为 100%。', 'Move a slider to re-rank at once; each weight stays within its bounds and they sum to 100%.'],
  resetWeights: ['恢复默认', 'Reset'],
  invite: ['邀请报价（{count, number}）', 'Invite to quote ({count, number})'],
  invited: ['已邀请', 'Invited'],
  invitedDone: ['已邀请 {count, number} 家供应商。', 'Invited {count, number} suppliers.'],
  notOpen: ['仅在征集报价期间可以邀请供应商。', 'Suppliers can be invited while the requirement is open.'],
  total: ['共 {count, number} 家合格供应商', '{count, number} qualified suppliers'],
  explain: ['查询任一供应商的评分', 'Explain any supplier'],
  explainSearch: ['输入供应商名称搜索', 'Search a supplier by name'],
  explainFailures: ['未满足的硬性条件', 'Hard filters failed'],
  why: ['评分依据', 'Why this score'],
  none: ['暂无合格供应商', 'No qualified supplier'],
});
