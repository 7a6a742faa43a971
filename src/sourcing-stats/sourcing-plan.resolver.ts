import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import { SourcingPlanService } from './sourcing-plan.service.js';
import { SourcingLeversModel, SourcingMapModel, SourcingPaceModel, SourcingScenarioModel, SourcingScenarioResultModel } from './sourcing-plan.models.js';
import { SaveSourcingScenarioInput, SourcingLeverArgs, SourcingPaceArgs, SourcingScenarioArgs } from './dto/sourcing-plan.inputs.js';
import { PeriodInput } from './dto/sourcing-stats.inputs.js';
import { UuidPipe } from '../common/uuid.pipe.js';

const READERS = [Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN];

/** The path to the target: levers, scenarios, pace (issue 19). */
@Resolver()
export class SourcingPlanResolver {
  constructor(private readonly plan: SourcingPlanService) {}

  @Roles(...READERS)
  @Query(() => SourcingLeversModel, { description: 'Levers of the jurisdiction\'s rate (value basis, scope PROVINCE): open requirements with a qualified local plant, demand gaps, renewals — each in pp, with its items.' })
  sourcingLevers(@CurrentUser() actor: Principal, @Args() args: SourcingLeverArgs): Promise<SourcingLeversModel> {
    return this.plan.levers(actor, args);
  }

  @Roles(...READERS)
  @Query(() => SourcingScenarioResultModel, { description: 'The projected rate for a pick of levers and items, against the target.' })
  sourcingScenario(@CurrentUser() actor: Principal, @Args() args: SourcingScenarioArgs): Promise<SourcingScenarioResultModel> {
    return this.plan.scenario(actor, args);
  }

  @Roles(...READERS)
  @Query(() => SourcingPaceModel, { description: 'The quarterly rate, its linear trend to 2027Q4 with a 90 % band, and when the target would be reached at this pace (method in the answer).' })
  sourcingPace(@CurrentUser() actor: Principal, @Args() args: SourcingPaceArgs): Promise<SourcingPaceModel> {
    return this.plan.pace(actor, args);
  }

  @Roles(...READERS)
  @Query(() => SourcingMapModel, { description: 'Plants and local / non-local contract value by city (or county), at the areas\' centroids: a schematic map.' })
  sourcingMap(@CurrentUser() actor: Principal, @Args('region') region: string, @Args('period', { type: () => PeriodInput }) period: PeriodInput): Promise<SourcingMapModel> {
    return this.plan.map(actor, region, period);
  }

  @Roles(Role.BUREAU_ANALYST)
  @Query(() => [SourcingScenarioModel], { description: 'Your bureau\'s saved scenarios, by name.' })
  sourcingScenarios(@CurrentUser() actor: Principal): Promise<SourcingScenarioModel[]> {
    return this.plan.scenarios(actor);
  }

  @Roles(Role.BUREAU_ANALYST)
  @Query(() => SourcingScenarioResultModel, { description: 'One of your bureau\'s saved scenarios against today\'s figures for a period.' })
  evaluateSourcingScenario(
    @CurrentUser() actor: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('period', { type: () => PeriodInput }) period: PeriodInput,
  ): Promise<SourcingScenarioResultModel> {
    return this.plan.evaluateSaved(actor, id, period);
  }

  @Roles(Role.BUREAU_ANALYST)
  @Mutation(() => SourcingScenarioModel, { description: 'Saves (creates, or replaces by id) a scenario of your bureau.' })
  saveSourcingScenario(@CurrentUser() actor: Principal, @Args('input') input: SaveSourcingScenarioInput): Promise<SourcingScenarioModel> {
    return this.plan.saveScenario(actor, input);
  }

  @Roles(Role.BUREAU_ANALYST)
  @Mutation(() => Boolean, { description: 'Deletes a scenario of your bureau.' })
  deleteSourcingScenario(@CurrentUser() actor: Principal, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<boolean> {
    return this.plan.deleteScenario(actor, id);
  }
}
