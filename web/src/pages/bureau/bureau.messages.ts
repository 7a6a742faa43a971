import { defineMessages } from '../../i18n/messages';

export const bureauMessages = defineMessages('bureau', {
  menuHome: ['本地配套率', 'Local sourcing'],
  homeTitle: ['本地配套率', 'Local sourcing rate'],
  dashboardLink: ['打开经信局看板', 'Open the bureau dashboard'],
  dashboardHint: ['看板（比率、目标、趋势、城市、类别、需求缺口）目前位于 /dashboard。', 'The dashboard (rate, target, trend, cities, categories, demand gaps) is at /dashboard for now.'],
});
