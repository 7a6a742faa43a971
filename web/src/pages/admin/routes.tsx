import { lazy } from 'react';
import { AuditOutlined, SafetyCertificateOutlined, TranslationOutlined } from '@ant-design/icons';
import type { RoleArea } from '../../app/route-types';
import { ref } from '../../i18n/messages';
import { adminMenu } from './admin-menu.messages';

/** The platform admin's pages (web/README.md: how to add one). */
export const adminArea: RoleArea = {
  role: 'PLATFORM_ADMIN',
  home: '/admin',
  routes: [
    { path: '/admin', page: lazy(() => import('./AdminHomePage')), menu: { order: 10, icon: <SafetyCertificateOutlined />, label: ref(adminMenu, 'home') } },
    { path: '/admin/verification', page: lazy(() => import('./VerificationPage')), menu: { order: 20, icon: <AuditOutlined />, label: ref(adminMenu, 'verification') } },
    { path: '/admin/synonyms', page: lazy(() => import('./SynonymsPage')), menu: { order: 30, icon: <TranslationOutlined />, label: ref(adminMenu, 'synonyms') } },
  ],
};
