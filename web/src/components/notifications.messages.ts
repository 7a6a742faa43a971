import { defineMessages } from '../i18n/messages';

export const badgeMessages = defineMessages('notifications.badge', {
  label: ['通知：{count, number} 条未读', 'Notifications: {count, number} unread'],
});
