import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Decimal } from 'decimal.js';
import { GraphQLDecimal } from '../common/decimal.scalar.js';
import { GraphQLLocalDate } from '../common/local-date.scalar.js';
import { ConnectionType } from '../common/pagination.js';
import { Basis, Scope, SourceFilter } from './sourcing-figures.js';
import type { QuarterPeriod } from './period.js';
import { QualificationOverrideModel } from '../contracts/contract.models.js';

registerEnumType(Basis, {
  name: 'RateBasis',
  description: 'What the local-sourcing rate sums.',
  valuesMap: {
    VALUE: { description: 'Contract value in CNY: current value after amendments; a terminated contract only its delivered value (none if unknown).' },
    COUNT: { description: 'Number of contracts; a terminated contract counts only if some value was delivered.' },
  },
});
registerEnumType(Scope, {
  name: 'LocalScope',
  description: 'What "local" means, judged from the locality snapshot taken at signing (never from today\'s plant data).',
  valuesMap: {
    PROVINCE: { description: 'The supplier plant was in the same province as the buyer plant (本省配套).' },
    CITY: { description: 'The supplier plant was in the same city as the buyer plant (本市配套).' },
  },
});
registerEnumType(SourceFilter, {
  name: 'ContractSourceFilter',
  valuesMap: {
    ALL: { description: 'Both kinds.' },
    AWARDED: { description: 'Contracts made on the platform by an award.' },
    RECORDED: { description: 'Existing contracts reported by buyers.' },
  },
});

export enum SourcingDimension {
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  OEM = 'OEM',
  FOCUS_AREA = 'FOCUS_AREA',
  CATEGORY = 'CATEGORY',
  QUARTER = 'QUARTER',
}
registerEnumType(SourcingDimension, { name: 'SourcingDimension', description: 'What a breakdown row is keyed by.' });

export enum BaselineMethod {
  COMPUTED = 'COMPUTED',
  ENTERED = 'ENTERED',
}
registerEnumType(BaselineMethod, {
  name: 'BaselineMethod',
  valuesMap: {
    COMPUTED: { description: 'Computed from the contracts signed in the baseline year (both sources), with the same basis and scope.' },
    ENTERED: { description: 'Entered by the bureau from a published source (see sourceNote), for one basis and scope.' },
  },
});

/** The definition, stated once for the schema and for the answers. */
export const RATE_DEFINITION =
  '本地配套率 local sourcing rate of region J in period P = Σ counted value of contracts signed in P whose buyer plant is in J and whose supplier plant ' +
  'was local to the buyer plant at signing ÷ Σ counted value of all contracts signed in P whose buyer plant is in J. ' +
  'Local (scope PROVINCE): supplier plant in the same province as the buyer plant; (scope CITY): in the same city — from the locality snapshot taken at signing, never today\'s plant data. ' +
  'Counted value: the current total value after amendments; a TERMINATED contract counts only its delivered value, none if unknown. ' +
  'Basis COUNT counts contracts instead (a TERMINATED one only if something was delivered). Periods are calendar quarters of the signing date. ' +
  'Rate is a fraction (0.4250 = 42.50 %), null when nothing was bought.';

@ObjectType('SourcingPeriod')
export class SourcingPeriodModel implements QuarterPeriod {
  @Field(() => Int) startYear: number;
  @Field(() => Int) startQuarter: number;
  @Field(() => Int) endYear: number;
  @Field(() => Int) endQuarter: number;
  @Field(() => GraphQLLocalDate, { description: 'First signing date included.' }) from: string;
  @Field(() => GraphQLLocalDate, { description: 'First signing date after the period (exclusive).' }) until: string;
  @Field({ description: 'e.g. 2025, 2025Q2, 2024Q3–2025Q2' }) label: string;
}

@ObjectType('SourcingRateRow', { description: 'One row of a breakdown: the same figure over the contracts of one city, OEM, category, focus area or quarter.' })
export class SourcingRateRowModel {
  @Field(() => SourcingDimension) dimension: SourcingDimension;
  @Field({ description: 'City/county code, OEM organisation id, focus area (COCKPIT, CHASSIS, CHIP, OTHER), category code, or quarter (2025Q3). Pass it to sourcingContracts to see the contracts behind the row.' })
  key: string;
  @Field(() => String, { nullable: true }) nameZh: string | null;
  @Field(() => String, { nullable: true }) nameEn: string | null;
  @Field(() => String, { nullable: true, description: 'For categories: the focus area they belong to.' }) focusArea: string | null;
  @Field(() => GraphQLDecimal) numerator: Decimal;
  @Field(() => GraphQLDecimal) denominator: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true }) rate: Decimal | null;
  @Field(() => Int) contracts: number;
}

/** What the target figures are computed from (not exposed). */
export interface RateContext {
  region: string;
  period: QuarterPeriod;
  basis: Basis;
  scope: Scope;
  local: Decimal;
  total: Decimal;
}

@ObjectType('LocalSourcingRate')
export class LocalSourcingRateModel {
  @Field() regionCode: string;
  @Field(() => String, { nullable: true }) regionName: string | null;
  @Field(() => String, { nullable: true }) regionNameEn: string | null;
  @Field(() => SourcingPeriodModel) period: SourcingPeriodModel;
  @Field(() => Basis) basis: Basis;
  @Field(() => Scope) scope: Scope;
  @Field(() => SourceFilter) source: SourceFilter;
  @Field({ description: 'The definition these figures follow.' }) definition: string;
  @Field(() => GraphQLDecimal, { description: 'Local value (CNY) or number of local contracts.' }) numerator: Decimal;
  @Field(() => GraphQLDecimal, { description: 'All value (CNY) or number of contracts that count.' }) denominator: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'numerator ÷ denominator, a fraction; null when nothing was bought.' }) rate: Decimal | null;
  @Field(() => Int, { description: 'Contracts signed in the selection, including terminated ones that count nothing.' }) contracts: number;
  @Field({ description: 'True when only confirmed contracts (and awards) were counted.' }) confirmedOnly: boolean;
  @Field(() => GraphQLDecimal, { description: 'Counted value (CNY) of the recorded contracts in the figure that their supplier has not confirmed.' }) unconfirmedValue: Decimal;
  @Field(() => Int, { description: 'Counted recorded contracts in the figure that their supplier has not confirmed.' }) unconfirmedContracts: number;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The share of the denominator (value or count, per basis) resting on unconfirmed contracts; null when nothing was bought.' }) unconfirmedShare: Decimal | null;
  @Field(() => [SourcingRateRowModel], { description: 'Cities the region covers (for a county: its own figures, under its city).' }) byCity: SourcingRateRowModel[];
  @Field(() => [SourcingRateRowModel], { description: 'Counties within the region (buyer plants registered at county level).' }) byCounty: SourcingRateRowModel[];
  @Field(() => [SourcingRateRowModel], { description: 'Buying OEMs, largest denominator first.' }) byOem: SourcingRateRowModel[];
  @Field(() => [SourcingRateRowModel], { description: 'The plan\'s focus areas COCKPIT, CHASSIS, CHIP (always listed), then OTHER.' }) byFocusArea: SourcingRateRowModel[];
  @Field(() => [SourcingRateRowModel], { description: 'Part categories as recorded on the contracts.' }) byCategory: SourcingRateRowModel[];
  @Field(() => [SourcingRateRowModel], { description: 'Every quarter of the period, in order.' }) byQuarter: SourcingRateRowModel[];
  /** For the target field's resolver. */
  context: RateContext;
}

@ObjectType('SourcingTarget', { description: 'The rate against the jurisdiction\'s baseline and its target (baseline + 10 pp unless configured).' })
export class SourcingTargetModel {
  @Field(() => Int) baselineYear: number;
  @Field(() => BaselineMethod) baselineMethod: BaselineMethod;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Null when the baseline year has no contracts to compute it from.' }) baselineRate: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'For a computed baseline: its local value or count.' }) baselineNumerator: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'For a computed baseline: its total value or count.' }) baselineDenominator: Decimal | null;
  @Field() sourceNote: string;
  @Field(() => GraphQLDecimal, { description: 'Percentage points above the baseline.' }) targetIncreasePp: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'min(100 %, baseline + increase).' }) targetRate: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true }) currentRate: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: '(current − baseline) × 100.' }) changePp: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: '(current − baseline) ÷ (target − baseline); 1 = target reached; not clamped.' }) progress: Decimal | null;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'New local contracts (value in CNY, rounded up to the fen; or a number of contracts on the COUNT basis) that would bring the rate to the target, the total growing by as much: (t·T − L) ÷ (1 − t). 0 when met.',
  })
  additionalLocalNeeded: Decimal | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Or, at the current total: non-local purchasing to move to local suppliers, t·T − L. 0 when met.' })
  localShiftNeeded: Decimal | null;
}

@ObjectType('SourcingBaseline')
export class SourcingBaselineModel {
  @Field() regionCode: string;
  @Field(() => Int) baselineYear: number;
  @Field(() => GraphQLDecimal) targetIncreasePp: Decimal;
  @Field(() => BaselineMethod) method: BaselineMethod;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'An entered rate (fraction).' }) enteredRate: Decimal | null;
  @Field(() => Basis, { nullable: true }) enteredBasis: Basis | null;
  @Field(() => Scope, { nullable: true }) enteredScope: Scope | null;
  @Field() sourceNote: string;
  @Field() updatedAt: Date;
}

@ObjectType('DemandGapSupplierPlant', { description: 'A supplier outside the province that passes the hard filters for some of the gap\'s requirements, with its nearest qualified plant.' })
export class DemandGapSupplierPlantModel {
  @Field(() => ID) supplierId: string;
  @Field() supplierName: string;
  @Field(() => ID) siteId: string;
  @Field() siteName: string;
  @Field(() => String, { nullable: true }) regionCode: string | null;
  @Field(() => String, { nullable: true }) regionName: string | null;
  @Field() countryCode: string;
  @Field(() => Float, { description: 'Great-circle km to the nearest delivery plant among the gap\'s requirements.' }) distanceKm: number;
  @Field(() => Int, { description: 'How many of the gap\'s requirements it qualifies for.' }) qualifiedRequirements: number;
}

@ObjectType('DemandGap', { description: 'Open requirements of one category that no supplier plant in the province can serve (招商线索).' })
export class DemandGapModel {
  @Field() categoryCode: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
  @Field(() => String, { nullable: true }) focusArea: string | null;
  @Field(() => Int) requirements: number;
  @Field(() => Int) oems: number;
  @Field(() => GraphQLDecimal, { description: 'Σ annual volume × target unit price, CNY.' }) demandedAnnualValue: Decimal;
  @Field(() => [DemandGapSupplierPlantModel], { description: 'Nearest qualified suppliers outside the province, one line per supplier (its plant nearest to the gap\'s delivery plants): candidates to attract.' })
  nearestOutside: DemandGapSupplierPlantModel[];
}

@ObjectType('DemandGapRequirement')
export class DemandGapRequirementModel {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() categoryCode: string;
  @Field(() => ID) organizationId: string;
  @Field() oemName: string;
  @Field(() => ID) deliverySiteId: string;
  @Field() deliveryRegionCode: string;
  @Field(() => Int) annualVolume: number;
  @Field(() => GraphQLDecimal) targetUnitPrice: Decimal;
  @Field(() => GraphQLDecimal) annualValue: Decimal;
  @Field(() => GraphQLLocalDate) sopDate: string;
}

export const DemandGapRequirementConnection = ConnectionType(DemandGapRequirementModel, 'DemandGapRequirement');

@ObjectType('SourcingContract', { description: 'A contract behind a figure, with how it counts.' })
export class SourcingContractModel {
  @Field(() => ID) id: string;
  @Field({ description: 'AWARDED or RECORDED.' }) source: string;
  @Field({ description: 'SIGNED, ACTIVE, COMPLETED or TERMINATED.' }) status: string;
  @Field(() => GraphQLLocalDate) signedDate: string;
  @Field(() => ID) buyerOrganizationId: string;
  @Field() buyerName: string;
  @Field(() => ID) buyerSiteId: string;
  @Field({ description: 'Buyer plant region at signing.' }) buyerRegionCode: string;
  @Field(() => ID) supplierOrganizationId: string;
  @Field() supplierName: string;
  @Field(() => ID, { nullable: true, description: 'The supplier\'s registered plant, when the contract names one (a recorded contract keeps the plant its buyer declared).' }) supplierSiteId: string | null;
  @Field(() => String, { nullable: true, description: 'Supplier plant region at signing (snapshot).' }) supplierRegionCode: string | null;
  @Field() supplierCountryCode: string;
  @Field() categoryCode: string;
  @Field() categoryNameZh: string;
  @Field() categoryNameEn: string;
  @Field(() => GraphQLDecimal, { description: 'Current value after amendments.' }) totalValue: Decimal;
  @Field(() => GraphQLDecimal, { nullable: true }) deliveredValue: Decimal | null;
  @Field(() => GraphQLDecimal, { description: 'What it adds to the VALUE basis.' }) countedValue: Decimal;
  @Field({ description: 'Whether it counts on the COUNT basis.' }) counts: boolean;
  @Field({ description: 'Local under the scope asked for (snapshot at signing).' }) local: boolean;
  @Field() sameProvince: boolean;
  @Field() sameCity: boolean;
  @Field(() => Float) distanceKm: number;
  @Field(() => QualificationOverrideModel, { nullable: true, description: 'Set when the buyer awarded a supplier that failed the hard filters (category or certification): its reason and the failures.' })
  qualificationOverride: QualificationOverrideModel | null;
}

export const SourcingContractConnection = ConnectionType(SourcingContractModel, 'SourcingContract');
