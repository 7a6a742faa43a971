import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsISO31661Alpha2, IsInt, IsLatitude, IsLongitude, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../../common/decimal.scalar.js';
import { GraphQLLocalDate } from '../../common/local-date.scalar.js';
import { KeepParsed } from '../../common/validation.pipe.js';
import { PageArgs } from '../../common/pagination.js';
import { ContractSource, ContractStatus, ReviewStatus, SupplierConfirmation } from '../contract.entity.js';
import { CATEGORY_CODE_PATTERN } from '../../taxonomy/category-code.js';
import { REGION_CODE_PATTERN } from '../../locality/region-codes.js';
import { IsCsvText, IsFreeText, IsName, NotNull } from '../../common/text-fields.js';
import { IsNotBefore } from '../../common/date-order.js';

registerEnumType(ContractSource, {
  name: 'ContractSource',
  valuesMap: { AWARDED: { description: 'Made on the platform by an award.' }, RECORDED: { description: 'An existing contract reported by the buyer.' } },
});
registerEnumType(ReviewStatus, {
  name: 'ContractReviewStatus',
  description: 'NONE; HELD: an implausible value for its buyer, held for review and not counted; RELEASED: counted after review; REJECTED: never counted.',
});
registerEnumType(SupplierConfirmation, {
  name: 'SupplierConfirmation',
  description: 'What the supplier named by a recorded contract says about it; a contract made by an award is CONFIRMED.',
});
registerEnumType(ContractStatus, { name: 'ContractStatus', description: 'SIGNED → ACTIVE → (COMPLETED | TERMINATED); SIGNED → TERMINATED when called off before delivery.' });

@InputType({ description: 'Why a quote whose supplier fails the hard filters is awarded all the same; kept on the contract, in the audit log and shown to the bureau.' })
export class QualificationOverrideInput {
  @Field({ description: '1–2,000 characters, not only white space.' })
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

@InputType()
export class AwardLineInput {
  @Field(() => ID, { description: 'A SUBMITTED quote on the requirement.' })
  @IsUUID()
  quoteId: string;

  @Field(() => Int, { nullable: true, description: 'Units per year awarded on this quote (for a split); default: what the quote offers, up to the requirement\'s annual volume.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  volume?: number | null;

  @Field(() => QualificationOverrideInput, { nullable: true, description: 'Required when the quote\'s supplier fails a hard filter (its quote is eligible: false; see quoteComparison failures), refused otherwise.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QualificationOverrideInput)
  overrideIneligible?: QualificationOverrideInput | null;
}

@InputType({ description: 'Awards one quote, or several splitting the volume. Retrying with the same idempotency key and the same input returns the same contracts.' })
export class AwardRequirementInput {
  @Field(() => ID, { description: 'An OPEN requirement of your organisation.' })
  @IsUUID()
  requirementId: string;

  @Field({ description: 'Chosen by the client, unique per award (e.g. a UUID); 8–200 characters of letters, digits and -_.:' })
  @IsString()
  @Length(8, 200)
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'idempotencyKey may contain letters, digits and - _ . : only' })
  idempotencyKey: string;

  @Field(() => [AwardLineInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AwardLineInput)
  lines: AwardLineInput[];

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day of supply; default: the requirement\'s SOP date.' })
  @IsOptional()
  @KeepParsed()
  startDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day of supply; default: open-ended.' })
  @IsOptional()
  @KeepParsed()
  endDate?: string | null;
}

@InputType()
export class ContractStatusChangeInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => Int, { description: 'The version you read.' }) @IsInt() @Min(1) version: number;
}

@InputType({ description: 'The supplier\'s answer to a recorded contract naming it.' })
export class SupplierContractAnswerInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => Int, { description: 'The version you read.' }) @IsInt() @Min(1) version: number;

  @Field({ defaultValue: '', description: 'Required to dispute: what is wrong (value, volume, plant, or not our contract).' })
  @IsString()
  @MaxLength(1000)
  note: string = '';
}

@InputType({ description: 'A decision on a contract held for review.' })
export class ReviewContractInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field({ description: 'Why: kept on the contract and in the audit log.' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

@InputType()
export class TerminateContractInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => Int, { description: 'The version you read.' }) @IsInt() @Min(1) version: number;

  @Field({ description: 'Why the contract ended early.' })
  @IsFreeText()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'CNY delivered before termination, if known (0 to the total value); only this counts in the local-sourcing rate.' })
  @IsOptional()
  @KeepParsed()
  deliveredValue?: Decimal | null;
}

@InputType({ description: 'Changes value, volume or dates; fields left out keep their value. Send the version you read.' })
export class AmendContractInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => Int) @IsInt() @Min(1) version: number;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'New unit price, CNY.' }) @IsOptional() @KeepParsed() @NotNull() unitPrice?: Decimal;

  @Field(() => Int, { nullable: true, description: 'New volume, units.' }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000_000) @NotNull() volume?: number;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'New total value, CNY; default when the price or volume changes: unit price × volume.' })
  @IsOptional()
  @KeepParsed()
  @NotNull()
  totalValue?: Decimal;

  @Field(() => GraphQLLocalDate, { nullable: true }) @IsOptional() @KeepParsed() @NotNull() startDate?: string;

  @Field(() => GraphQLLocalDate, { nullable: true }) @IsOptional() @KeepParsed() @NotNull() endDate?: string;

  @Field({ description: 'Why the contract changes.' })
  @IsFreeText()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the change takes effect; default: today.' })
  @IsOptional()
  @KeepParsed()
  @NotNull()
  effectiveDate?: string;
}

@InputType({ description: 'The plant that supplies: in China by its county-level region code; abroad by country and coordinates.' })
export class RecordedPlantInput {
  @Field({ description: 'The plant\'s name; an existing plant of the supplier with this name is used as it is.' })
  @IsName()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field({ defaultValue: 'CN' })
  @IsISO31661Alpha2()
  countryCode: string = 'CN';

  @Field(() => String, { nullable: true, description: 'County-level GB/T 2260 code; required in China, absent abroad.' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  regionCode?: string | null;

  @Field(() => Float, { nullable: true, description: 'Default in China: the region\'s centre point.' })
  @IsOptional()
  @IsLatitude()
  lat?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  lon?: number | null;

  @Field({ defaultValue: '' })
  @IsFreeText()
  @IsString()
  @MaxLength(500)
  address: string = '';
}

@InputType()
export class RecordedSupplierInput {
  @Field({ description: '统一社会信用代码 of the supplier; an unknown one is registered as an unverified supplier without plants.' })
  @IsString()
  @Length(18, 18, { message: 'creditCode must have 18 characters' })
  creditCode: string;

  @Field(() => String, { nullable: true, description: 'Legal name; required when the credit code is not registered yet.' })
  @IsOptional()
  @IsName()
  @IsString()
  @Length(2, 200)
  legalName?: string | null;

  @Field(() => RecordedPlantInput)
  @ValidateNested()
  @Type(() => RecordedPlantInput)
  plant: RecordedPlantInput;
}

@InputType({ description: 'A contract made outside the platform, reported by its buyer. Recording the same reference again with the same details changes nothing.' })
export class RecordContractInput {
  @Field({ description: 'Your own contract number; unique among your organisation\'s contracts.' })
  @IsName()
  @IsString()
  @Length(1, 100)
  buyerReference: string;

  @Field(() => ID, { description: 'Your plant that receives the parts.' })
  @IsUUID()
  buyerSiteId: string;

  @Field(() => RecordedSupplierInput)
  @ValidateNested()
  @Type(() => RecordedSupplierInput)
  supplier: RecordedSupplierInput;

  @Field({ description: 'Part category code, e.g. CHASSIS.BRAKE_BY_WIRE.' })
  @IsString()
  @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  @MaxLength(64)
  categoryCode: string;

  @Field(() => GraphQLDecimal, { description: 'Contract value, CNY, at most 2 decimals.' })
  @KeepParsed()
  totalValue: Decimal;

  @Field(() => Int, { description: 'Units over the contract.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  volume: number;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'CNY per unit; default: total value ÷ volume.' })
  @IsOptional()
  @KeepParsed()
  unitPrice?: Decimal | null;

  @Field(() => GraphQLLocalDate, { description: 'Today or earlier.' })
  @KeepParsed()
  signedDate: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Default: the signing date.' })
  @IsOptional()
  @KeepParsed()
  startDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @IsOptional()
  @KeepParsed()
  endDate?: string | null;

  @Field(() => ContractStatus, { defaultValue: ContractStatus.ACTIVE })
  @IsEnum(ContractStatus)
  status: ContractStatus = ContractStatus.ACTIVE;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'For a TERMINATED contract: CNY delivered, if known.' })
  @IsOptional()
  @KeepParsed()
  deliveredValue?: Decimal | null;

  @Field(() => String, { nullable: true, description: 'For a TERMINATED contract: why.' })
  @IsOptional()
  @IsFreeText()
  @IsString()
  @Length(1, 2000)
  terminationReason?: string | null;
}

@InputType()
export class ContractFilter {
  @Field(() => [ContractSource], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(ContractSource, { each: true })
  source?: ContractSource[];

  @Field(() => [ContractStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(ContractStatus, { each: true })
  status?: ContractStatus[];

  @Field(() => String, { nullable: true, description: 'Buyer plant within this province, city or county.' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: 'buyerRegionCode must be a six-digit GB/T 2260 code' })
  buyerRegionCode?: string;

  @Field({ nullable: true, description: 'This category and its sub-categories.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  categoryCode?: string;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() requirementId?: string;

  @Field(() => GraphQLLocalDate, { nullable: true }) @IsOptional() @KeepParsed() signedFrom?: string;

  @Field(() => GraphQLLocalDate, { nullable: true }) @IsOptional() @KeepParsed() @IsNotBefore('signedFrom') signedTo?: string;
}

@ArgsType()
export class ContractListArgs extends PageArgs {
  @Field(() => ContractFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractFilter)
  filter?: ContractFilter | null;
}

@ArgsType()
export class ImportContractsArgs {
  @Field({ description: 'CSV text (UTF-8, header row; columns in README, "Existing contracts"), up to 250,000 characters (a request is at most 256 KB). Larger files: POST /imports/contracts (text/csv, 20 MB).' })
  @IsCsvText()
  @IsString()
  @MaxLength(250_000)
  csv: string;
}
