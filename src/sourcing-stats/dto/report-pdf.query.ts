import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_YEAR, MIN_YEAR } from '../period.js';
import { REGION_CODE_PATTERN } from '../../locality/region-codes.js';

/** Query string of `GET /exports/report.pdf?region=330200&year=2026&quarter=2&lang=zh`. */
export class ReportPdfQuery {
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: 'region must be a six-digit GB/T 2260 code' })
  region: string;

  @Type(() => Number) @IsInt() @Min(MIN_YEAR) @Max(MAX_YEAR)
  year: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(4)
  quarter?: number;

  @IsOptional() @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';
}
