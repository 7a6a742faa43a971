import { UuidPipe } from '../common/uuid.pipe.js';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequirementConnection, RequirementModel, RequiredCertificationModel } from './requirement.model.js';
import { RequirementsService } from './requirements.service.js';
import { CreateRequirementInput, RequirementListArgs, StatusChangeInput, UpdateRequirementInput } from './dto/requirement.inputs.js';
import { RequirementStatus } from './requirement-status.js';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import type { Connection } from '../common/pagination.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import type { OrganizationLoaders } from '../organizations/organization.loaders.js';
import type { TaxonomyLoaders } from '../taxonomy/taxonomy.loaders.js';
import type { RequirementLoaders } from './requirement.loaders.js';
import { OrganizationModel, SiteModel } from '../organizations/organization.model.js';
import { PartCategoryModel } from '../taxonomy/taxonomy.models.js';
import { required } from '../common/loaders.js';

/** The loaders this file's fields read. */
type RequestContext = GraphQLRequestContext<OrganizationLoaders & TaxonomyLoaders & RequirementLoaders>;

const BUYERS = [Role.OEM_BUYER];

@Resolver(() => RequirementModel)
export class RequirementsResolver {
  constructor(private readonly requirements: RequirementsService) {}

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
  @Query(() => RequirementModel, { description: 'Your organisation\'s requirement, or any OPEN one.' })
  requirement(@CurrentUser() actor: Principal, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<RequirementModel> {
    return this.requirements.get(actor, id);
  }

  @Roles(Role.OEM_BUYER, Role.PLATFORM_ADMIN)
  @Query(() => RequirementConnection, { description: 'Your organisation\'s requirements in any status, newest first.' })
  myRequirements(
    @CurrentUser() actor: Principal,
    @Args() args: RequirementListArgs,
  ): Promise<Connection<RequirementModel>> {
    return this.requirements.listOwn(actor, args.filter ?? {}, args.first, args.after);
  }

  @Roles(Role.SUPPLIER_ADMIN, Role.OEM_BUYER, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
  @Query(() => RequirementConnection, { description: 'OPEN requirements of all OEMs, newest first (ranking comes with matching).' })
  openRequirements(@Args() args: RequirementListArgs): Promise<Connection<RequirementModel>> {
    return this.requirements.listOpen(args.filter ?? {}, args.first, args.after);
  }

  @Roles(...BUYERS)
  @Mutation(() => RequirementModel, { description: 'Drafts a requirement for one of your plants.' })
  createRequirement(@CurrentUser() actor: Principal, @Args('input') input: CreateRequirementInput): Promise<RequirementModel> {
    return this.requirements.create(actor, input);
  }

  @Roles(...BUYERS)
  @Mutation(() => RequirementModel)
  updateRequirement(@CurrentUser() actor: Principal, @Args('input') input: UpdateRequirementInput): Promise<RequirementModel> {
    return this.requirements.update(actor, input);
  }

  @Roles(...BUYERS)
  @Mutation(() => RequirementModel, { description: 'DRAFT → OPEN: suppliers can see it and quote.' })
  publishRequirement(@CurrentUser() actor: Principal, @Args('input') input: StatusChangeInput): Promise<RequirementModel> {
    return this.requirements.transition(actor, input, RequirementStatus.OPEN);
  }

  @Roles(...BUYERS)
  @Mutation(() => RequirementModel, { description: 'OPEN → CLOSED without an award.' })
  closeRequirement(@CurrentUser() actor: Principal, @Args('input') input: StatusChangeInput): Promise<RequirementModel> {
    return this.requirements.transition(actor, input, RequirementStatus.CLOSED);
  }

  @Roles(...BUYERS)
  @Mutation(() => RequirementModel, { description: 'DRAFT or OPEN → CANCELLED.' })
  cancelRequirement(@CurrentUser() actor: Principal, @Args('input') input: StatusChangeInput): Promise<RequirementModel> {
    return this.requirements.transition(actor, input, RequirementStatus.CANCELLED);
  }

  // The field resolvers below take graphql-js's (parent, args, context) without parameter
  // decorators: @nestjs/graphql then calls the method directly instead of through its
  // parameter-and-pipe wrapper, a cost paid once per field per row of a list (50 requirements ×
  // 3 relations per page). Nothing is lost: no pipe validates a parent or a context, and guards
  // do not run on field resolvers (`fieldResolverEnhancers` is empty).
  @ResolveField(() => OrganizationModel)
  async organization(r: RequirementModel, _args: unknown, ctx: RequestContext): Promise<OrganizationModel> {
    return required(await ctx.loaders.organization.load(r.organizationId), 'organization', r.id);
  }

  @ResolveField(() => SiteModel)
  async deliverySite(r: RequirementModel, _args: unknown, ctx: RequestContext): Promise<SiteModel> {
    return required(await ctx.loaders.site.load(r.deliverySiteId), 'site', r.id);
  }

  @ResolveField(() => PartCategoryModel)
  async category(r: RequirementModel, _args: unknown, ctx: RequestContext): Promise<PartCategoryModel> {
    return required(await ctx.loaders.category.load(r.categoryCode), 'category', r.id);
  }

  @ResolveField(() => [RequiredCertificationModel])
  requiredCertifications(r: RequirementModel, _args: unknown, ctx: RequestContext): Promise<RequiredCertificationModel[]> {
    return ctx.loaders.requiredCertifications.load(r.id);
  }
}
