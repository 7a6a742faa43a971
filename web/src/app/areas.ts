import { accountRoutes } from '../pages/account/routes';
import { adminArea } from '../pages/admin/routes';
import { bureauArea } from '../pages/bureau/routes';
import { buyerArea } from '../pages/buyer/routes';
import { supplierArea } from '../pages/supplier/routes';
import type { PageRoute, Role, RoleArea } from './route-types';

/** Every role's area; a role's pages are listed in its own pages/<role>/routes.tsx. */
export const AREAS: Record<Role, RoleArea> = {
  OEM_BUYER: buyerArea,
  SUPPLIER_ADMIN: supplierArea,
  BUREAU_ANALYST: bureauArea,
  PLATFORM_ADMIN: adminArea,
};

/** The pages a role may open: its own and the account pages. */
export function routesFor(role: Role): PageRoute[] {
  return [...AREAS[role].routes, ...accountRoutes];
}
