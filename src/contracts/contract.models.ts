import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../common/decimal.scalar.js';
import { GraphQLLocalDate } from '../common/local-date.scalar.js';
import { ConnectionType, PageInfo } from '../common/pagination.js';
import { GraphQLJSONObject } from './ocds/json-object.scalar.js';
import { ContractSource, ContractStatus, ReviewStatus, SupplierConfirmation } from './contract.entity.js';
import { HardFilterFailureModel } from '../matching/matching.models.js';

@ObjectType('LocalitySnapshot', { description: 'Where the two plants were when the contract was signed; later moves of a plant never change it.' })
export class LocalitySnapshotModel {
  @Field({ description: 'County-level code of the buyer plant.' }) buyerRegionCode: string;
  @Field(() => String, { nullable: true, description: 'County-level code of the supplying plant; null abroad.' }) supplierRegionCode: string | null;
  @Field({ description: 'ISO 3166-1 alpha-2 country of the supplying plant.' }) supplierCountryCode: string;
  @Field() sameCounty: boolean;
  @Field() sameCity: boolean;
  @Field({ description: 'What the local-sourcing rate counts as local.' }) sameProvince: boolean;
  @Field(() => Float) distanceKm: number;
}

@ObjectType('DeclaredSupplierPlant', { description: 'The supplying plant as the buyer of a recorded contract declared it; kept on the contract only, it never changes the supplier\'s plants.' })
export class DeclaredSupplierPlantModel {
  @Field() name: string;
  @Field() address: string;
  @Field({ description: 'ISO 3166-1 alpha-2.' }) countryCode: string;
  @Field(() => String, { nullable: true, description: 'County-level code; null abroad.' }) regionCode: string | null;
  @Field(() => Float) lat: number;
  @Field(() => Float) lon: number;
}

@ObjectType('ContractTerms', { description: 'The amendable terms; in an amendment, only those it changed are set.' })
export class ContractTermsModel {
  @Field(() => GraphQLDecimal, { nullable: true }) unitPrice?: Decimal | null;
  @Field(() => Int, { nullable: true }) volume?: number | null;
  @Field(() => GraphQLDecimal, { nullable: true }) totalValue?: Decimal | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) startDate?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) endDate?: string | null;
}

@ObjectType('ContractAmendment', { description: 'A change of value, volume or dates, with what it changed from.' })
export class ContractAmendmentModel {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: '1 for the first amendment of the contract.' }) sequence: number;
  @Field(() => ContractTermsModel) before: ContractTermsModel;
  @Field(() => ContractTermsModel) after: ContractTermsModel;
  @Field() reason: string;
  @Field(() => GraphQLLocalDate) effectiveDate: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('QualificationOverride', { description: 'The award chose a supplier that failed the hard filters, with the buyer\'s reason.' })
export class QualificationOverrideModel {
  @Field({ description: 'Why the buyer awarded it all the same.' }) reason: string;
  @Field(() => [HardFilterFailureModel], { description: 'The hard filters the supplier failed at the award (judged on the SOP date).' }) failures: HardFilterFailureModel[];
  @Field(() => GraphQLISODateTime) overriddenAt: Date;
}

@ObjectType('Contract', { description: 'A purchase contract between a buyer plant and a supplying plant.' })
export class ContractModel {
  @Field(() => ID) id: string;
  @Field(() => ContractSource) source: ContractSource;
  @Field(() => ID, { nullable: true }) awardId: string | null;
  @Field(() => ID, { nullable: true }) requirementId: string | null;
  @Field(() => ID, { nullable: true }) quoteId: string | null;
  @Field(() => String, { nullable: true, description: 'The buyer\'s own contract number.' }) buyerReference: string | null;
  @Field(() => ID) buyerOrganizationId: string;
  @Field(() => ID) buyerSiteId: string;
  @Field(() => ID) supplierOrganizationId: string;
  @Field(() => ID, { nullable: true, description: 'The supplier\'s registered plant, when the contract names one (always for an award).' }) supplierSiteId: string | null;
  @Field(() => SupplierConfirmation, { description: 'Whether the supplier confirmed a recorded contract naming it (an award is CONFIRMED).' }) supplierConfirmation: SupplierConfirmation;
  @Field(() => String, { nullable: true, description: 'The supplier\'s note with its answer (a dispute\'s reason).' }) supplierConfirmationNote: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) supplierConfirmedAt: Date | null;
  @Field(() => ReviewStatus, { description: 'HELD: an implausible value for its buyer, not counted until released.' }) reviewStatus: ReviewStatus;
  @Field(() => String, { nullable: true, description: 'The reviewer\'s reason.' }) reviewNote: string | null;
  @Field({ description: 'Whether the buying organisation is verified (only verified buyers\' contracts count in the official figure).' }) buyerVerified: boolean;
  @Field() categoryCode: string;
  @Field(() => GraphQLDecimal, { description: 'CNY per unit.' }) unitPrice: Decimal;
  @Field(() => Int, { description: 'Units over the contract.' }) volume: number;
  @Field(() => GraphQLDecimal, { description: 'CNY, current (after amendments).' }) totalValue: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'For a terminated contract: CNY delivered before termination, if known.' }) deliveredValue: Decimal | null;
  @Field(() => GraphQLLocalDate) signedDate: string;
  @Field(() => GraphQLLocalDate) startDate: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) endDate: string | null;
  @Field(() => ContractStatus) status: ContractStatus;
  @Field(() => String, { nullable: true }) terminationReason: string | null;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

export const ContractConnection = ConnectionType(ContractModel, 'Contract');

@ObjectType('AwardResult', { description: 'The contracts an award made (or, for a retry with the same key and input, had made).' })
export class AwardResultModel {
  @Field(() => ID) awardId: string;
  @Field(() => ID) requirementId: string;
  @Field() idempotencyKey: string;
  @Field({ description: 'True when this call was a retry: nothing new was written.' }) replayed: boolean;
  @Field(() => [ContractModel]) contracts: ContractModel[];
}

@ObjectType('RecordContractResult')
export class RecordContractResultModel {
  @Field(() => ContractModel) contract: ContractModel;
  @Field({ description: 'False when the reference was already recorded with the same details: nothing changed.' }) created: boolean;
}

@ObjectType('ContractImportProblem', { description: 'Why one row was rejected; line 1 is the header.' })
export class ContractImportProblemModel {
  @Field(() => Int) line: number;
  @Field() column: string;
  @Field() message: string;
}

@ObjectType('ContractImportReport')
export class ContractImportReportModel {
  @Field(() => Int, { description: 'Data rows read.' }) rows: number;
  @Field(() => Int, { description: 'Contracts recorded by this import.' }) created: number;
  @Field(() => Int, { description: 'Rows whose reference was already recorded with the same details.' }) unchanged: number;
  @Field(() => [ContractImportProblemModel]) rejected: ContractImportProblemModel[];
}

@ObjectType('OcdsPage', { description: 'Contracts as an Open Contracting Data Standard 1.1 release package: one release per contracting process (an awarded requirement, or one recorded contract).' })
export class OcdsPageModel {
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The release package; null when no contract matches (a package holds at least one release).' }) releasePackage: object | null;
  @Field(() => Int, { description: 'Contracting processes matching, over all pages.' }) totalCount: number;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
