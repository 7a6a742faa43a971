import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Decimal } from 'decimal.js';
import { QuotesService } from './quotes.service.js';
import { QuoteComparisonModel, QuoteConnection, QuoteInvitationConnection, QuoteInvitationModel, QuoteModel, QuoteRevisionModel } from './quote.models.js';
import { InviteSuppliersInput, MyQuotesArgs, QuoteComparisonArgs, ReviseQuoteInput, SubmitQuoteInput, WithdrawQuoteInput } from './dto/quote.inputs.js';
import { contractValue } from '../common/money.js';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import { PageArgs, type Connection } from '../common/pagination.js';
import { GraphQLDecimal } from '../common/decimal.scalar.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { required } from '../common/loaders.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import type { OrganizationLoaders } from '../organizations/organization.loaders.js';
import type { RequirementLoaders } from '../requirements/requirement.loaders.js';
import type { QuoteLoaders } from './quote.loaders.js';
import { RequirementModel } from '../requirements/requirement.model.js';
import { OrganizationModel, SiteModel } from '../organizations/organization.model.js';

/** The loaders this file's fields read. */
type RequestContext = GraphQLRequestContext<OrganizationLoaders & RequirementLoaders & QuoteLoaders>;

@Resolver(() => QuoteInvitationModel)
export class QuoteInvitationsResolver {
  constructor(private readonly quotes: QuotesService) {}

  @Roles(Role.OEM_BUYER)
  @Mutation(() => [QuoteInvitationModel], { description: 'Invites suppliers to quote on your OPEN requirement; returns their invitations (existing ones unchanged).' })
  inviteSuppliers(@CurrentUser() actor: Principal, @Args('input') input: InviteSuppliersInput): Promise<QuoteInvitationModel[]> {
    return this.quotes.invite(actor, input);
  }

  @Roles(Role.OEM_BUYER)
  @Query(() => [QuoteInvitationModel], { description: 'Whom you invited to quote on your requirement.' })
  quoteInvitations(@CurrentUser() actor: Principal, @Args('requirementId', { type: () => ID }, UuidPipe) requirementId: string): Promise<QuoteInvitationModel[]> {
    return this.quotes.invitationsFor(actor, requirementId);
  }

  @Roles(Role.SUPPLIER_ADMIN)
  @Query(() => QuoteInvitationConnection, { description: 'Invitations your organisation received, newest first.' })
  myQuoteInvitations(@CurrentUser() actor: Principal, @Args() args: PageArgs): Promise<Connection<QuoteInvitationModel>> {
    return this.quotes.myInvitations(actor, args.first, args.after);
  }

  // The rule of requirement(id) (canReadRequirement): null where that query answers NOT_FOUND,
  // e.g. for the invited supplier once the requirement is no longer OPEN.
  @ResolveField(() => RequirementModel, { nullable: true, description: 'The requirement, while you may read it (as requirement(id)); null otherwise.' })
  requirement(@Parent() i: QuoteInvitationModel, @Context() ctx: RequestContext): Promise<RequirementModel | null> {
    return ctx.loaders.requirement.load(i.requirementId);
  }

  @ResolveField(() => OrganizationModel)
  async supplier(@Parent() i: QuoteInvitationModel, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    return required(await ctx.loaders.organization.load(i.supplierId), 'supplier', i.id);
  }
}

@Resolver(() => QuoteModel)
export class QuotesResolver {
  constructor(private readonly quotes: QuotesService) {}

  @Roles(Role.SUPPLIER_ADMIN)
  @Mutation(() => QuoteModel, { description: 'Quotes on an OPEN requirement before its deadline, invited or not.' })
  submitQuote(@CurrentUser() actor: Principal, @Args('input') input: SubmitQuoteInput): Promise<QuoteModel> {
    return this.quotes.submit(actor, input);
  }

  @Roles(Role.SUPPLIER_ADMIN)
  @Mutation(() => QuoteModel, { description: 'A new revision of your SUBMITTED quote, before the deadline.' })
  reviseQuote(@CurrentUser() actor: Principal, @Args('input') input: ReviseQuoteInput): Promise<QuoteModel> {
    return this.quotes.revise(actor, input);
  }

  @Roles(Role.SUPPLIER_ADMIN)
  @Mutation(() => QuoteModel, { description: 'Withdraws your SUBMITTED quote, before the deadline.' })
  withdrawQuote(@CurrentUser() actor: Principal, @Args('input') input: WithdrawQuoteInput): Promise<QuoteModel> {
    return this.quotes.withdraw(actor, input);
  }

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN)
  @Query(() => QuoteModel, { description: 'A quote of your organisation, or one on your organisation\'s requirement.' })
  quote(@CurrentUser() actor: Principal, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<QuoteModel> {
    return this.quotes.get(actor, id);
  }

  @Roles(Role.SUPPLIER_ADMIN)
  @Query(() => QuoteConnection, { description: 'Your organisation\'s quotes, newest first.' })
  myQuotes(@CurrentUser() actor: Principal, @Args() args: MyQuotesArgs): Promise<Connection<QuoteModel>> {
    return this.quotes.myQuotes(actor, args.filter ?? {}, args.first, args.after);
  }

  @Roles(Role.OEM_BUYER)
  @Query(() => QuoteComparisonModel, { description: 'The quotes on your requirement side by side, sorted.' })
  quoteComparison(@CurrentUser() actor: Principal, @Args() args: QuoteComparisonArgs): Promise<QuoteComparisonModel> {
    return this.quotes.compare(actor, args);
  }

  @ResolveField(() => Boolean, { description: 'True when qualificationFailures is empty: the supplier passed the hard filters with this plant when it last submitted or revised.' })
  eligible(@Parent() q: QuoteModel): boolean {
    return q.qualificationFailures.length === 0;
  }

  @ResolveField(() => GraphQLDecimal, { description: 'Unit price × volume, CNY.' })
  totalValue(@Parent() q: QuoteModel): Decimal {
    return contractValue(q.unitPrice, q.volume);
  }

  // The rule of requirement(id) (canReadRequirement): null where that query answers NOT_FOUND,
  // e.g. for the quoting supplier once the requirement is awarded, closed or cancelled.
  @ResolveField(() => RequirementModel, { nullable: true, description: 'The requirement, while you may read it (as requirement(id)); null otherwise.' })
  requirement(@Parent() q: QuoteModel, @Context() ctx: RequestContext): Promise<RequirementModel | null> {
    return ctx.loaders.requirement.load(q.requirementId);
  }

  @ResolveField(() => OrganizationModel)
  async supplier(@Parent() q: QuoteModel, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    return required(await ctx.loaders.organization.load(q.supplierId), 'supplier', q.id);
  }

  @ResolveField(() => SiteModel, { description: 'The producing plant.' })
  async site(@Parent() q: QuoteModel, @Context() ctx: RequestContext): Promise<SiteModel> {
    return required(await ctx.loaders.site.load(q.siteId), 'site', q.id);
  }

  @ResolveField(() => [QuoteRevisionModel], { description: 'Every submitted state, first to last.' })
  revisions(@Parent() q: QuoteModel, @Context() ctx: RequestContext): Promise<QuoteRevisionModel[]> {
    return ctx.loaders.quoteRevisions.load(q.id);
  }
}
