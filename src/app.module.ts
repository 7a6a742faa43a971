import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { errorFormatter } from './common/error-formatter.js';
import { clientErrorStatus } from './common/http-status.plugin.js';
import { DEFAULT_LIMITS, aliasAndOperationLimit, complexityLimit, depthLimit } from './common/graphql-limits.js';
import { InputValidationPipe } from './common/validation.pipe.js';
import { GraphQLExceptionFilter } from './common/graphql-exception.filter.js';
import { GraphQLContextFactory, GraphQLContextModule, type Loaders } from './graphql-context.js';
import type { GraphQLRequestContext } from './access/request-context.js';
import { AccessModule } from './access/access.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { UserTokenHolders } from './auth/token-holders.js';
import { RegionsModule } from './regions/regions.module.js';
import { TaxonomyModule } from './taxonomy/taxonomy.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { OutboxModule } from './outbox/outbox.module.js';
import { RequirementsModule } from './requirements/requirements.module.js';
import { SuppliersModule } from './suppliers/suppliers.module.js';
import { SearchModule } from './search/search.module.js';
import { MatchingModule } from './matching/matching.module.js';
import { SourcingStatsModule } from './sourcing-stats/sourcing-stats.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ExplorerModule } from './explorer/explorer.module.js';
import { ContractsModule } from './contracts/contracts.module.js';
import { QuotesModule } from './quotes/quotes.module.js';
import { QuestionsModule } from './questions/questions.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { AccessTokens } from './access/tokens.js';
import { subscriptionOptions, subscriptionRequest, type SubscriptionContextInput } from './subscriptions.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Extra modules, for tests (e.g. a resolver without an access rule). */
  extraModules?: Type[];
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const production = options.config.nodeEnv === 'production';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config),
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl)),
        AccessModule.forRoot(UserTokenHolders),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [GraphQLContextModule],
          inject: [GraphQLContextFactory, AccessTokens],
          useFactory: (contexts: GraphQLContextFactory, tokens: AccessTokens) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            // No landing page from Apollo (its Sandbox loads from a CDN): outside production a
            // browser's GET /graphql is sent to the explorer this service serves (src/explorer/).
            graphiql: false,
            introspection: !production,
            allowBatchedHttpRequests: false,
            validationRules: [depthLimit(DEFAULT_LIMITS.maxDepth), aliasAndOperationLimit(DEFAULT_LIMITS.maxAliases, DEFAULT_LIMITS.maxOperations)],
            // No cache-control plugin: the service sets no cache hints, and the plugin would wrap
            // every field resolver of every request (Apollo wraps them when any plugin watches fields).
            plugins: [complexityLimit(DEFAULT_LIMITS.maxComplexity), clientErrorStatus(), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
            includeStacktraceInErrorResponses: false,
            formatError: errorFormatter({ hideSuggestions: production }),
            // Over HTTP Apollo passes { req }; over graphql-ws the socket's context (subscriptions.ts).
            context: (input: { req?: Request } & SubscriptionContextInput): GraphQLRequestContext<Loaders> => contexts.create(input.req ?? subscriptionRequest(input)),
            subscriptions: subscriptionOptions(tokens),
          }),
        }),
        AuditModule,
        RegionsModule,
        TaxonomyModule,
        OrganizationsModule,
        AuthModule,
        OutboxModule,
        RequirementsModule,
        SuppliersModule,
        SearchModule,
        MatchingModule,
        SourcingStatsModule,
        DashboardModule,
        ...(production ? [] : [ExplorerModule]),
        ContractsModule,
        QuotesModule,
        QuestionsModule,
        DocumentsModule,
        NotificationsModule.register({ mailbox: !production }),
        ...(options.extraModules ?? []),
      ],
      providers: [
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
      ],
    };
  }
}
