import { lazy } from 'react';
import { BellOutlined, UserOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { accountMessages } from './account.messages';
import { inboxMessages } from './inbox.messages';

/** Pages every signed-in user has, whatever the role. */
export const accountRoutes: PageRoute[] = [
  { path: '/inbox', page: lazy(() => import('./InboxPage')), menu: { order: 990, icon: <BellOutlined />, label: ref(inboxMessages, 'menu') } },
  { path: '/account', page: lazy(() => import('./AccountPage')), menu: { order: 1000, icon: <UserOutlined />, label: ref(accountMessages, 'menu') } },
];
