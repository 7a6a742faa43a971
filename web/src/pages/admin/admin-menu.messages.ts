import { defineMessages } from '../../i18n/messages';

/** The platform admin's menu entries, kept apart from the pages' texts so the menu does not load them all. */
export const adminMenu = defineMessages('admin.menu', {
  home: ['平台管理', 'Platform'],
  verification: ['认证队列', 'Verification queue'],
  synonyms: ['搜索同义词', 'Search synonyms'],
});
