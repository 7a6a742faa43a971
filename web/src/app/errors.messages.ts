import { defineMessages } from '../i18n/messages';

/** What an API error code means to a user, and the server's field messages most often seen, in Chinese. */
export const errorMessages = defineMessages('errors', {
  BAD_USER_INPUT: ['请检查标出的字段。', 'Please check the fields marked.'],
  UNAUTHENTICATED: ['请重新登录。', 'Please sign in again.'],
  FORBIDDEN: ['您的角色无权执行此操作。', 'Your role may not do this.'],
  NOT_FOUND: ['未找到（可能已被删除，或您无权查看）。', 'Not found (it may have been removed, or you may not see it).'],
  CONFLICT: ['数据已被他人修改或状态不允许此操作，请刷新后重试。', 'Someone changed this meanwhile, or its status does not allow this: reload and try again.'],
  RATE_LIMITED: ['请求过于频繁，请稍后再试。', 'Too many requests: please wait and try again.'],
  INTERNAL: ['服务出错，请稍后再试。', 'The service failed: please try again later.'],
  NETWORK: ['无法连接服务。', 'The service cannot be reached.'],
  fieldInvalid: ['输入有误：{detail}', '{detail}'],
  required: ['必填', 'Required'],
});

/**
 * Chinese for the server's field messages that users meet most (the API answers in English);
 * any other message is shown as it came, after "输入有误：".
 */
export const FIELD_MESSAGES_ZH: [RegExp, string][] = [
  [/is not your current password/, '当前密码不正确'],
  [/must be an email/, '请输入有效的电子邮箱'],
  [/must not be (blank|empty)/, '不能为空'],
  [/must be longer than or equal to (\d+) characters/, '至少 $1 个字符'],
  [/must be shorter than or equal to (\d+) characters/, '最多 $1 个字符'],
  [/must not be less than (\S+)/, '不能小于 $1'],
  [/must not be greater than (\S+)/, '不能大于 $1'],
  [/must be at least (\S+)/, '至少为 $1'],
  [/must be a six-digit GB\/T 2260 code/, '须为六位行政区划代码（GB/T 2260）'],
  [/must be a taxonomy code/, '须为零部件类别代码'],
  [/must be in the future/, '须为将来的日期'],
  [/must (come|be) (on or )?after/, '日期先后顺序不对'],
];
