import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokens } from '../access/tokens.js';
import type { Principal } from '../access/role.js';
import { NotificationsService } from './notifications.service.js';
import type { NotificationFeed } from './notification-feed.js';
import type { NotificationModel } from './notification.models.js';

export const NOTIFICATION_FEED = Symbol('NOTIFICATION_FEED');

/**
 * A subscriber's stream of new inbox notifications. Before each one is sent, the connection's
 * token is checked again as on any request (signature, expiry, the user still active and the
 * token not revoked): a disabled user's or an expired token's stream ends there.
 */
@Injectable()
export class NotificationLive implements OnModuleDestroy {
  constructor(
    @Inject(NOTIFICATION_FEED) private readonly feed: NotificationFeed,
    private readonly notifications: NotificationsService,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
  ) {}

  async stream(actor: Principal, req: Request): Promise<AsyncIterableIterator<NotificationModel>> {
    const header = req.headers?.authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const ids = await this.feed.idsFor(actor.userId);
    const end = async (): Promise<IteratorResult<NotificationModel>> => {
      await ids.return?.();
      return { done: true, value: undefined };
    };
    const iterator: AsyncIterableIterator<NotificationModel> = {
      next: async () => {
        for (;;) {
          const next = await ids.next();
          if (next.done) return { done: true, value: undefined };
          try {
            if (!token) return await end();
            const principal = await this.tokens.verify(token);
            if (principal.userId !== actor.userId) return await end();
          } catch {
            return await end();
          }
          const notification = await this.notifications.one(actor.userId, next.value);
          if (notification) return { done: false, value: notification };
        }
      },
      return: end,
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  async onModuleDestroy(): Promise<void> {
    await this.feed.close();
  }
}
