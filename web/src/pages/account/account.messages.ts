import { defineMessages } from '../../i18n/messages';

export const accountMessages = defineMessages('account', {
  menu: ['我的账户', 'My account'],
  title: ['我的账户', 'My account'],
  user: ['用户', 'User'],
  email: ['电子邮箱', 'E-mail'],
  displayName: ['姓名', 'Name'],
  role: ['角色', 'Role'],
  orgAdmin: ['本单位管理员', 'Organisation admin'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  organization: ['单位', 'Organisation'],
  legalName: ['单位名称', 'Legal name'],
  verified: ['认证状态', 'Verification'],
  verifiedYes: ['已认证', 'Verified'],
  verifiedNo: ['待认证', 'Not yet verified'],
  jurisdiction: ['辖区', 'Jurisdiction'],
  changePassword: ['修改密码', 'Change password'],
  currentPassword: ['当前密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  newPasswordHelp: ['10 至 200 个字符；修改后其他设备上的登录将失效。', '10 to 200 characters; sessions elsewhere end when it changes.'],
  confirmPassword: ['确认新密码', 'Confirm the new password'],
  mismatch: ['两次输入的新密码不一致', 'The two new passwords differ'],
  save: ['保存新密码', 'Save the new password'],
  changed: ['密码已修改。', 'Password changed.'],
});

export const loginMessages = defineMessages('login', {
  title: ['登录', 'Sign in'],
  email: ['电子邮箱', 'E-mail'],
  password: ['密码', 'Password'],
  submit: ['登录', 'Sign in'],
  failed: ['邮箱或密码不正确，或账户已停用。', 'Wrong e-mail or password, or the account is disabled.'],
  rateLimited: ['尝试次数过多，账户已暂时锁定，请稍后再试。', 'Too many attempts: sign-in is locked for a while.'],
  api: ['系统集成请使用 GraphQL 接口', 'To integrate, use the GraphQL API'],
});
