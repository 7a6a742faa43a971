import { lazy } from 'react';
import { EnvironmentOutlined, FileDoneOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { RoleArea } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { buyerMenu } from './buyer.messages';

/** The OEM buyer's pages (web/README.md: how to add one). More specific paths first. */
export const buyerArea: RoleArea = {
  role: 'OEM_BUYER',
  home: '/buyer/requirements',
  routes: [
    { path: '/buyer/requirements/:id/qa', page: lazy(() => import('./RequirementQAPage')) },
    { path: '/buyer/requirements', page: lazy(() => import('./RequirementsPage')), menu: { order: 10, icon: <FileSearchOutlined />, label: ref(buyerMenu, 'requirements') } },
    { path: '/buyer/requirements/new', page: lazy(() => import('./RequirementFormPage')) },
    { path: '/buyer/requirements/:id/edit', page: lazy(() => import('./RequirementFormPage')) },
    { path: '/buyer/requirements/:id', page: lazy(() => import('./RequirementPage')) },
    { path: '/buyer/contracts', page: lazy(() => import('./ContractsPage')), menu: { order: 20, icon: <FileDoneOutlined />, label: ref(buyerMenu, 'contracts') } },
    { path: '/buyer/plants', page: lazy(() => import('./PlantsPage')), menu: { order: 30, icon: <EnvironmentOutlined />, label: ref(buyerMenu, 'plants') } },
  ],
};
