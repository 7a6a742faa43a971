import { Args, Context, Query, ResolveField, Parent, Resolver } from '@nestjs/graphql';
import { ExplainArgs, MatchConnection, MatchModel, MatchesArgs, OpportunityConnection, OpportunityModel } from './matching.models.js';
import { MatchingService } from './matching.service.js';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import { PageArgs, type Connection } from '../common/pagination.js';
import { RequirementModel } from '../requirements/requirement.model.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import type { OrganizationLoaders } from '../organizations/organization.loaders.js';
import type { RequirementLoaders } from '../requirements/requirement.loaders.js';
import { OrganizationModel, SiteModel } from '../organizations/organization.model.js';
import { required } from '../common/loaders.js';

/** The loaders this file's fields read. */
type RequestContext = GraphQLRequestContext<OrganizationLoaders & RequirementLoaders>;

@Resolver(() => MatchModel)
export class MatchingResolver {
  constructor(private readonly matching: MatchingService) {}

  @Roles(Role.OEM_BUYER, Role.PLATFORM_ADMIN)
  @Query(() => MatchConnection, { description: 'Suppliers ranked for your requirement, local first, each factor explained.' })
  matchesForRequirement(@CurrentUser() actor: Principal, @Args() args: MatchesArgs): Promise<Connection<MatchModel>> {
    return this.matching.matchesForRequirement(actor, args.requirementId, args.weights ?? null, args.first, args.after);
  }

  @Roles(Role.OEM_BUYER, Role.PLATFORM_ADMIN)
  @Query(() => MatchModel, { description: 'The breakdown for any supplier, including which hard filter it fails and why.' })
  explainMatch(@CurrentUser() actor: Principal, @Args() args: ExplainArgs): Promise<MatchModel> {
    return this.matching.explainMatch(actor, args.requirementId, args.supplierId, args.weights ?? null);
  }

  @ResolveField(() => SiteModel, { nullable: true })
  async site(@Parent() parent: { siteId: string | null }, @Context() ctx: RequestContext): Promise<SiteModel | null> {
    return parent.siteId ? ctx.loaders.site.load(parent.siteId) : null;
  }

  @ResolveField(() => OrganizationModel)
  async supplier(@Parent() match: MatchModel, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    return required(await ctx.loaders.organization.load(match.supplierId), 'supplier', match.supplierId);
  }
}

@Resolver(() => OpportunityModel)
export class OpportunitiesResolver {
  constructor(private readonly matching: MatchingService) {}

  @Roles(Role.SUPPLIER_ADMIN)
  @Query(() => OpportunityConnection, { description: 'OPEN requirements you qualify for, ranked for your profile by the same scorer.' })
  opportunitiesForSupplier(@CurrentUser() actor: Principal, @Args() page: PageArgs): Promise<Connection<OpportunityModel>> {
    return this.matching.opportunitiesForSupplier(actor, page.first, page.after);
  }

  @ResolveField(() => SiteModel, { nullable: true })
  async site(@Parent() parent: { siteId: string | null }, @Context() ctx: RequestContext): Promise<SiteModel | null> {
    return parent.siteId ? ctx.loaders.site.load(parent.siteId) : null;
  }

  // The rule of requirement(id) (canReadRequirement): an opportunity is OPEN when ranked, so
  // readable; null if it stopped being OPEN before this field was resolved.
  @ResolveField(() => RequirementModel, { nullable: true, description: 'An OPEN requirement, visible to every supplier; null once it is no longer OPEN.' })
  requirement(@Parent() opportunity: OpportunityModel, @Context() ctx: RequestContext): Promise<RequirementModel | null> {
    return ctx.loaders.requirement.load(opportunity.requirementId);
  }
}
