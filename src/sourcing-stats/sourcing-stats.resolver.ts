import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import type { Connection } from '../common/pagination.js';
import { SourcingStatsService } from './sourcing-stats.service.js';
import {
  DemandGapModel, DemandGapRequirementConnection, DemandGapRequirementModel, LocalSourcingRateModel, RATE_DEFINITION, SourcingBaselineModel,
  SourcingContractConnection, SourcingContractModel, SourcingTargetModel,
} from './sourcing-stats.models.js';
import { DemandGapArgs, DemandGapRequirementArgs, SetSourcingBaselineInput, SourcingContractArgs, SourcingRateArgs } from './dto/sourcing-stats.inputs.js';

/** Economic bureaus within their jurisdiction (checked by the service); platform admins everywhere. */
const READERS = [Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN];

@Resolver(() => LocalSourcingRateModel)
export class SourcingStatsResolver {
  constructor(private readonly stats: SourcingStatsService) {}

  @Roles(...READERS)
  @Query(() => LocalSourcingRateModel, { description: `本地配套率 with breakdowns by city, county, OEM, focus area, category and quarter, and the target. ${RATE_DEFINITION}` })
  localSourcingRate(@CurrentUser() actor: Principal, @Args() args: SourcingRateArgs): Promise<LocalSourcingRateModel> {
    return this.stats.localSourcingRate(actor, args);
  }

  @ResolveField(() => SourcingTargetModel, { nullable: true, description: 'Against the region\'s baseline and target; null when no baseline is set (setSourcingBaseline).' })
  target(@Parent() rate: LocalSourcingRateModel): Promise<SourcingTargetModel | null> {
    return this.stats.target(rate);
  }

  @Roles(...READERS)
  @Query(() => SourcingContractConnection, { description: 'Drill-down: the contracts behind a figure of localSourcingRate (same region, period, scope and source; a breakdown row\'s key in the filter), newest first.' })
  sourcingContracts(@CurrentUser() actor: Principal, @Args() args: SourcingContractArgs): Promise<Connection<SourcingContractModel>> {
    return this.stats.contracts(actor, args);
  }

  @Roles(...READERS)
  @Query(() => [DemandGapModel], { description: 'Demand gaps (招商线索): OPEN requirements delivered in the region for which no supplier plant in its province passes the hard filters, by category, largest demanded value first.' })
  demandGaps(@CurrentUser() actor: Principal, @Args() args: DemandGapArgs): Promise<DemandGapModel[]> {
    return this.stats.demandGaps(actor, args);
  }

  @Roles(...READERS)
  @Query(() => DemandGapRequirementConnection, { description: 'The requirements behind one demand gap, by SOP date.' })
  demandGapRequirements(@CurrentUser() actor: Principal, @Args() args: DemandGapRequirementArgs): Promise<Connection<DemandGapRequirementModel>> {
    return this.stats.demandGapRequirements(actor, args);
  }

  @Roles(...READERS)
  @Query(() => SourcingBaselineModel, { nullable: true, description: 'The baseline set for a region, if any.' })
  sourcingBaseline(@CurrentUser() actor: Principal, @Args('regionCode') regionCode: string): Promise<SourcingBaselineModel | null> {
    return this.stats.baseline(actor, regionCode);
  }

  @Roles(...READERS)
  @Mutation(() => SourcingBaselineModel, { description: 'Sets or replaces a region\'s baseline year (and target increase, default 10 pp); optionally an entered rate with its source.' })
  setSourcingBaseline(@CurrentUser() actor: Principal, @Args('input') input: SetSourcingBaselineInput): Promise<SourcingBaselineModel> {
    return this.stats.setBaseline(actor, input);
  }
}
