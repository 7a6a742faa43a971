import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AwardService } from './award.service.js';
import { ContractsService } from './contracts.service.js';
import { RecordedContractsService } from './recorded-contracts.service.js';
import { ContractImportService, type ContractImportReport } from './import/contract-import.service.js';
import { OcdsService, type OcdsPage } from './ocds/ocds.service.js';
import { ContractStatus, ReviewStatus, SupplierConfirmation, type Contract } from './contract.entity.js';
import { Decimal } from 'decimal.js';
import { AwardResultModel, ContractAmendmentModel, DeclaredSupplierPlantModel, ContractTermsModel, ContractConnection, ContractImportReportModel, ContractModel, LocalitySnapshotModel, OcdsPageModel, QualificationOverrideModel, RecordContractResultModel } from './contract.models.js';
import { AmendContractInput, AwardRequirementInput, ContractListArgs, ContractStatusChangeInput, ImportContractsArgs, RecordContractInput, ReviewContractInput, SupplierContractAnswerInput, TerminateContractInput } from './dto/contract.inputs.js';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import { PageArgs, type Connection } from '../common/pagination.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { required } from '../common/loaders.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import type { OrganizationLoaders } from '../organizations/organization.loaders.js';
import type { TaxonomyLoaders } from '../taxonomy/taxonomy.loaders.js';
import type { RequirementLoaders } from '../requirements/requirement.loaders.js';
import type { QuoteLoaders } from '../quotes/quote.loaders.js';
import type { ContractLoaders } from './contract.loaders.js';
import { OrganizationModel, SiteModel } from '../organizations/organization.model.js';
import { PartCategoryModel } from '../taxonomy/taxonomy.models.js';
import { RequirementModel } from '../requirements/requirement.model.js';
import { QuoteModel } from '../quotes/quote.models.js';

/** The loaders this file's fields read. */
type RequestContext = GraphQLRequestContext<OrganizationLoaders & TaxonomyLoaders & RequirementLoaders & QuoteLoaders & ContractLoaders>;

const READERS = [Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST];

@Resolver(() => ContractModel)
export class ContractsResolver {
  constructor(
    private readonly awards: AwardService,
    private readonly contractService: ContractsService,
    private readonly recorded: RecordedContractsService,
    private readonly imports: ContractImportService,
    private readonly ocds: OcdsService,
  ) {}

  @Roles(Role.OEM_BUYER)
  @Mutation(() => AwardResultModel, { description: 'Awards quotes on your OPEN requirement: one contract per quote, all in one transaction. Idempotent on idempotencyKey.' })
  async awardRequirement(@CurrentUser() actor: Principal, @Args('input') input: AwardRequirementInput): Promise<AwardResultModel> {
    const { award, contracts, replayed } = await this.awards.award(actor, input);
    return { awardId: award.id, requirementId: award.requirementId, idempotencyKey: award.idempotencyKey, replayed, contracts };
  }

  @Roles(...READERS)
  @Query(() => ContractModel, { description: 'A contract of your organisation (as buyer or supplier), or for a bureau one whose buyer plant is in its jurisdiction.' })
  contract(@CurrentUser() actor: Principal, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<ContractModel> {
    return this.contractService.get(actor, id);
  }

  @Roles(...READERS)
  @Query(() => ContractConnection, { description: 'The contracts you may read, most recently signed first.' })
  contracts(@CurrentUser() actor: Principal, @Args() args: ContractListArgs): Promise<Connection<ContractModel>> {
    return this.contractService.list(actor, args.filter ?? {}, args.first, args.after);
  }

  @Roles(...READERS)
  @Query(() => OcdsPageModel, { description: 'The contracts you may read as an OCDS 1.1 release package, one release per contracting process, paged by process.' })
  contractsAsOcds(@CurrentUser() actor: Principal, @Args() args: ContractListArgs): Promise<OcdsPage> {
    return this.ocds.pageFor(actor, args.filter ?? {}, args.first, args.after);
  }

  @Roles(Role.OEM_BUYER)
  @Mutation(() => ContractModel, { description: 'SIGNED → ACTIVE: supply has started.' })
  activateContract(@CurrentUser() actor: Principal, @Args('input') input: ContractStatusChangeInput): Promise<ContractModel> {
    return this.contractService.transition(actor, input, ContractStatus.ACTIVE);
  }

  @Roles(Role.OEM_BUYER)
  @Mutation(() => ContractModel, { description: 'ACTIVE → COMPLETED.' })
  completeContract(@CurrentUser() actor: Principal, @Args('input') input: ContractStatusChangeInput): Promise<ContractModel> {
    return this.contractService.transition(actor, input, ContractStatus.COMPLETED);
  }

  @Roles(Role.OEM_BUYER)
  @Mutation(() => ContractModel, { description: 'SIGNED or ACTIVE → TERMINATED, with the reason and the value delivered if known.' })
  terminateContract(@CurrentUser() actor: Principal, @Args('input') input: TerminateContractInput): Promise<ContractModel> {
    return this.contractService.terminate(actor, input);
  }

  @Roles(Role.OEM_BUYER)
  @Mutation(() => ContractModel, { description: 'Changes the value, volume or dates of a SIGNED or ACTIVE contract; every amendment is kept.' })
  amendContract(@CurrentUser() actor: Principal, @Args('input') input: AmendContractInput): Promise<ContractModel> {
    return this.contractService.amend(actor, input);
  }

  @Roles(Role.PLATFORM_ADMIN, Role.BUREAU_ANALYST)
  @Query(() => ContractConnection, { description: 'Contracts held for review (an implausible value for their buyer): all for a platform admin, a bureau\'s in its jurisdiction.' })
  contractsHeldForReview(@CurrentUser() actor: Principal, @Args() args: PageArgs): Promise<Connection<ContractModel>> {
    return this.contractService.heldForReview(actor, args.first, args.after);
  }

  @Roles(Role.PLATFORM_ADMIN, Role.BUREAU_ANALYST)
  @Mutation(() => ContractModel, { description: 'Releases a contract held for review: it counts in the official figure.' })
  releaseContract(@CurrentUser() actor: Principal, @Args('input') input: ReviewContractInput): Promise<ContractModel> {
    return this.contractService.review(actor, input, ReviewStatus.RELEASED);
  }

  @Roles(Role.PLATFORM_ADMIN, Role.BUREAU_ANALYST)
  @Mutation(() => ContractModel, { description: 'Rejects a contract held for review: it never counts in the official figure.' })
  rejectContract(@CurrentUser() actor: Principal, @Args('input') input: ReviewContractInput): Promise<ContractModel> {
    return this.contractService.review(actor, input, ReviewStatus.REJECTED);
  }

  @Roles(Role.SUPPLIER_ADMIN)
  @Mutation(() => ContractModel, { description: 'The supplier named by a recorded contract confirms it: these are its terms.' })
  confirmContract(@CurrentUser() actor: Principal, @Args('input') input: SupplierContractAnswerInput): Promise<ContractModel> {
    return this.contractService.answerAsSupplier(actor, input, SupplierConfirmation.CONFIRMED);
  }

  @Roles(Role.SUPPLIER_ADMIN)
  @Mutation(() => ContractModel, { description: 'The supplier named by a recorded contract disputes it, saying why (note required).' })
  disputeContract(@CurrentUser() actor: Principal, @Args('input') input: SupplierContractAnswerInput): Promise<ContractModel> {
    return this.contractService.answerAsSupplier(actor, input, SupplierConfirmation.DISPUTED);
  }

  @Roles(Role.OEM_BUYER)
  @Mutation(() => RecordContractResultModel, { description: 'Records a contract your organisation made outside the platform; idempotent on your reference.' })
  recordContract(@CurrentUser() actor: Principal, @Args('input') input: RecordContractInput): Promise<RecordContractResultModel> {
    return this.recorded.record(actor, input);
  }

  @Roles(Role.OEM_BUYER)
  @Mutation(() => ContractImportReportModel, { description: 'Records your existing contracts from CSV, row by row; re-importing the same file records nothing new.' })
  importContracts(@CurrentUser() actor: Principal, @Args() args: ImportContractsArgs): Promise<ContractImportReport> {
    return this.imports.importCsv(actor, args.csv);
  }

  @ResolveField(() => LocalitySnapshotModel, { description: 'Taken at signing; later plant edits never change it.' })
  localitySnapshot(@Parent() k: ContractModel & LocalitySnapshotModel): LocalitySnapshotModel {
    const { buyerRegionCode, supplierRegionCode, supplierCountryCode, sameCounty, sameCity, sameProvince, distanceKm } = k;
    return { buyerRegionCode, supplierRegionCode, supplierCountryCode, sameCounty, sameCity, sameProvince, distanceKm };
  }

  @ResolveField(() => QualificationOverrideModel, { nullable: true, description: 'Set when the award chose a supplier failing the hard filters: the buyer\'s reason and the failures. Null otherwise (always for a RECORDED contract).' })
  qualificationOverride(@Parent() k: Pick<Contract, 'qualificationOverrideReason' | 'qualificationOverrideFailures' | 'qualificationOverriddenAt'>): QualificationOverrideModel | null {
    if (k.qualificationOverrideReason == null || k.qualificationOverriddenAt == null) return null;
    return { reason: k.qualificationOverrideReason, failures: k.qualificationOverrideFailures ?? [], overriddenAt: k.qualificationOverriddenAt };
  }

  @ResolveField(() => [ContractAmendmentModel], { description: 'Every amendment, first to last.' })
  async amendments(@Parent() k: ContractModel, @Context() ctx: RequestContext): Promise<ContractAmendmentModel[]> {
    return (await ctx.loaders.contractAmendments.load(k.id)).map((a) => ({ ...a, before: termsOf(a.before), after: termsOf(a.after) }));
  }

  @ResolveField(() => OrganizationModel)
  async buyerOrganization(@Parent() k: ContractModel, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    return required(await ctx.loaders.organization.load(k.buyerOrganizationId), 'buyer', k.id);
  }

  @ResolveField(() => OrganizationModel)
  async supplierOrganization(@Parent() k: ContractModel, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    return required(await ctx.loaders.organization.load(k.supplierOrganizationId), 'supplier', k.id);
  }

  @ResolveField(() => SiteModel, { description: 'The buyer plant, as it is today (see localitySnapshot for where it was at signing).' })
  async buyerSite(@Parent() k: ContractModel, @Context() ctx: RequestContext): Promise<SiteModel> {
    return required(await ctx.loaders.site.load(k.buyerSiteId), 'buyer site', k.id);
  }

  @ResolveField(() => SiteModel, { nullable: true, description: 'The supplier\'s registered plant, as it is today, when the contract names one (always for an award; for a recorded contract when the supplier has a plant of the declared name and place). See supplierPlant and localitySnapshot.' })
  async supplierSite(@Parent() k: ContractModel, @Context() ctx: RequestContext): Promise<SiteModel | null> {
    return k.supplierSiteId ? required(await ctx.loaders.site.load(k.supplierSiteId), 'supplier site', k.id) : null;
  }

  @ResolveField(() => DeclaredSupplierPlantModel, { nullable: true, description: 'The supplying plant as the buyer declared it (recorded contracts); null for an award.' })
  supplierPlant(@Parent() k: ContractModel & DeclaredPlantColumns): DeclaredSupplierPlantModel | null {
    if (k.supplierPlantName === null || k.supplierPlantLat === null || k.supplierPlantLon === null) return null;
    return { name: k.supplierPlantName, address: k.supplierPlantAddress ?? '', countryCode: k.supplierCountryCode, regionCode: k.supplierRegionCode, lat: k.supplierPlantLat, lon: k.supplierPlantLon };
  }

  @ResolveField(() => PartCategoryModel)
  async category(@Parent() k: ContractModel, @Context() ctx: RequestContext): Promise<PartCategoryModel> {
    return required(await ctx.loaders.category.load(k.categoryCode), 'category', k.id);
  }

  // Nested objects obey their root query's rule: null where requirement(id) answers NOT_FOUND
  // (canReadRequirement), and null where quote(id) refuses (canReadQuote: NOT_FOUND, or
  // FORBIDDEN for a bureau analyst), so a party or a bureau never reads through a contract
  // what it may not read directly.
  @ResolveField(() => RequirementModel, { nullable: true, description: 'The requirement an awarded contract came from, if you may read it (as requirement(id)).' })
  requirement(@Parent() k: ContractModel, @Context() ctx: RequestContext): Promise<RequirementModel | null> {
    return k.requirementId ? ctx.loaders.requirement.load(k.requirementId) : Promise.resolve(null);
  }

  @ResolveField(() => QuoteModel, { nullable: true, description: 'The accepted quote an awarded contract came from, if you may read it (as quote(id)): null for a bureau analyst.' })
  quote(@Parent() k: ContractModel, @Context() ctx: RequestContext): Promise<QuoteModel | null> {
    return k.quoteId ? ctx.loaders.quote.load(k.quoteId) : Promise.resolve(null);
  }
}

interface DeclaredPlantColumns {
  supplierPlantName: string | null;
  supplierPlantAddress: string | null;
  supplierPlantLat: number | null;
  supplierPlantLon: number | null;
  supplierCountryCode: string;
  supplierRegionCode: string | null;
}

/** The terms an amendment recorded (jsonb: decimals as strings), typed for GraphQL. */
function termsOf(record: Record<string, unknown>): ContractTermsModel {
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : null);
  const unitPrice = text('unitPrice');
  const totalValue = text('totalValue');
  return {
    unitPrice: unitPrice === null ? null : new Decimal(unitPrice),
    volume: typeof record.volume === 'number' ? record.volume : null,
    totalValue: totalValue === null ? null : new Decimal(totalValue),
    startDate: text('startDate'),
    endDate: text('endDate'),
  };
}
