import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLRequestContext } from '../access/request-context.js';
import { AuthService } from './auth.service.js';
import { AuthPayload, ChangePasswordInput, CreateOrganizationInput, CreateUserInput, LoginInput, RegisterInput, UserStatusInput } from './dto/auth.inputs.js';
import { UserModel } from './user.model.js';
import { CurrentUser, Public, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import { OrganizationModel } from '../organizations/organization.model.js';
import type { OrganizationLoaders } from '../organizations/organization.loaders.js';
import { required } from '../common/loaders.js';

@Resolver(() => UserModel)
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Signs in; the token expires (see expiresAt).' })
  login(@Args('input') input: LoginInput, @Context() ctx: GraphQLRequestContext): Promise<AuthPayload> {
    return this.auth.login(input, ctx.req.ip ?? ctx.req.socket.remoteAddress ?? 'unknown');
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Signs up an OEM or supplier (unverified until the platform checks it) with its first user.' })
  register(@Args('input') input: RegisterInput): Promise<AuthPayload> {
    return this.auth.register(input);
  }

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
  @Query(() => UserModel, { description: 'The signed-in user.' })
  me(@CurrentUser() principal: Principal): Promise<UserModel> {
    return this.auth.me(principal);
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Mutation(() => OrganizationModel, { description: 'Onboards an organisation (verified) with its first user.' })
  createOrganization(@CurrentUser() actor: Principal, @Args('input') input: CreateOrganizationInput): Promise<OrganizationModel> {
    return this.auth.createOrganization(actor, input);
  }

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
  @Mutation(() => UserModel, { description: 'Adds a user: to your own organisation if you administer it; anywhere for a platform admin.' })
  createUser(@CurrentUser() actor: Principal, @Args('input') input: CreateUserInput): Promise<UserModel> {
    return this.auth.createUser(actor, input);
  }

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
  @Mutation(() => AuthPayload, { description: 'Changes your password (the current one is required); every earlier token stops working, the answer carries a new one.' })
  changePassword(@CurrentUser() principal: Principal, @Args('input') input: ChangePasswordInput): Promise<AuthPayload> {
    return this.auth.changePassword(principal, input);
  }

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
  @Mutation(() => UserModel, { description: 'Disables a user (your own organisation\'s if you administer it; anyone\'s for a platform admin): it cannot sign in, and every token of it stops working at once.' })
  disableUser(@CurrentUser() actor: Principal, @Args('input') input: UserStatusInput): Promise<UserModel> {
    return this.auth.setUserActive(actor, input.userId, false);
  }

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
  @Mutation(() => UserModel, { description: 'Re-enables a disabled user (same rule as disableUser); its old tokens stay refused.' })
  enableUser(@CurrentUser() actor: Principal, @Args('input') input: UserStatusInput): Promise<UserModel> {
    return this.auth.setUserActive(actor, input.userId, true);
  }

  @ResolveField(() => OrganizationModel, { description: 'The user\'s organisation (every user has one); its `sites` are its plants.' })
  async organization(@Parent() user: UserModel, @Context() ctx: GraphQLRequestContext<OrganizationLoaders>): Promise<OrganizationModel> {
    return required(await ctx.loaders.organization.load(user.organizationId), 'organization', user.id);
  }
}
