import { lazy } from 'react';
import { UserOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { accountMessages } from './account.messages';

/** Pages every signed-in user has, whatever the role. */
export const accountRoutes: PageRoute[] = [
  { path: '/account', page: lazy(() => import('./AccountPage')), menu: { order: 1000, icon: <UserOutlined />, label: ref(accountMessages, 'menu') } },
];
