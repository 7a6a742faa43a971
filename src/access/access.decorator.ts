import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Principal, Role } from './role.js';
import type { GraphQLRequestContext } from './request-context.js';
import { AppError } from '../common/app-error.js';

export const ACCESS_RULE = 'access-rule';

/** Who may call a resolver. A resolver without a rule cannot be called at all. */
export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Signed-in users holding one of these roles; organisation scoping is then the service's job. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);

/** The signed-in caller (the guard has checked there is one). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = GqlExecutionContext.create(context).getContext<GraphQLRequestContext>().principal;
  if (!principal) throw AppError.unauthenticated();
  return principal;
});
