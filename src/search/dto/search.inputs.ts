import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/pagination.js';
import { Designation } from '../../organizations/organization.entity.js';
import { RequirementStatus } from '../../requirements/requirement-status.js';
// Registers the RequirementStatus and Designation GraphQL enums used below.
import '../../requirements/dto/requirement.inputs.js';
import '../../organizations/organization.model.js';
import { REGION_CODE_PATTERN } from '../../locality/region-codes.js';
import { IsName } from '../../common/text-fields.js';

export enum SupplierSearchFacet {
  CATEGORY = 'category',
  CERTIFICATION = 'certification',
  PROVINCE = 'province',
  CITY = 'city',
  DESIGNATION = 'designation',
  VERIFIED = 'verified',
}

export enum RequirementSearchFacet {
  CATEGORY = 'category',
  STATUS = 'status',
  PROVINCE = 'province',
  CITY = 'city',
}

registerEnumType(SupplierSearchFacet, { name: 'SupplierSearchFacet', description: 'A field to count search hits by.' });
registerEnumType(RequirementSearchFacet, { name: 'RequirementSearchFacet', description: 'A field to count search hits by.' });

const CATEGORY_CODE = /^[A-Z0-9_]+(\.[A-Z0-9_]+)*$/;

@InputType({ description: 'A certification held and valid today, at or above a level.' })
export class CertificationFilterInput {
  @Field({ description: 'A certification type code, e.g. ISO_26262.' })
  @IsString()
  @Length(1, 32)
  typeCode: string;

  @Field(() => String, { nullable: true, description: 'Minimum level in the type\'s scheme (e.g. "C" for ASIL C or better); omit when holding it is enough.' })
  @IsOptional()
  @IsString()
  @Length(1, 8)
  minLevel?: string | null;
}

@InputType()
export class SupplierSearchFilter {
  @Field(() => String, { nullable: true, description: 'A category and everything under it, e.g. CHASSIS or CHASSIS.BRAKE_BY_WIRE.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(CATEGORY_CODE, { message: 'categoryCode must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  categoryCode?: string | null;

  @Field(() => [CertificationFilterInput], { nullable: true, description: 'Every one of these must be held.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CertificationFilterInput)
  certifications?: CertificationFilterInput[] | null;

  @Field(() => String, { nullable: true, description: 'A plant in this county, city or province (GB/T 2260 code, e.g. 330200 for Ningbo).' })
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  regionCode?: string | null;

  @Field(() => [Designation], { nullable: true, description: 'At least one of these designations.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(Designation, { each: true })
  designations?: Designation[] | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  verified?: boolean | null;
}

@InputType()
export class RequirementSearchFilter {
  @Field(() => String, { nullable: true, description: 'A category and everything under it.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(CATEGORY_CODE, { message: 'categoryCode must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  categoryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'The delivery plant in this county, city or province (GB/T 2260 code).' })
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  regionCode?: string | null;

  @Field(() => [RequirementStatus], { nullable: true, description: 'Any of these statuses (within what you may see).' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsEnum(RequirementStatus, { each: true })
  statuses?: RequirementStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only your organisation\'s requirements.' })
  @IsOptional()
  @IsBoolean()
  mine?: boolean | null;
}

@ArgsType()
export class SearchSuppliersArgs extends PageArgs {
  @Field({ defaultValue: '', description: 'Free text in Chinese or English; empty lists every supplier the filter lets through.' })
  @IsString()
  @MaxLength(200)
  query: string = '';

  @Field(() => SupplierSearchFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SupplierSearchFilter)
  filter?: SupplierSearchFilter | null;

  @Field(() => [SupplierSearchFacet], { defaultValue: [], description: 'Facets to count over all hits.' })
  @IsArray()
  @ArrayUnique()
  @IsEnum(SupplierSearchFacet, { each: true })
  facets: SupplierSearchFacet[] = [];
}

@ArgsType()
export class SearchRequirementsArgs extends PageArgs {
  @Field({ defaultValue: '', description: 'Free text in Chinese or English; empty lists every requirement the filter lets through.' })
  @IsString()
  @MaxLength(200)
  query: string = '';

  @Field(() => RequirementSearchFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequirementSearchFilter)
  filter?: RequirementSearchFilter | null;

  @Field(() => [RequirementSearchFacet], { defaultValue: [] })
  @IsArray()
  @ArrayUnique()
  @IsEnum(RequirementSearchFacet, { each: true })
  facets: RequirementSearchFacet[] = [];
}

@InputType()
export class AddSearchSynonymsInput {
  @Field(() => [String], { description: 'Two to twenty interchangeable terms, e.g. ["线控制动", "brake-by-wire"].' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsName()
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  terms: string[];

  @Field({ defaultValue: false, description: 'Only the first term expands to the others (a query for it also finds them), not the reverse.' })
  @IsBoolean()
  oneWay: boolean = false;
}

@ArgsType()
export class RemoveSearchSynonymsArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}
