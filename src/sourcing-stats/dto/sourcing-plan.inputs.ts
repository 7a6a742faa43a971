import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsName } from '../../common/text-fields.js';
import { REGION_CODE_PATTERN } from '../../locality/region-codes.js';
import { CATEGORY_CODE_PATTERN } from '../../taxonomy/category-code.js';
import { MIN_YEAR } from '../period.js';
import { LeverKind } from '../sourcing-plan.models.js';
import { PeriodInput } from './sourcing-stats.inputs.js';

/** Items a scenario may pick one by one, per list. */
export const MAX_PICKED = 500;

@ArgsType()
export class SourcingLeverArgs {
  @Field({ description: 'The jurisdiction (province, city or county code); local supply is sought in its province.' })
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'region must be a six-digit GB/T 2260 code' })
  region: string;

  @Field(() => PeriodInput, { description: 'The period of the rate the levers move (the items are counted as signed in it).' })
  @ValidateNested()
  @Type(() => PeriodInput)
  period: PeriodInput;

  @Field(() => Int, { defaultValue: 10, description: 'Items listed per lever, largest value first, 0 to 50 (the totals cover every item).' })
  @IsInt()
  @Min(0)
  @Max(50)
  itemsPerLever: number = 10;

  @Field(() => Int, { defaultValue: 3, description: 'Demand gaps: suppliers outside the province listed per gap, 0 to 10.' })
  @IsInt()
  @Min(0)
  @Max(10)
  nearest: number = 3;
}

@InputType({ description: 'A pick of whole levers and of single items (ids as SourcingLeverItem.id gives them). An item already inside a picked lever counts once.' })
export class SourcingScenarioPickInput {
  @Field(() => [LeverKind], { defaultValue: [] })
  @IsEnum(LeverKind, { each: true })
  @ArrayMaxSize(3)
  levers: LeverKind[] = [];

  @Field(() => [ID], { defaultValue: [], description: 'OPEN_REQUIREMENTS items.' })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(MAX_PICKED)
  requirementIds: string[] = [];

  @Field(() => [String], { defaultValue: [], description: 'DEMAND_GAPS items (category codes).' })
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @Matches(CATEGORY_CODE_PATTERN, { each: true, message: 'each category code must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  @ArrayMaxSize(MAX_PICKED)
  categoryCodes: string[] = [];

  @Field(() => [ID], { defaultValue: [], description: 'RENEWALS items.' })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(MAX_PICKED)
  contractIds: string[] = [];
}

@ArgsType()
export class SourcingScenarioArgs {
  @Field()
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'region must be a six-digit GB/T 2260 code' })
  region: string;

  @Field(() => PeriodInput)
  @ValidateNested()
  @Type(() => PeriodInput)
  period: PeriodInput;

  @Field(() => SourcingScenarioPickInput)
  @ValidateNested()
  @Type(() => SourcingScenarioPickInput)
  pick: SourcingScenarioPickInput;
}

@InputType({ description: 'Saves a scenario for the caller\'s bureau: a new one without id, else replaces the one with that id.' })
export class SaveSourcingScenarioInput extends SourcingScenarioPickInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  id?: string | null;

  @Field()
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  regionCode: string;

  @Field({ description: 'Unique within the bureau, 1 to 100 characters.' })
  @IsName()
  @IsString()
  @Length(1, 100)
  name: string;
}

@ArgsType()
export class SourcingPaceArgs {
  @Field()
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'region must be a six-digit GB/T 2260 code' })
  region: string;

  @Field(() => Int, { nullable: true, description: 'Last year of the series; default: that of the last complete quarter.' })
  @IsOptional()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(2027)
  throughYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last quarter of the series, 1 to 4; default: the last complete quarter (Q4 when only throughYear is given).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  throughQuarter?: number | null;
}
