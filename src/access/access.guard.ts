import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ACCESS_RULE, type AccessRule } from './access.decorator.js';
import { AccessTokens } from './tokens.js';
import { AppError } from '../common/app-error.js';
import type { GraphQLRequestContext } from './request-context.js';
import type { Request } from 'express';
import type { Principal } from './role.js';

/**
 * The principal the guard found on an HTTP request: REST routes read it here; GraphQL
 * resolvers get it in their context (`CurrentUser`), and batch loaders, which are made with
 * the context before the guard runs (and Apollo copies the context per operation), read it here.
 */
const HTTP_PRINCIPALS = new WeakMap<object, Principal>();

export function principalOfHttpRequest(request: object): Principal | undefined {
  return HTTP_PRINCIPALS.get(request);
}

/**
 * Global, default deny: a query or mutation runs only if its resolver declares an access
 * rule that the caller meets — and likewise an HTTP route (REST exports, the dashboard's
 * static files) only if its handler or controller declares one, with the same bearer token.
 * Any other kind of context is refused. Organisation scoping is enforced again in the services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() === 'http') return this.canActivateHttp(context);
    if (context.getType<string>() !== 'graphql') return false;
    const gql = GqlExecutionContext.create(context);
    const ctx = gql.getContext<GraphQLRequestContext>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`${gql.getInfo<{ fieldName: string }>().fieldName} has no access rule: denied`);
      throw AppError.forbidden('This operation is not available');
    }
    if (rule.kind === 'public') {
      ctx.principal = await this.tryPrincipal(ctx.req);
      if (ctx.principal) HTTP_PRINCIPALS.set(ctx.req, ctx.principal);
      return true;
    }
    const token = bearerToken(ctx.req);
    if (!token) throw AppError.unauthenticated();
    const principal = await this.tokens.principalOfRequest(ctx.req, token);
    ctx.principal = principal;
    HTTP_PRINCIPALS.set(ctx.req, principal);
    if (!rule.roles.includes(principal.role)) throw AppError.forbidden(`Not allowed for role ${principal.role}`);
    return true;
  }

  private async canActivateHttp(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`${request.method} ${request.path} has no access rule: denied`);
      throw AppError.forbidden('This operation is not available');
    }
    if (rule.kind === 'public') {
      const principal = await this.tryPrincipal(request);
      if (principal) HTTP_PRINCIPALS.set(request, principal);
      return true;
    }
    const token = bearerToken(request);
    if (!token) throw AppError.unauthenticated();
    const principal = await this.tokens.principalOfRequest(request, token);
    HTTP_PRINCIPALS.set(request, principal);
    if (!rule.roles.includes(principal.role)) throw AppError.forbidden(`Not allowed for role ${principal.role}`);
    return true;
  }

  private async tryPrincipal(req: Request | undefined): Promise<Principal | undefined> {
    const token = bearerToken(req);
    if (!token || !req) return undefined;
    try {
      return await this.tokens.principalOfRequest(req, token);
    } catch {
      return undefined;
    }
  }
}

function bearerToken(req: Request | undefined): string | null {
  const header = req?.headers?.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}
