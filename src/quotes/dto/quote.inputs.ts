import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../../common/decimal.scalar.js';
import { GraphQLLocalDate } from '../../common/local-date.scalar.js';
import { KeepParsed } from '../../common/validation.pipe.js';
import { PageArgs } from '../../common/pagination.js';
import { QuoteStatus } from '../quote.entity.js';
import { QuoteSortKey } from '../quote-comparison.js';
import { IsFreeText, NotNull } from '../../common/text-fields.js';

registerEnumType(QuoteStatus, { name: 'QuoteStatus', description: 'SUBMITTED → (ACCEPTED | REJECTED | WITHDRAWN); a withdrawn quote may be submitted again before the deadline.' });
registerEnumType(QuoteSortKey, {
  name: 'QuoteSortKey',
  description: 'How to order a quote comparison; each key sorts best first unless reversed.',
  valuesMap: {
    PRICE: { description: 'Unit price, cheapest first.' },
    PRICE_VS_TARGET: { description: 'Unit price against the target, furthest below first.' },
    TOTAL_VALUE: { description: 'Unit price × volume, smallest first.' },
    LEAD_TIME: { description: 'Lead time, shortest first.' },
    LOCALITY: { description: 'Locality tier of the quoting plant, then distance: most local first.' },
    DISTANCE: { description: 'Distance of the quoting plant from the delivery plant, nearest first.' },
    MATCH_SCORE: { description: 'Match score, highest first; suppliers that could not be scored last.' },
    IMPACT: { description: 'Change of the buyer\'s provincial local-sourcing rate, largest gain first.' },
  },
});

@InputType()
export class InviteSuppliersInput {
  @Field(() => ID, { description: 'An OPEN requirement of your organisation.' })
  @IsUUID()
  requirementId: string;

  @Field(() => [ID], { description: 'Supplier organisations to invite (1–50); inviting one again changes nothing.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  supplierIds: string[];

  @Field({ defaultValue: '' })
  @IsFreeText()
  @IsString()
  @MaxLength(2000)
  message: string = '';
}

@InputType()
export class SubmitQuoteInput {
  @Field(() => ID, { description: 'An OPEN requirement whose quote deadline has not passed.' })
  @IsUUID()
  requirementId: string;

  @Field(() => ID, { description: 'The producing plant: one of your organisation\'s plants.' })
  @IsUUID()
  siteId: string;

  @Field(() => GraphQLDecimal, { description: 'CNY per unit, more than 0, at most 4 decimals.' })
  @KeepParsed()
  unitPrice: Decimal;

  @Field(() => Int, { description: 'Units per year offered.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  volume: number;

  @Field(() => Int, { description: 'Days from order to first delivery.' })
  @IsInt()
  @Min(0)
  @Max(3650)
  leadTimeDays: number;

  @Field(() => GraphQLLocalDate, { description: 'The last day the offer holds; today or later.' })
  @KeepParsed()
  validUntil: string;

  @Field({ defaultValue: '' })
  @IsFreeText()
  @IsString()
  @MaxLength(5000)
  note: string = '';
}

@InputType({ description: 'A new revision of your quote; fields left out keep their value. Send the version you read.' })
export class ReviseQuoteInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => Int) @IsInt() @Min(1) version: number;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() @NotNull() siteId?: string;

  @Field(() => GraphQLDecimal, { nullable: true }) @IsOptional() @KeepParsed() @NotNull() unitPrice?: Decimal;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000_000) @NotNull() volume?: number;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(3650) @NotNull() leadTimeDays?: number;

  @Field(() => GraphQLLocalDate, { nullable: true }) @IsOptional() @KeepParsed() @NotNull() validUntil?: string;

  @Field({ nullable: true }) @IsOptional() @IsFreeText() @IsString() @MaxLength(5000) @NotNull() note?: string;
}

@InputType()
export class WithdrawQuoteInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => Int, { description: 'The version you read.' }) @IsInt() @Min(1) version: number;
}

@ArgsType()
export class QuoteComparisonArgs {
  @Field(() => ID) @IsUUID() requirementId: string;

  @Field(() => QuoteSortKey, { defaultValue: QuoteSortKey.PRICE })
  @IsEnum(QuoteSortKey)
  sortBy: QuoteSortKey = QuoteSortKey.PRICE;

  @Field({ defaultValue: false, description: 'Worst first instead of best first.' })
  @IsBoolean()
  reverse: boolean = false;

  @Field({ defaultValue: false, description: 'Show withdrawn quotes too.' })
  @IsBoolean()
  includeWithdrawn: boolean = false;
}

@InputType()
export class QuoteFilter {
  @Field(() => [QuoteStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(QuoteStatus, { each: true })
  status?: QuoteStatus[];

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() requirementId?: string;
}

@ArgsType()
export class MyQuotesArgs extends PageArgs {
  @Field(() => QuoteFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuoteFilter)
  filter?: QuoteFilter | null;
}
