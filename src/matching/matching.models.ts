import { ArgsType, Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../common/decimal.scalar.js';
import { ConnectionType, PageArgs } from '../common/pagination.js';
import { MatchWeightsInput } from '../requirements/dto/requirement.inputs.js';
import type { LocalityTier } from '../locality/locality-tier.js';
import type { ImpactBasis } from '../locality/local-rate.js';

export enum LocalityTierEnum {
  SAME_COUNTY = 'SAME_COUNTY',
  SAME_CITY = 'SAME_CITY',
  SAME_PROVINCE = 'SAME_PROVINCE',
  YRD_NEIGHBOUR = 'YRD_NEIGHBOUR',
  CHINA = 'CHINA',
  ABROAD = 'ABROAD',
}
registerEnumType(LocalityTierEnum, {
  name: 'LocalityTier',
  description: 'Where the producing plant is relative to the delivery plant: same county 1.0, same city 0.85, same province 0.7, Yangtze River Delta neighbour 0.4, elsewhere in China 0.2, abroad 0.',
});

export enum ImpactBasisEnum {
  BUYER_TRAILING_YEAR = 'BUYER_TRAILING_YEAR',
  PROVINCE_TRAILING_YEAR = 'PROVINCE_TRAILING_YEAR',
  NONE = 'NONE',
}
registerEnumType(ImpactBasisEnum, {
  name: 'ImpactBasis',
  description:
    "What impactPp is measured against, over the trailing year (this quarter and the three before, China time), counted as the official figure counts: BUYER_TRAILING_YEAR the buyer's own purchasing for its plants in the delivery plant's province; PROVINCE_TRAILING_YEAR the whole province's, when the buyer bought nothing there in that year; NONE nothing bought in the province (impactPp 0).",
});

@ObjectType('MatchFactor', { description: 'One factor of a match score: contribution = value × weight × 100.' })
export class MatchFactorModel {
  @Field() name: string;
  @Field(() => Float, { description: '0–1.' }) value: number;
  @Field(() => Float) weight: number;
  @Field(() => Float, { description: 'Points of the 0–100 score.' }) contribution: number;
  @Field() reason: string;
}

@ObjectType('HardFilterFailure', { description: 'Why a supplier is not ranked: CATEGORY or CERTIFICATION.' })
export class HardFilterFailureModel {
  @Field() filter: string;
  @Field() reason: string;
}

@ObjectType('Match', { description: 'A supplier scored for a requirement, with the plant that would produce it.' })
export class MatchModel {
  @Field(() => ID) supplierId: string;
  @Field() supplierName: string;
  @Field({ description: 'False when a hard filter fails (see failures); such suppliers are never ranked.' }) eligible: boolean;
  @Field(() => [HardFilterFailureModel]) failures: HardFilterFailureModel[];
  @Field(() => Float, { description: '0–100: the sum of the factors\' contributions.' }) score: number;
  @Field(() => ID, { nullable: true, description: 'The qualified producing plant scored on (best locality tier, then nearest); see site.' }) siteId: string | null;
  @Field(() => LocalityTierEnum, { nullable: true }) tier: LocalityTier | null;
  @Field(() => Float, { nullable: true, description: 'Great-circle distance from the delivery plant, km.' }) distanceKm: number | null;
  @Field(() => [MatchFactorModel]) factors: MatchFactorModel[];
  @Field(() => GraphQLDecimal, { description: 'Change, in percentage points (2 decimals), of the provincial local-sourcing rate named by impactBasis (the buyer\'s over the trailing year, else the province\'s) if this requirement\'s annual value (volume × target price) went to this plant.' })
  impactPp: Decimal;
  @Field(() => ImpactBasisEnum, { description: 'Which rate impactPp is measured on.' })
  impactBasis: ImpactBasis;
}

@ObjectType('Opportunity', { description: 'An OPEN requirement scored for the calling supplier.' })
export class OpportunityModel {
  @Field(() => ID) requirementId: string;
  @Field(() => Float) score: number;
  @Field(() => ID, { nullable: true, description: 'Your plant that would produce it; see site.' }) siteId: string | null;
  @Field(() => LocalityTierEnum, { nullable: true }) tier: LocalityTier | null;
  @Field(() => Float, { nullable: true }) distanceKm: number | null;
  @Field(() => [MatchFactorModel]) factors: MatchFactorModel[];
}

export const MatchConnection = ConnectionType(MatchModel, 'Match');
export const OpportunityConnection = ConnectionType(OpportunityModel, 'Opportunity');

@ArgsType()
export class MatchesArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  requirementId: string;

  @Field(() => MatchWeightsInput, { nullable: true, description: 'Try other weights without saving them; default: the requirement\'s own.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchWeightsInput)
  weights?: MatchWeightsInput | null;
}

@ArgsType()
export class ExplainArgs {
  @Field(() => ID) @IsUUID() requirementId: string;
  @Field(() => ID) @IsUUID() supplierId: string;

  @Field(() => MatchWeightsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchWeightsInput)
  weights?: MatchWeightsInput | null;
}
