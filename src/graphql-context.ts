import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Request } from 'express';
import type { GraphQLRequestContext } from './access/request-context.js';
import { principalOfHttpRequest } from './access/access.guard.js';
import { createRegionLoaders, type RegionLoaders } from './regions/region.loaders.js';
import { createTaxonomyLoaders, type TaxonomyLoaders } from './taxonomy/taxonomy.loaders.js';
import { createOrganizationLoaders, type OrganizationLoaders } from './organizations/organization.loaders.js';
import { createRequirementLoaders, type RequirementLoaders } from './requirements/requirement.loaders.js';
import { createSupplierLoaders, type SupplierLoaders } from './suppliers/supplier.loaders.js';
import { createQuoteLoaders, type QuoteLoaders } from './quotes/quote.loaders.js';
import { createContractLoaders, type ContractLoaders } from './contracts/contract.loaders.js';
import { createQuestionLoaders, type QuestionLoaders } from './questions/question.loaders.js';
import { createDocumentLoaders, type DocumentLoaders } from './documents/document.loaders.js';

/** Every feature's batch loaders: one fresh set per request. */
export type Loaders = RegionLoaders & TaxonomyLoaders & OrganizationLoaders & RequirementLoaders & SupplierLoaders & QuoteLoaders & ContractLoaders & QuestionLoaders & DocumentLoaders;

/**
 * Makes the GraphQL context of one request. Loaders that cross to an object with its own
 * visibility rule (requirements, quotes) ask for the request's principal when their batch
 * runs — after the access guard has verified the token and recorded it.
 */
@Injectable()
export class GraphQLContextFactory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(req: Request): GraphQLRequestContext<Loaders> {
    const reader = () => principalOfHttpRequest(req);
    const loaders: Loaders = {
      ...createRegionLoaders(this.dataSource),
      ...createTaxonomyLoaders(this.dataSource),
      ...createOrganizationLoaders(this.dataSource),
      ...createRequirementLoaders(this.dataSource, reader),
      ...createSupplierLoaders(this.dataSource),
      ...createQuoteLoaders(this.dataSource, reader),
      ...createContractLoaders(this.dataSource),
      ...createQuestionLoaders(this.dataSource, reader),
      ...createDocumentLoaders(this.dataSource, reader),
    };
    return { req, loaders };
  }
}

@Module({ providers: [GraphQLContextFactory], exports: [GraphQLContextFactory] })
export class GraphQLContextModule {}
