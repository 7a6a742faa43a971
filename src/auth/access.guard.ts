import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ACCESS_RULE, type AccessRule } from './access.decorator.js';
import { verifyAccessToken } from './tokens.js';
import { AppError } from '../common/app-error.js';
import type { GraphQLRequestContext } from '../common/request-context.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';

/**
 * Global, default deny: a query or mutation runs only if its resolver declares an access
 * rule that the caller meets. Organisation scoping is enforced again in the services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return false;
    const gql = GqlExecutionContext.create(context);
    const ctx = gql.getContext<GraphQLRequestContext>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`${gql.getInfo<{ fieldName: string }>().fieldName} has no access rule: denied`);
      throw AppError.forbidden('This operation is not available');
    }
    if (rule.kind === 'public') {
      ctx.principal = this.tryPrincipal(ctx);
      return true;
    }
    const token = bearerToken(ctx);
    if (!token) throw AppError.unauthenticated();
    const principal = verifyAccessToken(token, this.config.jwtSecret);
    ctx.principal = principal;
    if (!rule.roles.includes(principal.role)) throw AppError.forbidden(`Not allowed for role ${principal.role}`);
    return true;
  }

  private tryPrincipal(ctx: GraphQLRequestContext) {
    const token = bearerToken(ctx);
    if (!token) return undefined;
    try {
      return verifyAccessToken(token, this.config.jwtSecret);
    } catch {
      return undefined;
    }
  }
}

function bearerToken(ctx: GraphQLRequestContext): string | null {
  const header = ctx.req?.headers?.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}
