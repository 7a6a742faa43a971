import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SpecInput } from '../../common/spec.types.js';
import { KeepParsed } from '../../common/validation.pipe.js';
import { GraphQLLocalDate } from '../../common/local-date.scalar.js';
import { Designation } from '../../organizations/organization.entity.js';
import { CATEGORY_CODE_PATTERN } from '../../taxonomy/category-code.js';
import { IsFreeText, IsName, NotNull } from '../../common/text-fields.js';


@InputType()
export class CreateCapabilityInput {
  @Field(() => ID, { nullable: true, description: 'Only a platform admin names another organisation.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Field()
  @IsString()
  @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be a taxonomy code such as CHIP.MCU' })
  @MaxLength(64)
  categoryCode: string;

  @Field({ defaultValue: '', description: 'What you make, in Chinese and/or English.' })
  @IsFreeText()
  @IsString()
  @MaxLength(5000)
  description: string = '';

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsName()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  products: string[] = [];

  @Field(() => [SpecInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SpecInput)
  specs: SpecInput[] = [];

  @Field(() => Int, { nullable: true, description: 'Units per year.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  annualCapacity?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  leadTimeDays?: number | null;

  @Field(() => [ID], { description: 'Your plants that produce it; at least one.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  siteIds: string[];
}

@InputType()
export class UpdateCapabilityInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int) @IsInt() @Min(1) version: number;
  @Field({ nullable: true }) @IsOptional() @IsFreeText() @IsString() @MaxLength(5000) @NotNull() description?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsName()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @NotNull()
  products?: string[];

  @Field(() => [SpecInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SpecInput)
  @NotNull()
  specs?: SpecInput[];

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000_000) annualCapacity?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(3650) leadTimeDays?: number | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  @NotNull()
  siteIds?: string[];
}

@InputType()
export class CertificationInput {
  @Field(() => ID, { nullable: true, description: 'Only a platform admin names another organisation.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Field({ description: 'Certification type code, e.g. IATF_16949.' })
  @IsString()
  @Length(1, 32)
  typeCode: string;

  @Field(() => String, { nullable: true, description: 'Level in the type\'s scheme; omit for held-or-not types.' })
  @IsOptional()
  @IsString()
  @Length(1, 8)
  level?: string | null;

  @Field()
  @IsName()
  @IsString()
  @Length(1, 100)
  certificateNumber: string;

  @Field({ defaultValue: '' })
  @IsName({ allowEmpty: true })
  @IsString()
  @MaxLength(200)
  issuer: string = '';

  @Field(() => GraphQLLocalDate) @KeepParsed()
  validFrom: string;

  @Field(() => GraphQLLocalDate) @KeepParsed()
  validUntil: string;
}

@InputType()
export class UpdateCertificationInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int) @IsInt() @Min(1) version: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 8) level?: string | null;
  @Field({ nullable: true }) @IsOptional() @IsName({ allowEmpty: true }) @IsString() @MaxLength(200) @NotNull() issuer?: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) @KeepParsed() @IsOptional() @NotNull() validFrom?: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) @KeepParsed() @IsOptional() @NotNull() validUntil?: string;
}

@InputType()
export class DeleteInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int) @IsInt() @Min(1) version: number;
}

@InputType()
export class SetDesignationsInput {
  @Field(() => ID) @IsUUID() organizationId: string;

  @Field(() => [Designation])
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(Designation, { each: true })
  designations: Designation[];
}
