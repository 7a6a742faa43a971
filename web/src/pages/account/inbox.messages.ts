import { defineMessages } from '../../i18n/messages';

export const inboxMessages = defineMessages('account.inbox', {
  menu: ['通知', 'Notifications'],
  title: ['通知', 'Notifications'],
  unreadCount: ['{unread, number} 条未读', '{unread, number} unread'],
  unreadOnly: ['只看未读', 'Unread only'],
  markRead: ['标为已读', 'Mark read'],
  markAllRead: ['全部标为已读', 'Mark all read'],
  markedAll: ['已将 {count, number} 条标为已读', '{count, plural, one {# notice} other {# notices}} marked read'],
  unread: ['未读', 'Unread'],
  more: ['加载更多', 'Load more'],
  empty: ['暂无通知', 'No notifications'],
});
