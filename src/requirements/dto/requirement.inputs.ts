import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { PageArgs } from '../../common/pagination.js';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../../common/decimal.scalar.js';
import { GraphQLLocalDate } from '../../common/local-date.scalar.js';
import { SpecInput } from '../../common/spec.types.js';
import { KeepParsed } from '../../common/validation.pipe.js';
import { RequirementStatus } from '../requirement-status.js';
import { CATEGORY_CODE_PATTERN } from '../../taxonomy/category-code.js';
import { REGION_CODE_PATTERN } from '../../locality/region-codes.js';
import { IsFreeText, IsName, NotNull } from '../../common/text-fields.js';
import { IsNotBefore } from '../../common/date-order.js';

registerEnumType(RequirementStatus, { name: 'RequirementStatus' });


@InputType()
export class RequiredCertificationInput {
  @Field({ description: 'A certification type code, e.g. ISO_26262.' })
  @IsString()
  @Length(1, 32)
  typeCode: string;

  @Field(() => String, { nullable: true, description: 'Minimum level in the type\'s scheme (e.g. "C" for ASIL C, "1" for AEC grade 1); omit when holding it is enough.' })
  @IsOptional()
  @IsString()
  @Length(1, 8)
  minLevel?: string | null;
}

@InputType({ description: 'Matching weights (0–1 each, summing to 1); unset ones keep their defaults.' })
export class MatchWeightsInput {
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) fit?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) locality?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) certification?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) capacity?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) designation?: number;
}

@InputType()
export class CreateRequirementInput {
  @Field(() => ID, { description: 'One of your organisation\'s plants.' })
  @IsUUID()
  deliverySiteId: string;

  @Field({ description: 'Part category code from the taxonomy, e.g. CHASSIS.BRAKE_BY_WIRE.' })
  @IsString()
  @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  @MaxLength(64)
  categoryCode: string;

  @Field()
  @IsName()
  @IsString()
  @Length(1, 200)
  title: string;

  @Field({ defaultValue: '' })
  @IsFreeText()
  @IsString()
  @MaxLength(5000)
  description: string = '';

  @Field(() => [SpecInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SpecInput)
  specs: SpecInput[] = [];

  @Field(() => Int, { description: 'Units per year, at least 1.' })
  @IsInt()
  @Min(1, { message: 'annualVolume must be at least 1' })
  @Max(1_000_000_000)
  annualVolume: number;

  @Field(() => GraphQLDecimal, { description: 'Target unit price in CNY.' })
  @KeepParsed()
  targetUnitPrice: Decimal;

  @Field(() => GraphQLLocalDate, { description: 'Start of production; today or later.' }) @KeepParsed()
  sopDate: string;

  @Field(() => GraphQLISODateTime, { description: 'Quotes close at this instant; before the SOP.' })
  @KeepParsed()
  @IsDate()
  quoteDeadline: Date;

  @Field(() => [RequiredCertificationInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RequiredCertificationInput)
  requiredCertifications: RequiredCertificationInput[] = [];

  @Field(() => MatchWeightsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchWeightsInput)
  matchWeights?: MatchWeightsInput | null;
}

@InputType({ description: 'Changes to a DRAFT or OPEN requirement; send the version you read.' })
export class UpdateRequirementInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => Int) @IsInt() @Min(1) version: number;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() @NotNull() deliverySiteId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  @MaxLength(64)
  @NotNull()
  categoryCode?: string;

  @Field({ nullable: true }) @IsOptional() @IsName() @IsString() @Length(1, 200) @NotNull() title?: string;

  @Field({ nullable: true }) @IsOptional() @IsFreeText() @IsString() @MaxLength(5000) @NotNull() description?: string;

  @Field(() => [SpecInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SpecInput)
  @NotNull()
  specs?: SpecInput[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'annualVolume must be at least 1' })
  @Max(1_000_000_000)
  @NotNull()
  annualVolume?: number;

  @Field(() => GraphQLDecimal, { nullable: true }) @IsOptional() @KeepParsed() @NotNull() targetUnitPrice?: Decimal;

  @Field(() => GraphQLLocalDate, { nullable: true }) @KeepParsed() @IsOptional() @NotNull() sopDate?: string;

  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @KeepParsed() @IsDate() @NotNull() quoteDeadline?: Date;

  @Field(() => [RequiredCertificationInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RequiredCertificationInput)
  @NotNull()
  requiredCertifications?: RequiredCertificationInput[];

  @Field(() => MatchWeightsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchWeightsInput)
  matchWeights?: MatchWeightsInput | null;
}

@InputType()
export class RequirementFilter {
  @Field(() => [RequirementStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(RequirementStatus, { each: true })
  status?: RequirementStatus[];

  @Field({ nullable: true, description: 'This category and its sub-categories.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  categoryCode?: string;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() deliverySiteId?: string;

  @Field(() => String, { nullable: true, description: 'Delivery plant within this province, city or county code.' })
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field(() => GraphQLLocalDate, { nullable: true }) @KeepParsed() @IsOptional() sopFrom?: string;

  @Field(() => GraphQLLocalDate, { nullable: true }) @KeepParsed() @IsOptional() @IsNotBefore('sopFrom') sopTo?: string;
}

@InputType()
export class StatusChangeInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => Int, { description: 'The version you read.' }) @IsInt() @Min(1) version: number;
}

@ArgsType()
export class RequirementListArgs extends PageArgs {
  @Field(() => RequirementFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequirementFilter)
  filter?: RequirementFilter | null;
}
