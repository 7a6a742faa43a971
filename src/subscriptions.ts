import type { Request } from 'express';
import type { AccessTokens } from './access/tokens.js';

/** What graphql-ws hands the context function: the connection's parameters. */
export interface SubscriptionContextInput {
  connectionParams?: Readonly<Record<string, unknown>>;
}

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : null;
}

/**
 * The request a subscription's operations run as: the connection's `authorization` parameter
 * (`Bearer <token>`, the same token as over HTTP) as its header, so the access guard and the
 * loaders treat a subscription like any request.
 */
export function subscriptionRequest(input: SubscriptionContextInput): Request {
  const authorization = authorizationOf(input.connectionParams);
  return { headers: authorization ? { authorization } : {} } as Request;
}

/**
 * GraphQL subscriptions over graphql-ws at /graphql. A connection is accepted only with a
 * token that passes the same check as a request's (signature, expiry, the user active, the token
 * not revoked); otherwise graphql-ws closes it with 4403 Forbidden. Each subscribe then passes
 * the access guard like a query.
 */
export function subscriptionOptions(tokens: AccessTokens) {
  return {
    'graphql-ws': {
      path: '/graphql',
      onConnect: async (ctx: { connectionParams?: Readonly<Record<string, unknown>> }): Promise<boolean> => {
        const match = /^Bearer\s+(\S+)$/i.exec(authorizationOf(ctx.connectionParams) ?? '');
        if (!match) return false;
        try {
          await tokens.verify(match[1]);
          return true;
        } catch {
          return false;
        }
      },
    },
  };
}
