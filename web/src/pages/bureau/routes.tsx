import { lazy } from 'react';
import { AimOutlined, EnvironmentOutlined, PrinterOutlined, FileSearchOutlined, FundOutlined, LineChartOutlined, RiseOutlined } from '@ant-design/icons';
import type { RoleArea } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { bureauMenu } from './bureau-menu.messages';

/** The bureau analyst's pages (web/README.md: how to add one). */
export const bureauArea: RoleArea = {
  role: 'BUREAU_ANALYST',
  home: '/bureau',
  routes: [
    { path: '/bureau', page: lazy(() => import('./BureauHomePage')), menu: { order: 10, icon: <LineChartOutlined />, label: ref(bureauMenu, 'home') } },
    { path: '/bureau/levers', page: lazy(() => import('./LeversPage')), menu: { order: 20, icon: <RiseOutlined />, label: ref(bureauMenu, 'levers') } },
    { path: '/bureau/pace', page: lazy(() => import('./PacePage')), menu: { order: 30, icon: <FundOutlined />, label: ref(bureauMenu, 'pace') } },
    { path: '/bureau/leads', page: lazy(() => import('./LeadsPage')), menu: { order: 40, icon: <AimOutlined />, label: ref(bureauMenu, 'leads') } },
    { path: '/bureau/map', page: lazy(() => import('./MapPage')), menu: { order: 45, icon: <EnvironmentOutlined />, label: ref(bureauMenu, 'map') } },
    { path: '/bureau/report', page: lazy(() => import('./ReportPage')), menu: { order: 48, icon: <PrinterOutlined />, label: ref(bureauMenu, 'report') } },
    { path: '/bureau/contracts', page: lazy(() => import('./ContractsPage')), menu: { order: 50, icon: <FileSearchOutlined />, label: ref(bureauMenu, 'contracts') } },
  ],
};
