import { defineMessages } from '../i18n/messages';

export const appMessages = defineMessages('app', {
  name: ['整零通', 'Zhenglingtong'],
  tagline: ['汽车零部件本地配套撮合平台', 'Local sourcing marketplace for automotive parts'],
  language: ['语言', 'Language'],
  signOut: ['退出登录', 'Sign out'],
  account: ['账户', 'Account'],
  menu: ['菜单', 'Menu'],
  loading: ['加载中…', 'Loading…'],
  notFound: ['页面不存在', 'Page not found'],
  notFoundDetail: ['没有这个地址的页面。', 'There is no page at this address.'],
  otherRole: ['此页面不属于您的角色', 'This page is not part of your role'],
  otherRoleDetail: ['您以{role}身份登录；请从左侧菜单选择页面。', 'You are signed in as {role}; choose a page from the menu.'],
  home: ['返回首页', 'Go to your home page'],
  roleOEM_BUYER: ['整车企业采购', 'OEM buyer'],
  roleSUPPLIER_ADMIN: ['零部件供应商', 'Supplier'],
  roleBUREAU_ANALYST: ['经信局分析员', 'Bureau analyst'],
  rolePLATFORM_ADMIN: ['平台管理员', 'Platform admin'],
  unverified: ['待平台认证', 'Awaiting verification'],
  apiLink: ['GraphQL 接口', 'GraphQL API'],
  pageFailed: ['页面加载失败，请刷新重试。', 'The page failed to load: reload to try again.'],
});
