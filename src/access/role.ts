import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  OEM_BUYER = 'OEM_BUYER',
  SUPPLIER_ADMIN = 'SUPPLIER_ADMIN',
  BUREAU_ANALYST = 'BUREAU_ANALYST',
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
}

registerEnumType(Role, { name: 'Role' });

/** What the access token says about its holder; trusted for the token's lifetime. */
export interface Principal {
  userId: string;
  role: Role;
  organizationId: string;
  orgAdmin: boolean;
  jurisdictionCode: string | null;
}
