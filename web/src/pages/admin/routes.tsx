import { lazy } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { RoleArea } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { adminMessages } from './admin.messages';

/** The platform admin's pages (web/README.md: how to add one). */
export const adminArea: RoleArea = {
  role: 'PLATFORM_ADMIN',
  home: '/admin',
  routes: [{ path: '/admin', page: lazy(() => import('./AdminHomePage')), menu: { order: 10, icon: <SafetyCertificateOutlined />, label: ref(adminMessages, 'menuHome') } }],
};
