import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../../common/decimal.scalar.js';
import { KeepParsed } from '../../common/validation.pipe.js';
import { PageArgs } from '../../common/pagination.js';
import { FOCUS_AREAS } from '../../taxonomy/taxonomy.data.js';
import { Basis, Scope, SourceFilter } from '../sourcing-figures.js';
import { MAX_YEAR, MIN_YEAR } from '../period.js';
import { REGION_CODE_PATTERN } from '../../locality/region-codes.js';
import { CATEGORY_CODE_PATTERN } from '../../taxonomy/category-code.js';
import { IsFreeText } from '../../common/text-fields.js';

export const FOCUS_AREA_KEYS = [...FOCUS_AREAS, 'OTHER'] as const;

@InputType({ description: 'Whole calendar quarters of the signing date: { startYear: 2025 } is 2025; { startYear: 2025, startQuarter: 2, endQuarter: 2 } is 2025Q2; at most 40 quarters.' })
export class PeriodInput {
  @Field(() => Int)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  startYear: number;

  @Field(() => Int, { nullable: true, description: 'Default 1.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  startQuarter?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default: startYear.' })
  @IsOptional()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  endYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 4.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  endQuarter?: number | null;
}

@ArgsType()
export class SourcingRateArgs {
  @Field({ description: 'The jurisdiction: a GB/T 2260 province, city or county code (e.g. 330000, 330200, 330206).' })
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'region must be a six-digit GB/T 2260 code' })
  region: string;

  @Field(() => PeriodInput)
  @ValidateNested()
  @Type(() => PeriodInput)
  period: PeriodInput;

  @Field(() => Basis, { defaultValue: Basis.VALUE })
  @IsEnum(Basis)
  basis: Basis = Basis.VALUE;

  @Field(() => Scope, { defaultValue: Scope.PROVINCE })
  @IsEnum(Scope)
  scope: Scope = Scope.PROVINCE;

  @Field(() => SourceFilter, { defaultValue: SourceFilter.ALL })
  @IsEnum(SourceFilter)
  source: SourceFilter = SourceFilter.ALL;

  @Field(() => Boolean, { defaultValue: false, description: 'Only contracts their supplier confirmed (and awards): leaves out the recorded contracts no supplier has confirmed.' })
  @IsBoolean()
  confirmedOnly?: boolean = false;
}

@InputType({ description: 'Which contracts behind a figure: a breakdown row\'s key goes in the matching field (a quarter row: set the period to that quarter).' })
export class SourcingContractFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: the local ones (the numerator\'s); false: the non-local ones; unset: all (the denominator\'s).' })
  @IsOptional()
  @IsBoolean()
  local?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A city or county within the region (byCity / byCounty key).' })
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'area must be a six-digit GB/T 2260 code' })
  area?: string | null;

  @Field(() => ID, { nullable: true, description: 'A buying OEM (byOem key).' })
  @IsOptional()
  @IsUUID()
  buyerOrganizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'A category and its sub-categories (byCategory key).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  categoryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'COCKPIT, CHASSIS, CHIP or OTHER (byFocusArea key).' })
  @IsOptional()
  @IsIn(FOCUS_AREA_KEYS)
  focusArea?: string | null;
}

@ArgsType()
export class SourcingContractArgs extends PageArgs {
  @Field({ description: 'The jurisdiction, as for localSourcingRate.' })
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'region must be a six-digit GB/T 2260 code' })
  region: string;

  @Field(() => PeriodInput)
  @ValidateNested()
  @Type(() => PeriodInput)
  period: PeriodInput;

  @Field(() => Scope, { defaultValue: Scope.PROVINCE, description: 'Decides what `local` in the filter and in each row means.' })
  @IsEnum(Scope)
  scope: Scope = Scope.PROVINCE;

  @Field(() => SourceFilter, { defaultValue: SourceFilter.ALL })
  @IsEnum(SourceFilter)
  source: SourceFilter = SourceFilter.ALL;

  @Field(() => Boolean, { defaultValue: false, description: 'Only contracts their supplier confirmed (and awards): leaves out the recorded contracts no supplier has confirmed.' })
  @IsBoolean()
  confirmedOnly?: boolean = false;

  @Field(() => SourcingContractFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourcingContractFilter)
  filter?: SourcingContractFilter | null;
}

@ArgsType()
export class DemandGapArgs {
  @Field({ description: 'The jurisdiction whose OPEN requirements (by delivery plant) are examined; local supply is sought in its province.' })
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'region must be a six-digit GB/T 2260 code' })
  region: string;

  @Field(() => String, { nullable: true, description: 'Only this category and its sub-categories.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  categoryCode?: string | null;

  @Field(() => Int, { defaultValue: 3, description: 'Supplier plants outside the province to list per gap, 0 to 10.' })
  @IsInt()
  @Min(0)
  @Max(10)
  nearest: number = 3;
}

@ArgsType()
export class DemandGapRequirementArgs extends PageArgs {
  @Field()
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'region must be a six-digit GB/T 2260 code' })
  region: string;

  @Field({ description: 'A gap\'s categoryCode (exact).' })
  @IsString()
  @MaxLength(64)
  @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  categoryCode: string;
}

@InputType({ description: 'A jurisdiction\'s baseline. Without enteredRate the baseline rate is computed from the baseline year\'s contracts for whatever basis and scope is asked; with it, it applies to its basis and scope and needs a sourceNote.' })
export class SetSourcingBaselineInput {
  @Field()
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  regionCode: string;

  @Field(() => Int)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  baselineYear: number;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'Percentage points above the baseline; default 10 (the plan\'s), more than 0 and at most 100.' })
  @IsOptional()
  @KeepParsed()
  targetIncreasePp?: Decimal | null;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'A published rate as a fraction (0.45 = 45 %).' })
  @IsOptional()
  @KeepParsed()
  enteredRate?: Decimal | null;

  @Field(() => Basis, { nullable: true, description: 'Basis of the entered rate; default VALUE.' })
  @IsOptional()
  @IsEnum(Basis)
  enteredBasis?: Basis | null;

  @Field(() => Scope, { nullable: true, description: 'Scope of the entered rate; default PROVINCE.' })
  @IsOptional()
  @IsEnum(Scope)
  enteredScope?: Scope | null;

  @Field({ defaultValue: '', description: 'Where an entered rate comes from (required with one).' })
  @IsFreeText()
  @IsString()
  @Length(0, 1000)
  sourceNote: string = '';
}
