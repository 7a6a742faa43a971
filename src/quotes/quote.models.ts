import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../common/decimal.scalar.js';
import { GraphQLLocalDate } from '../common/local-date.scalar.js';
import { ConnectionType } from '../common/pagination.js';
import { HardFilterFailureModel, LocalityTierEnum } from '../matching/matching.models.js';
import type { LocalityTier } from '../locality/locality-tier.js';
import { QuoteStatus } from './quote.entity.js';

@ObjectType('QuoteInvitation', { description: 'A buyer\'s invitation to a supplier to quote on an OPEN requirement.' })
export class QuoteInvitationModel {
  @Field(() => ID) id: string;
  @Field(() => ID) requirementId: string;
  @Field(() => ID) supplierId: string;
  @Field() message: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('QuoteRevision', { description: 'One submitted state of a quote, as it was.' })
export class QuoteRevisionModel {
  @Field(() => Int) revision: number;
  @Field(() => ID) siteId: string;
  @Field(() => GraphQLDecimal) unitPrice: Decimal;
  @Field(() => Int) volume: number;
  @Field(() => Int) leadTimeDays: number;
  @Field(() => GraphQLLocalDate) validUntil: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('Quote', { description: 'A supplier\'s offer on a requirement; revised in place, every revision kept.' })
export class QuoteModel {
  @Field(() => ID) id: string;
  @Field(() => ID) requirementId: string;
  @Field(() => ID) supplierId: string;
  @Field(() => ID, { description: 'The producing plant; see site.' }) siteId: string;
  @Field(() => GraphQLDecimal, { description: 'CNY per unit.' }) unitPrice: Decimal;
  @Field(() => Int, { description: 'Units per year offered.' }) volume: number;
  @Field(() => Int) leadTimeDays: number;
  @Field(() => GraphQLLocalDate) validUntil: string;
  @Field() note: string;
  @Field(() => QuoteStatus) status: QuoteStatus;
  @Field(() => Int, { description: '1 for the first submission, +1 for each revision.' }) revision: number;
  @Field(() => Int) version: number;
  @Field(() => [HardFilterFailureModel], { description: 'The hard filters the supplier failed with this plant, judged on the SOP date at the last submission or revision; empty: eligible. Only an invited supplier may quote while failing them; awarding such a quote needs overrideIneligible.' })
  qualificationFailures: HardFilterFailureModel[];
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

export const QuoteConnection = ConnectionType(QuoteModel, 'Quote');
export const QuoteInvitationConnection = ConnectionType(QuoteInvitationModel, 'QuoteInvitation');

@ObjectType('QuoteComparisonRow', { description: 'One quote, side by side with the others.' })
export class QuoteComparisonRowModel {
  @Field(() => QuoteModel) quote: QuoteModel;
  @Field(() => GraphQLDecimal, { description: 'Unit price − target unit price (negative: below target).' }) priceVsTarget: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'priceVsTarget as % of the target, 2 decimals.' }) priceVsTargetPct: Decimal | null;
  @Field(() => GraphQLDecimal, { description: 'Unit price × volume, CNY.' }) totalValue: Decimal;
  @Field(() => Int) leadTimeDays: number;
  @Field(() => LocalityTierEnum, { description: 'Where the quoting plant is relative to the delivery plant.' }) tier: LocalityTier;
  @Field(() => Float, { description: 'Great-circle distance from the delivery plant, km.' }) distanceKm: number;
  @Field(() => Float, { nullable: true, description: 'The supplier\'s match score (0–100) for the requirement; null when it could not be scored.' }) matchScore: number | null;
  @Field(() => Boolean, { nullable: true, description: 'False when the supplier, quoting from this plant, fails a hard filter (category — the plant must produce in it — or certification), judged now on the SOP date; awarding it then needs overrideIneligible.' }) eligible: boolean | null;
  @Field(() => [HardFilterFailureModel], { description: 'Why the quote is not eligible (empty when it is), as the award gate judges it.' }) failures: HardFilterFailureModel[];
  @Field({ description: 'Whether you invited this supplier to quote.' }) invited: boolean;
  @Field(() => GraphQLDecimal, { description: 'Change, in percentage points, of the buyer\'s provincial local-sourcing rate (contracts signed this year) if this quote\'s total value were awarded, judged from the quoting plant.' })
  impactPp: Decimal;
}

@ObjectType('QuoteComparison', { description: 'The quotes on one requirement, side by side.' })
export class QuoteComparisonModel {
  @Field(() => ID) requirementId: string;
  @Field(() => GraphQLDecimal) targetUnitPrice: Decimal;
  @Field(() => Int) annualVolume: number;
  @Field(() => GraphQLDecimal, { description: 'Value the buyer bought this year for plants in the delivery plant\'s province, from plants in that province (the basis of impactPp).' }) localValueThisYear: Decimal;
  @Field(() => GraphQLDecimal, { description: 'All value the buyer bought this year for plants in that province.' }) totalValueThisYear: Decimal;
  @Field(() => [QuoteComparisonRowModel]) rows: QuoteComparisonRowModel[];
}
