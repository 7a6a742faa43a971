import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../common/decimal.scalar.js';
import { GraphQLLocalDate } from '../common/local-date.scalar.js';
import { SpecModel } from '../common/spec.types.js';
import { ConnectionType } from '../common/pagination.js';
import { RequirementStatus } from './requirement-status.js';

@ObjectType('RequiredCertification')
export class RequiredCertificationModel {
  @Field()
  typeCode: string;

  @Field(() => String, { nullable: true, description: 'Minimum level; null when holding it is enough.' })
  minLevel: string | null;
}

@ObjectType('MatchWeights')
export class MatchWeightsModel {
  @Field(() => Float, { nullable: true }) fit?: number;
  @Field(() => Float, { nullable: true }) locality?: number;
  @Field(() => Float, { nullable: true }) certification?: number;
  @Field(() => Float, { nullable: true }) capacity?: number;
  @Field(() => Float, { nullable: true }) designation?: number;
}

@ObjectType('Requirement', { description: 'An OEM\'s need for a part at one of its plants.' })
export class RequirementModel {
  @Field(() => ID) id: string;
  @Field(() => ID) organizationId: string;
  @Field(() => ID) deliverySiteId: string;
  @Field() categoryCode: string;
  @Field() title: string;
  @Field() description: string;
  @Field(() => [SpecModel]) specs: SpecModel[];
  @Field(() => Int) annualVolume: number;
  @Field(() => GraphQLDecimal, { description: 'CNY per unit.' }) targetUnitPrice: Decimal;
  @Field(() => GraphQLLocalDate) sopDate: string;
  @Field(() => GraphQLISODateTime) quoteDeadline: Date;
  @Field(() => MatchWeightsModel, { nullable: true, description: 'The buyer\'s weight overrides for matching.' }) matchWeights: MatchWeightsModel | null;
  @Field(() => RequirementStatus) status: RequirementStatus;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) publishedAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

export const RequirementConnection = ConnectionType(RequirementModel, 'Requirement');
