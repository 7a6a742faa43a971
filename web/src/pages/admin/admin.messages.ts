import { defineMessages } from '../../i18n/messages';

export const adminMessages = defineMessages('admin', {
  menuHome: ['平台管理', 'Platform'],
  homeTitle: ['平台管理', 'Platform administration'],
  hint: ['认证队列、单位与用户、同义词的页面将在此处。目前可通过 GraphQL 接口完成这些操作。', 'The verification queue, organisations and users, and synonyms will be here; until then they are done through the GraphQL API.'],
  explorer: ['打开 GraphQL 浏览器', 'Open the GraphQL explorer'],
});
