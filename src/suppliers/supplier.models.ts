import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { SpecModel } from '../common/spec.types.js';
import { GraphQLLocalDate } from '../common/local-date.scalar.js';

@ObjectType('Capability', { description: 'What a supplier makes in one part category, and where.' })
export class CapabilityModel {
  @Field(() => ID) id: string;
  @Field(() => ID) organizationId: string;
  @Field() categoryCode: string;
  @Field() description: string;
  @Field(() => [String]) products: string[];
  @Field(() => [SpecModel]) specs: SpecModel[];
  @Field(() => Int, { nullable: true, description: 'Units per year.' }) annualCapacity: number | null;
  @Field(() => Int, { nullable: true }) leadTimeDays: number | null;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType('SupplierCertification')
export class SupplierCertificationModel {
  @Field(() => ID) id: string;
  @Field(() => ID) organizationId: string;
  @Field() typeCode: string;
  @Field(() => String, { nullable: true }) level: string | null;
  @Field() certificateNumber: string;
  @Field() issuer: string;
  @Field(() => GraphQLLocalDate) validFrom: string;
  @Field(() => GraphQLLocalDate) validUntil: string;
  @Field(() => Int) version: number;
}
