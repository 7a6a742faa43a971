import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import type { OrganizationLoaders } from '../organizations/organization.loaders.js';
import { OrganizationModel } from '../organizations/organization.model.js';
import { SearchService } from './search.service.js';
import { AddSearchSynonymsInput, RemoveSearchSynonymsArgs, SearchRequirementsArgs, SearchSuppliersArgs } from './dto/search.inputs.js';
import { RequirementSearchConnection, SearchIndexStatus, SearchSynonymGroupModel, SupplierSearchConnection, SupplierSearchHit } from './search.models.js';

/** The loaders this file's fields read. */
type RequestContext = GraphQLRequestContext<OrganizationLoaders>;

const SIGNED_IN = [Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN];

@Resolver()
export class SearchResolver {
  constructor(@Inject(SearchService) private readonly search: SearchService) {}

  @Roles(...SIGNED_IN)
  @Query(() => SupplierSearchConnection, {
    description: 'Suppliers by capability text (Chinese, English or mixed; category and focus-area names, synonyms, one-letter typos), category subtree, certification level, plant region and designation, best first (ties: nearest your first plant, then verified, then id), with labelled facet counts.',
  })
  searchSuppliers(@CurrentUser() actor: Principal, @Args() args: SearchSuppliersArgs): Promise<SupplierSearchConnection> {
    return this.search.searchSuppliers(actor, args);
  }

  @Roles(...SIGNED_IN)
  @Query(() => RequirementSearchConnection, {
    description: 'Requirements you may see (OPEN ones; a buyer also its own in any status; a platform admin all), by text and filters, best first.',
  })
  searchRequirements(@CurrentUser() actor: Principal, @Args() args: SearchRequirementsArgs): Promise<RequirementSearchConnection> {
    return this.search.searchRequirements(actor, args);
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Query(() => [SearchSynonymGroupModel], { description: 'The synonym groups search expands queries with.' })
  searchSynonyms(): Promise<SearchSynonymGroupModel[]> {
    return this.search.listSynonyms();
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Mutation(() => SearchSynonymGroupModel, { description: 'Adds a group of interchangeable search terms; searches use it within seconds.' })
  addSearchSynonyms(@CurrentUser() actor: Principal, @Args('input') input: AddSearchSynonymsInput): Promise<SearchSynonymGroupModel> {
    return this.search.addSynonyms(actor, input);
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Mutation(() => Boolean)
  removeSearchSynonyms(@CurrentUser() actor: Principal, @Args() args: RemoveSearchSynonymsArgs): Promise<boolean> {
    return this.search.removeSynonyms(actor, args.id);
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Query(() => SearchIndexStatus, { description: 'Which backend runs, how far the indexer is behind, and whether the index settings drifted.' })
  searchIndexStatus(): Promise<SearchIndexStatus> {
    return this.search.status();
  }
}

@Resolver(() => SupplierSearchHit)
export class SupplierSearchHitResolver {
  @ResolveField(() => OrganizationModel, { nullable: true, description: 'The supplier\'s current profile (null if it was removed since it was indexed).' })
  organization(@Parent() hit: SupplierSearchHit, @Context() ctx: RequestContext): Promise<OrganizationModel | null> {
    return ctx.loaders.organization.load(hit.id);
  }
}
