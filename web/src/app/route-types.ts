import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { MessageRef } from '../i18n/messages';

/** The roles of the API (enum Role); each has its own menu and pages. */
export type Role = 'OEM_BUYER' | 'SUPPLIER_ADMIN' | 'BUREAU_ANALYST' | 'PLATFORM_ADMIN';

export interface PageProps {
  /** The route's `:name` parameters. */
  params: Record<string, string>;
}

/** A page of the workspace: its path, the lazily loaded component, and its menu entry if it has one. */
export interface PageRoute {
  /** `/buyer/requirements/:id`; paths start with the role's area (`/buyer`, `/supplier`, `/bureau`, `/admin`) or `/account`. */
  path: string;
  page: LazyExoticComponent<ComponentType<PageProps>>;
  /** Shown in the side menu, in this order. The label comes from the feature's messages. */
  menu?: { order: number; icon?: ReactNode; label: MessageRef };
}

/** A role's area: where its users land after sign-in and the pages they may open. */
export interface RoleArea {
  role: Role;
  home: string;
  routes: PageRoute[];
}
