import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Request } from 'express';
import type { GraphQLRequestContext } from './access/request-context.js';
import type { Principal } from './access/role.js';
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

type Reader = () => Principal | undefined;
/** One feature's loaders, made together (they may share state). */
type LoaderGroup = (dataSource: DataSource, reader: Reader) => object;

const GROUPS: readonly LoaderGroup[] = [
  createRegionLoaders,
  createTaxonomyLoaders,
  createOrganizationLoaders,
  createRequirementLoaders,
  createSupplierLoaders,
  createQuoteLoaders,
  createContractLoaders,
  createQuestionLoaders,
  createDocumentLoaders,
];

const SOURCE = Symbol('dataSource');
const READER = Symbol('reader');

interface LazyLoaders {
  [SOURCE]: DataSource;
  [READER]: Reader;
}

/**
 * A prototype whose getters make a feature's loaders on the first read of any of them, within
 * one request, and keep them on that request's object: a request reading two loaders makes two
 * features' sets, not all of them (most requests read none or a few). The names come from making
 * each set once, here, at start.
 */
function lazyLoadersPrototype(dataSource: DataSource): object {
  const prototype: object = {};
  for (const group of GROUPS) {
    const names = Object.keys(group(dataSource, () => undefined));
    for (const name of names) {
      Object.defineProperty(prototype, name, {
        enumerable: true,
        configurable: true,
        get(this: LazyLoaders) {
          const made = group(this[SOURCE], this[READER]) as Record<string, unknown>;
          for (const [key, loader] of Object.entries(made)) Object.defineProperty(this, key, { value: loader, enumerable: true, writable: false, configurable: false });
          return made[name];
        },
      });
    }
  }
  return prototype;
}

/**
 * Makes the GraphQL context of one request. Loaders that cross to an object with its own
 * visibility rule (requirements, quotes) ask for the request's principal when their batch
 * runs — after the access guard has verified the token and recorded it.
 */
@Injectable()
export class GraphQLContextFactory {
  private readonly prototype: object;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.prototype = lazyLoadersPrototype(dataSource);
  }

  create(req: Request): GraphQLRequestContext<Loaders> {
    const loaders = Object.create(this.prototype) as LazyLoaders;
    loaders[SOURCE] = this.dataSource;
    loaders[READER] = () => principalOfHttpRequest(req);
    return { req, loaders: loaders as unknown as Loaders };
  }
}

@Module({ providers: [GraphQLContextFactory], exports: [GraphQLContextFactory] })
export class GraphQLContextModule {}
