import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CapabilityModel, SupplierCertificationModel } from './supplier.models.js';
import { SupplierProfileService } from './supplier-profile.service.js';
import { CertificationInput, CreateCapabilityInput, DeleteInput, SetDesignationsInput, UpdateCapabilityInput, UpdateCertificationInput } from './dto/profile.inputs.js';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import { OrganizationModel, SiteModel } from '../organizations/organization.model.js';
import { PartCategoryModel } from '../taxonomy/taxonomy.models.js';
import type { Site } from '../organizations/site.entity.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import type { OrganizationLoaders } from '../organizations/organization.loaders.js';
import type { TaxonomyLoaders } from '../taxonomy/taxonomy.loaders.js';
import type { SupplierLoaders } from './supplier.loaders.js';
import { required } from '../common/loaders.js';
import { todayInChina } from '../common/local-date.scalar.js';

/** The loaders this file's fields read. */
type RequestContext = GraphQLRequestContext<OrganizationLoaders & TaxonomyLoaders & SupplierLoaders>;

const PROFILE_EDITORS = [Role.SUPPLIER_ADMIN, Role.PLATFORM_ADMIN];

@Resolver(() => OrganizationModel)
export class SupplierProfileResolver {
  constructor(private readonly profiles: SupplierProfileService) {}

  @Roles(...PROFILE_EDITORS)
  @Mutation(() => CapabilityModel)
  createCapability(@CurrentUser() actor: Principal, @Args('input') input: CreateCapabilityInput): Promise<CapabilityModel> {
    return this.profiles.createCapability(actor, input);
  }

  @Roles(...PROFILE_EDITORS)
  @Mutation(() => CapabilityModel, { description: 'Send the version you read.' })
  updateCapability(@CurrentUser() actor: Principal, @Args('input') input: UpdateCapabilityInput): Promise<CapabilityModel> {
    return this.profiles.updateCapability(actor, input);
  }

  @Roles(...PROFILE_EDITORS)
  @Mutation(() => Boolean)
  deleteCapability(@CurrentUser() actor: Principal, @Args('input') input: DeleteInput): Promise<boolean> {
    return this.profiles.deleteCapability(actor, input);
  }

  @Roles(...PROFILE_EDITORS)
  @Mutation(() => SupplierCertificationModel)
  addCertification(@CurrentUser() actor: Principal, @Args('input') input: CertificationInput): Promise<SupplierCertificationModel> {
    return this.profiles.addCertification(actor, input);
  }

  @Roles(...PROFILE_EDITORS)
  @Mutation(() => SupplierCertificationModel, { description: 'Send the version you read.' })
  updateCertification(@CurrentUser() actor: Principal, @Args('input') input: UpdateCertificationInput): Promise<SupplierCertificationModel> {
    return this.profiles.updateCertification(actor, input);
  }

  @Roles(...PROFILE_EDITORS)
  @Mutation(() => Boolean)
  removeCertification(@CurrentUser() actor: Principal, @Args('input') input: DeleteInput): Promise<boolean> {
    return this.profiles.removeCertification(actor, input);
  }

  @Roles(Role.PLATFORM_ADMIN, Role.BUREAU_ANALYST)
  @Mutation(() => OrganizationModel, { description: '专精特新 / 小巨人 / 单项冠军: granted by a platform admin or a bureau (for suppliers with a plant in its jurisdiction).' })
  setDesignations(@CurrentUser() actor: Principal, @Args('input') input: SetDesignationsInput): Promise<OrganizationModel> {
    return this.profiles.setDesignations(actor, input);
  }

  @ResolveField(() => [CapabilityModel], { description: 'A supplier\'s capabilities (empty for others).' })
  capabilities(@Parent() organization: OrganizationModel, @Context() ctx: RequestContext): Promise<CapabilityModel[]> {
    return ctx.loaders.capabilitiesOfOrganization.load(organization.id);
  }

  @ResolveField(() => [SupplierCertificationModel], { description: 'Certificates on the profile, expired ones included (see isValid).' })
  certifications(@Parent() organization: OrganizationModel, @Context() ctx: RequestContext): Promise<SupplierCertificationModel[]> {
    return ctx.loaders.certificationsOfOrganization.load(organization.id);
  }
}

@Resolver(() => CapabilityModel)
export class CapabilityFieldsResolver {
  @ResolveField(() => PartCategoryModel)
  async category(@Parent() capability: CapabilityModel, @Context() ctx: RequestContext): Promise<PartCategoryModel> {
    return required(await ctx.loaders.category.load(capability.categoryCode), 'category', capability.id);
  }

  @ResolveField(() => [SiteModel], { description: 'The plants that produce it.' })
  async sites(@Parent() capability: CapabilityModel, @Context() ctx: RequestContext): Promise<SiteModel[]> {
    const ids = await ctx.loaders.siteIdsOfCapability.load(capability.id);
    const sites = await ctx.loaders.site.loadMany(ids);
    return sites.filter((s): s is Site => s !== null && !(s instanceof Error));
  }
}

@Resolver(() => SupplierCertificationModel)
export class CertificationFieldsResolver {
  @ResolveField(() => Boolean, { description: 'Valid today (China time).' })
  isValid(@Parent() certification: SupplierCertificationModel): boolean {
    const today = todayInChina();
    return certification.validFrom <= today && today <= certification.validUntil;
  }
}
