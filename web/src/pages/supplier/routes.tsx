import { lazy } from 'react';
import { AimOutlined, EnvironmentOutlined, FileDoneOutlined, IdcardOutlined, MailOutlined, SendOutlined } from '@ant-design/icons';
import type { RoleArea } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { profileMessages } from './profile.messages';
import { supplierMenu } from './supplier.messages';

/** The supplier's pages (web/README.md: how to add one). */
export const supplierArea: RoleArea = {
  role: 'SUPPLIER_ADMIN',
  home: '/supplier/opportunities',
  routes: [
    { path: '/supplier/requirements/:id/qa', page: lazy(() => import('./RequirementQAPage')) },
    { path: '/supplier/opportunities', page: lazy(() => import('./OpportunitiesPage')), menu: { order: 10, icon: <AimOutlined />, label: ref(supplierMenu, 'opportunities') } },
    { path: '/supplier/invitations', page: lazy(() => import('./InvitationsPage')), menu: { order: 20, icon: <MailOutlined />, label: ref(supplierMenu, 'invitations') } },
    { path: '/supplier/quotes', page: lazy(() => import('./QuotesPage')), menu: { order: 30, icon: <SendOutlined />, label: ref(supplierMenu, 'quotes') } },
    { path: '/supplier/requirements/:id', page: lazy(() => import('./QuoteFormPage')) },
    { path: '/supplier/contracts', page: lazy(() => import('./ContractsPage')), menu: { order: 40, icon: <FileDoneOutlined />, label: ref(supplierMenu, 'contracts') } },
    { path: '/supplier/profile', page: lazy(() => import('./ProfilePage')), menu: { order: 45, icon: <IdcardOutlined />, label: ref(profileMessages, 'menu') } },
    { path: '/supplier/plants', page: lazy(() => import('./PlantsPage')), menu: { order: 50, icon: <EnvironmentOutlined />, label: ref(supplierMenu, 'plants') } },
  ],
};
