import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Basis, Scope, SourceFilter } from '../sourcing-figures.js';
import { MAX_YEAR, MIN_YEAR } from '../period.js';
import { FOCUS_AREA_KEYS } from './sourcing-stats.inputs.js';
import { CATEGORY_CODE_PATTERN } from '../../taxonomy/category-code.js';
import { REGION_CODE_PATTERN } from '../../locality/region-codes.js';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * Query string of the CSV exports: the arguments of the GraphQL queries, flattened
 * (`?region=330200&startYear=2025&basis=VALUE&local=true`). Unknown parameters are refused.
 */
export class ExportQuery {
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'region must be a six-digit GB/T 2260 code' })
  region: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_YEAR) @Max(MAX_YEAR)
  startYear?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(4)
  startQuarter?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_YEAR) @Max(MAX_YEAR)
  endYear?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(4)
  endQuarter?: number;

  @IsOptional() @IsEnum(Basis)
  basis?: Basis;

  @IsOptional() @IsEnum(Scope)
  scope?: Scope;

  @IsOptional() @IsEnum(SourceFilter)
  source?: SourceFilter;

  @IsOptional() @Transform(toBoolean) @IsBoolean()
  local?: boolean;

  @IsOptional() @Transform(toBoolean) @IsBoolean()
  confirmedOnly?: boolean;

  @IsOptional() @IsString() @Matches(REGION_CODE_PATTERN, { message: 'area must be a six-digit GB/T 2260 code' })
  area?: string;

  @IsOptional() @IsUUID()
  buyerOrganizationId?: string;

  @IsOptional() @IsString() @MaxLength(64) @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE' })
  categoryCode?: string;

  @IsOptional() @IsIn(FOCUS_AREA_KEYS)
  focusArea?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10)
  nearest?: number;
}
