import { lazy } from 'react';
import { FileSearchOutlined } from '@ant-design/icons';
import type { RoleArea } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { buyerMenu } from './buyer.messages';

/** The OEM buyer's pages (web/README.md: how to add one). */
export const buyerArea: RoleArea = {
  role: 'OEM_BUYER',
  home: '/buyer/requirements',
  routes: [{ path: '/buyer/requirements', page: lazy(() => import('./RequirementsPage')), menu: { order: 10, icon: <FileSearchOutlined />, label: ref(buyerMenu, 'requirements') } }],
};
