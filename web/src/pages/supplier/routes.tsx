import { lazy } from 'react';
import { AimOutlined } from '@ant-design/icons';
import type { RoleArea } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { supplierMenu } from './supplier.messages';

/** The supplier's pages (web/README.md: how to add one). */
export const supplierArea: RoleArea = {
  role: 'SUPPLIER_ADMIN',
  home: '/supplier/opportunities',
  routes: [{ path: '/supplier/opportunities', page: lazy(() => import('./OpportunitiesPage')), menu: { order: 10, icon: <AimOutlined />, label: ref(supplierMenu, 'opportunities') } }],
};
