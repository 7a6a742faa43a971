import { Args, Context, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import type { Connection } from '../common/pagination.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationLive } from './notification-live.js';
import { NotificationConnection, NotificationModel, NotificationSettingsModel, NotificationsMarkedModel } from './notification.models.js';
import { MarkNotificationsReadInput, NotificationsArgs, UpdateNotificationSettingsInput } from './dto/notification.inputs.js';

const EVERYONE = [Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN] as const;

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly live: NotificationLive,
  ) {}

  @Roles(...EVERYONE)
  @Query(() => NotificationConnection, { description: 'Your inbox, newest first.' })
  notifications(@CurrentUser() actor: Principal, @Args() args: NotificationsArgs): Promise<Connection<NotificationModel>> {
    return this.service.list(actor, args.first, args.after, args.unreadOnly, args.language ?? null);
  }

  @Roles(...EVERYONE)
  @Query(() => Int, { description: 'How many notifications in your inbox are unread (the badge).' })
  unreadNotificationCount(@CurrentUser() actor: Principal): Promise<number> {
    return this.service.unreadCount(actor);
  }

  @Roles(...EVERYONE)
  @Mutation(() => NotificationsMarkedModel, { description: 'Marks these notifications of yours read.' })
  markNotificationsRead(@CurrentUser() actor: Principal, @Args('input') input: MarkNotificationsReadInput): Promise<NotificationsMarkedModel> {
    return this.service.markRead(actor, input.ids);
  }

  @Roles(...EVERYONE)
  @Mutation(() => NotificationsMarkedModel, { description: 'Marks every notification of yours read.' })
  markAllNotificationsRead(@CurrentUser() actor: Principal): Promise<NotificationsMarkedModel> {
    return this.service.markRead(actor, null);
  }

  @Roles(...EVERYONE)
  @Query(() => NotificationSettingsModel, { description: 'Your language, e-mail rhythm and where each kind of notice goes.' })
  notificationSettings(@CurrentUser() actor: Principal): Promise<NotificationSettingsModel> {
    return this.service.settings(actor);
  }

  @Roles(...EVERYONE)
  @Mutation(() => NotificationSettingsModel, { description: 'Changes your language, daily digest and per-kind preferences (only what is given).' })
  updateNotificationSettings(@CurrentUser() actor: Principal, @Args('input') input: UpdateNotificationSettingsInput): Promise<NotificationSettingsModel> {
    return this.service.updateSettings(actor, input);
  }

  @Roles(...EVERYONE)
  @Subscription(() => NotificationModel, {
    description: 'Your new inbox notifications as they arrive (graphql-ws at /graphql; the token goes in the connection\'s `authorization` parameter).',
    resolve: (notification: NotificationModel) => notification,
  })
  notificationAdded(@CurrentUser() actor: Principal, @Context() ctx: GraphQLRequestContext): Promise<AsyncIterableIterator<NotificationModel>> {
    return this.live.stream(actor, ctx.req);
  }
}
