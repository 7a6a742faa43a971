import { defineMessages } from '../../i18n/messages';

/** The bureau's menu entries, kept apart from the pages' texts so the menu does not load them all. */
export const bureauMenu = defineMessages('bureau.menu', {
  home: ['本地配套率', 'Local sourcing'],
  levers: ['提升路径', 'Levers'],
  pace: ['进度预测', 'Pace'],
  leads: ['招商线索', 'Leads'],
  contracts: ['合同明细', 'Contracts'],
  map: ['地图', 'Map'],
  report: ['季度报告', 'Quarterly report'],
});
