import { Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { MatchingModule } from '../matching/matching.module.js';
import { MatchingService } from '../matching/matching.service.js';
import { DEFAULT_BACKOFF } from '../search/retry.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationFanout, type RankEligible } from './notification-fanout.js';
import { NotificationWorker } from './notification-worker.js';
import { createMailTransport, type MailTransport } from './mail-transport.js';
import { NotificationFeed } from './notification-feed.js';
import { NOTIFICATION_FEED, NotificationLive } from './notification-live.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { MailboxController } from './mailbox.controller.js';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** The top N eligible suppliers of a requirement, by the matching scorer (the suppliers' own view uses the same one). */
export function rankEligibleWith(matching: MatchingService): RankEligible {
  return async (requirementId, limit) => {
    const requirement = await matching.loadRequirement(requirementId);
    const { page } = await matching.rankPage(requirement, null, limit, null);
    return page.filter((m) => m.eligible).slice(0, limit).map((m) => m.supplierId);
  };
}

export function createNotificationWorker(dataSource: DataSource, matching: MatchingService, transport: MailTransport, config: AppConfig): NotificationWorker {
  const repository = new NotificationsRepository();
  return new NotificationWorker(dataSource, repository, new NotificationFanout(repository, rankEligibleWith(matching), config.notificationsTopN), transport, {
    intervalMs: config.notificationsIntervalMs,
    batchSize: 20,
    backoff: DEFAULT_BACKOFF,
    from: config.mailFrom,
    digestHour: config.notificationsDigestHour,
  });
}

/**
 * Notifications (floor 5: reads the market): the worker that turns domain events into
 * notices and e-mails, the inbox and settings over GraphQL, live delivery over graphql-ws, and
 * outside production the development mailbox page.
 */
@Module({})
export class NotificationsModule implements OnApplicationBootstrap, OnModuleDestroy {
  static register(options: { mailbox: boolean }): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [MatchingModule],
      controllers: options.mailbox ? [MailboxController] : [],
      providers: [
        { provide: MAIL_TRANSPORT, useFactory: (config: AppConfig) => createMailTransport(config.smtpUrl), inject: [APP_CONFIG] },
        { provide: NotificationWorker, useFactory: createNotificationWorker, inject: [DataSource, MatchingService, MAIL_TRANSPORT, APP_CONFIG] },
        { provide: NOTIFICATION_FEED, useFactory: (ds: DataSource) => new NotificationFeed(String((ds.options as PostgresDataSourceOptions).url)), inject: [DataSource] },
        NotificationsService,
        NotificationLive,
        NotificationsResolver,
      ],
      exports: [NotificationWorker, NotificationsService],
    };
  }

  constructor(
    @Inject(NotificationWorker) private readonly worker: NotificationWorker,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker.stop();
    this.transport.close();
  }
}
