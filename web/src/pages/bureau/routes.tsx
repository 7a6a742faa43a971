import { lazy } from 'react';
import { LineChartOutlined } from '@ant-design/icons';
import type { RoleArea } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { bureauMessages } from './bureau.messages';

/** The bureau analyst's pages (web/README.md: how to add one). */
export const bureauArea: RoleArea = {
  role: 'BUREAU_ANALYST',
  home: '/bureau',
  routes: [{ path: '/bureau', page: lazy(() => import('./BureauHomePage')), menu: { order: 10, icon: <LineChartOutlined />, label: ref(bureauMessages, 'menuHome') } }],
};
