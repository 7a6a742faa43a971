import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ExplorerController } from './explorer.controller.js';
import { explorerRedirect } from './explorer-redirect.middleware.js';

/** The GraphQL explorer (see explorer.controller.ts), and the redirect to it from GET /graphql in a browser. */
@Module({ controllers: [ExplorerController] })
export class ExplorerModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(explorerRedirect).forRoutes({ path: 'graphql', method: RequestMethod.GET });
  }
}
