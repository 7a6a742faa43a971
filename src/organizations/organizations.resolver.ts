import { UuidPipe } from '../common/uuid.pipe.js';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganizationConnection, OrganizationModel, SiteModel } from './organization.model.js';
import { VerificationDecisionInput } from './dto/verification.input.js';
import { PageArgs, type Connection } from '../common/pagination.js';
import { OrganizationsService } from './organizations.service.js';
import { CreateSiteInput, UpdateSiteInput } from './dto/site.input.js';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import { RegionModel } from '../regions/region.model.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import type { OrganizationLoaders } from './organization.loaders.js';
import type { RegionLoaders } from '../regions/region.loaders.js';
import { required } from '../common/loaders.js';

/** The loaders this file's fields read. */
type RequestContext = GraphQLRequestContext<OrganizationLoaders & RegionLoaders>;

const EVERYONE = [Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN];

@Resolver(() => OrganizationModel)
export class OrganizationsResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @Roles(...EVERYONE)
  @Query(() => OrganizationModel, { description: 'Any organisation\'s public profile.' })
  organization(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<OrganizationModel> {
    return this.organizations.get(id);
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Mutation(() => OrganizationModel)
  setOrganizationVerified(
    @CurrentUser() actor: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('verified') verified: boolean,
  ): Promise<OrganizationModel> {
    return this.organizations.setVerified(actor, id, verified);
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Query(() => OrganizationConnection, { description: 'OEMs and suppliers waiting for verification (unverified, not refused), oldest registration first.' })
  organizationsAwaitingVerification(@Args() args: PageArgs): Promise<Connection<OrganizationModel>> {
    return this.organizations.awaitingVerification(args.first, args.after);
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Mutation(() => OrganizationModel, { description: 'Verifies an OEM or supplier (credit code and licence checked), with the reason; audit logged.' })
  verifyOrganization(@CurrentUser() actor: Principal, @Args('input') input: VerificationDecisionInput): Promise<OrganizationModel> {
    return this.organizations.decideVerification(actor, input.id, true, input.reason);
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Mutation(() => OrganizationModel, { description: 'Refuses to verify an OEM or supplier, with the reason; it leaves the queue, stays unverified, and its contracts do not count. Audit logged.' })
  refuseVerification(@CurrentUser() actor: Principal, @Args('input') input: VerificationDecisionInput): Promise<OrganizationModel> {
    return this.organizations.decideVerification(actor, input.id, false, input.reason);
  }

  @ResolveField(() => [SiteModel])
  sites(@Parent() organization: OrganizationModel, @Context() ctx: RequestContext): Promise<SiteModel[]> {
    return ctx.loaders.sitesOfOrganization.load(organization.id);
  }
}

@Resolver(() => SiteModel)
export class SitesResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.PLATFORM_ADMIN)
  @Mutation(() => SiteModel, { description: 'Adds a plant to your organisation.' })
  createSite(@CurrentUser() actor: Principal, @Args('input') input: CreateSiteInput): Promise<SiteModel> {
    return this.organizations.createSite(actor, input);
  }

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.PLATFORM_ADMIN)
  @Mutation(() => SiteModel, { description: 'Edits a plant; send the version you read.' })
  updateSite(@CurrentUser() actor: Principal, @Args('input') input: UpdateSiteInput): Promise<SiteModel> {
    return this.organizations.updateSite(actor, input);
  }

  @ResolveField(() => RegionModel, { nullable: true })
  region(@Parent() site: SiteModel, @Context() ctx: RequestContext): Promise<RegionModel | null> {
    return site.regionCode ? ctx.loaders.region.load(site.regionCode) : Promise.resolve(null);
  }

  @ResolveField(() => OrganizationModel)
  async organization(@Parent() site: SiteModel, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    return required(await ctx.loaders.organization.load(site.organizationId), 'organization', site.id);
  }
}
