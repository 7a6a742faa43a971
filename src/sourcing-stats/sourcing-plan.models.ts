import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../common/decimal.scalar.js';
import { GraphQLLocalDate } from '../common/local-date.scalar.js';
import { DemandGapSupplierPlantModel, SourcingPeriodModel } from './sourcing-stats.models.js';

export enum LeverKind {
  OPEN_REQUIREMENTS = 'OPEN_REQUIREMENTS',
  DEMAND_GAPS = 'DEMAND_GAPS',
  RENEWALS = 'RENEWALS',
}
registerEnumType(LeverKind, {
  name: 'SourcingLeverKind',
  valuesMap: {
    OPEN_REQUIREMENTS: { description: 'OPEN requirements delivered in the region for which a supplier plant in the province passes the hard filters: awarded locally. Item id: the requirement id.' },
    DEMAND_GAPS: { description: 'OPEN requirements no plant in the province qualifies for, by category: filled if a qualified supplier were attracted to the province. Item id: the category code.' },
    RENEWALS: { description: 'Non-local SIGNED or ACTIVE contracts ending within 12 months, in a category a plant in the province produces: renewed locally. Item id: the contract id.' },
  },
});

export enum PaceVerdict {
  ALREADY_MET = 'ALREADY_MET',
  REACHED = 'REACHED',
  NOT_BY_2027 = 'NOT_BY_2027',
  NO_TARGET = 'NO_TARGET',
  TOO_FEW_QUARTERS = 'TOO_FEW_QUARTERS',
}
registerEnumType(PaceVerdict, {
  name: 'SourcingPaceVerdict',
  valuesMap: {
    ALREADY_MET: { description: 'The last quarter\'s rate is at or above the target.' },
    REACHED: { description: 'The trend reaches the target in reachedQuarter (by the end of 2027).' },
    NOT_BY_2027: { description: 'The trend stays below the target through 2027Q4.' },
    NO_TARGET: { description: 'No baseline is set, or its rate cannot be computed: projection only.' },
    TOO_FEW_QUARTERS: { description: 'Fewer than 4 quarters with purchases: no projection (see note).' },
  },
});

/** What each lever item adds: stated once, for the schema, the answers and the docs. */
export const LEVER_VALUE_DEFINITION =
  'Each lever item is counted as one new local contract signed in the rate\'s period, adding its value to both the local value and the total of the official rate ' +
  '(value basis, scope PROVINCE, both sources, unconfirmed contracts included). Its value: for an open requirement, annual volume × target unit price ' +
  '(what an award signs — an award covers at most one year\'s volume); for a demand gap, the sum of that over the category\'s gap requirements; ' +
  'for a renewal, the expiring contract\'s current total value (renewed like for like). ' +
  'pp = ((L + a) ÷ (T + a) − L ÷ T) × 100. pp of several items are not additive: a lever\'s and a scenario\'s pp come from their summed value. ' +
  'Null when the period has no purchases (no rate to move).';

@ObjectType('SourcingLeverItem', { description: 'One item of a lever, with what it would add. The id is a requirement id, a category code or a contract id, per kind.' })
export class SourcingLeverItemModel {
  @Field(() => LeverKind) kind: LeverKind;
  @Field({ description: 'Requirement id (OPEN_REQUIREMENTS), category code (DEMAND_GAPS) or contract id (RENEWALS): what to drill into, and what to pick in a scenario.' }) id: string;
  @Field() categoryCode: string;
  @Field() categoryNameZh: string;
  @Field() categoryNameEn: string;
  @Field(() => String, { nullable: true }) focusArea: string | null;
  @Field(() => String, { nullable: true, description: 'A requirement\'s title.' }) title: string | null;
  @Field(() => ID, { nullable: true, description: 'The buying OEM (requirement or contract).' }) buyerOrganizationId: string | null;
  @Field(() => String, { nullable: true }) buyerName: string | null;
  @Field(() => String, { nullable: true, description: 'Delivery plant region (requirement) or buyer plant region at signing (contract).' }) regionCode: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'A requirement\'s SOP date.' }) sopDate: string | null;
  @Field(() => ID, { nullable: true, description: 'A renewal\'s present (non-local) supplier.' }) supplierOrganizationId: string | null;
  @Field(() => String, { nullable: true }) supplierName: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'A renewal\'s end date.' }) endDate: string | null;
  @Field(() => Int, { nullable: true, description: 'A demand gap\'s requirements.' }) requirements: number | null;
  @Field(() => Int, { nullable: true, description: 'A demand gap\'s OEMs.' }) oems: number | null;
  @Field(() => GraphQLDecimal, { description: 'CNY it would add (see SourcingLevers.valueDefinition).' }) value: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'pp of the rate it alone would add; null when the period has no purchases.' }) pp: Decimal | null;
  @Field(() => [DemandGapSupplierPlantModel], { description: 'DEMAND_GAPS: the nearest qualified suppliers outside the province, one line per supplier (its nearest plant). Empty for other kinds.' })
  nearestOutside: DemandGapSupplierPlantModel[];
}

@ObjectType('SourcingLever')
export class SourcingLeverModel {
  @Field(() => LeverKind) kind: LeverKind;
  @Field(() => Int, { description: 'Items in the lever (all of them, not only those listed).' }) itemCount: number;
  @Field(() => GraphQLDecimal, { description: 'Σ value of every item, CNY.' }) value: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'pp the whole lever would add (from its summed value).' }) pp: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true }) projectedRate: Decimal | null;
  @Field(() => [SourcingLeverItemModel], { description: 'The largest items, by value (at most `first`).' }) items: SourcingLeverItemModel[];
}

@ObjectType('SourcingLevers', { description: 'Where the next points of the rate could come from (issue 19).' })
export class SourcingLeversModel {
  @Field() regionCode: string;
  @Field(() => SourcingPeriodModel) period: SourcingPeriodModel;
  @Field({ description: 'How an item\'s value and pp are defined.' }) valueDefinition: string;
  @Field(() => GraphQLLocalDate, { description: 'Renewals end from this day (today) to before renewalsUntil.' }) asOf: string;
  @Field(() => GraphQLLocalDate) renewalsUntil: string;
  @Field(() => GraphQLDecimal, { description: 'Local value L of the official rate in the period.' }) numerator: Decimal;
  @Field(() => GraphQLDecimal, { description: 'Total value T.' }) denominator: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true }) rate: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The target rate, when a baseline is set and computable.' }) targetRate: Decimal | null;
  @Field(() => [SourcingLeverModel], { description: 'OPEN_REQUIREMENTS, DEMAND_GAPS, RENEWALS, in that order.' }) levers: SourcingLeverModel[];
  @Field(() => GraphQLDecimal, { nullable: true, description: 'pp of all levers together.' }) allPp: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true }) allProjectedRate: Decimal | null;
}

@ObjectType('SourcingScenarioResult', { description: 'A pick of levers and items, and where it would put the rate against the target.' })
export class SourcingScenarioResultModel {
  @Field() regionCode: string;
  @Field(() => SourcingPeriodModel) period: SourcingPeriodModel;
  @Field(() => [LeverKind]) levers: LeverKind[];
  @Field(() => [SourcingLeverItemModel], { description: 'The single items picked (items of a whole lever picked are not repeated).' }) items: SourcingLeverItemModel[];
  @Field(() => Int, { description: 'Items counted, whole levers included, each once.' }) itemCount: number;
  @Field(() => GraphQLDecimal, { description: 'Σ value, CNY, each item once.' }) value: Decimal;
  @Field(() => GraphQLDecimal, { description: 'L' }) numerator: Decimal;
  @Field(() => GraphQLDecimal, { description: 'T' }) denominator: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true }) rate: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: '(L + value) ÷ (T + value).' }) projectedRate: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: '(projected − rate) × 100.' }) pp: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true }) targetRate: Decimal | null;
  @Field(() => Boolean, { nullable: true, description: 'projectedRate ≥ targetRate; null without either.' }) meetsTarget: boolean | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: '(target − projected) × 100 when short of it, else 0.' }) ppShortOfTarget: Decimal | null;
  @Field() valueDefinition: string;
  @Field(() => [String], { description: 'Evaluating a saved scenario: its items that are no longer items of the levers (awarded, ended, served locally since), left out.' }) droppedIds: string[];
}

@ObjectType('SourcingScenario', { description: 'A saved scenario of a bureau: only its own analysts read or change it.' })
export class SourcingScenarioModel {
  @Field(() => ID) id: string;
  @Field() regionCode: string;
  @Field() name: string;
  @Field(() => [LeverKind]) levers: LeverKind[];
  @Field(() => [ID]) requirementIds: string[];
  @Field(() => [String]) categoryCodes: string[];
  @Field(() => [ID]) contractIds: string[];
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('SourcingPaceQuarter')
export class SourcingPaceQuarterModel {
  @Field({ description: 'e.g. 2025Q3' }) quarter: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Observed rate; null when nothing was bought (and for projected quarters).' }) rate: Decimal | null;
  @Field(() => GraphQLDecimal) numerator: Decimal;
  @Field(() => GraphQLDecimal) denominator: Decimal;
  @Field({ description: 'Whether this quarter\'s rate is one of the points the trend is fitted to.' }) fitted: boolean;
}

@ObjectType('SourcingPaceProjection')
export class SourcingPaceProjectionModel {
  @Field() quarter: string;
  @Field(() => Float, { description: 'Trend rate (fraction, 6 decimals).' }) rate: number;
  @Field(() => Float, { description: 'Lower end of the 90 % prediction band.' }) low: number;
  @Field(() => Float, { description: 'Upper end of the band.' }) high: number;
}

@ObjectType('SourcingPace', { description: 'The quarterly series, its trend to the end of 2027, and when the target would be reached at this pace.' })
export class SourcingPaceModel {
  @Field() regionCode: string;
  @Field({ description: 'How the projection is made.' }) method: string;
  @Field({ description: 'The last quarter of the series (the last complete quarter unless asked otherwise).' }) through: string;
  @Field(() => [SourcingPaceQuarterModel], { description: 'Up to 12 quarters ending at `through`, value basis, scope PROVINCE.' }) series: SourcingPaceQuarterModel[];
  @Field(() => Int, { description: 'Quarters the trend is fitted to (0 without a projection).' }) fittedQuarters: number;
  @Field(() => Float, { nullable: true, description: 'Trend: pp per quarter (2 decimals).' }) slopePpPerQuarter: number | null;
  @Field(() => Float, { nullable: true, description: 'Residual standard deviation of the fit, pp (2 decimals).' }) residualSdPp: number | null;
  @Field(() => [SourcingPaceProjectionModel], { description: 'Each quarter after `through` up to 2027Q4; empty without a projection.' }) projection: SourcingPaceProjectionModel[];
  @Field(() => GraphQLDecimal, { nullable: true }) targetRate: Decimal | null;
  @Field(() => PaceVerdict) verdict: PaceVerdict;
  @Field(() => String, { nullable: true, description: 'REACHED: the first quarter whose trend rate is at or above the target.' }) reachedQuarter: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'REACHED: the last day of that quarter.' }) reachedBy: string | null;
  @Field({ description: 'The verdict in words (English), including why there is no projection.' }) note: string;
}

@ObjectType('SourcingMapArea', { description: 'One city (or county) of the map: its centroid, plants and contract value.' })
export class SourcingMapAreaModel {
  @Field() code: string;
  @Field() nameZh: string;
  @Field(() => String, { nullable: true }) nameEn: string | null;
  @Field(() => Float, { nullable: true, description: 'Centroid latitude from the regions reference data (migrations/data).' }) lat: number | null;
  @Field(() => Float, { nullable: true }) lon: number | null;
  @Field(() => Int, { description: 'Supplier plants registered in the area.' }) supplierPlants: number;
  @Field(() => Int, { description: 'OEM plants registered in the area.' }) oemPlants: number;
  @Field(() => GraphQLDecimal, { description: 'Counted value bought from suppliers in the same province, CNY (the rate\'s numerator for the area).' }) localValue: Decimal;
  @Field(() => GraphQLDecimal, { description: 'Counted value bought from elsewhere, CNY.' }) nonLocalValue: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true }) rate: Decimal | null;
}

@ObjectType('SourcingMap', { description: 'Plants and local / non-local contract value by city (a province) or county (a city), at the areas\' centroids: a schematic, not a boundary map.' })
export class SourcingMapModel {
  @Field() regionCode: string;
  @Field(() => SourcingPeriodModel) period: SourcingPeriodModel;
  @Field({ description: 'CITY or COUNTY.' }) level: string;
  @Field(() => [SourcingMapAreaModel]) areas: SourcingMapAreaModel[];
  @Field({ description: 'What the map shows and what it does not.' }) note: string;
}
