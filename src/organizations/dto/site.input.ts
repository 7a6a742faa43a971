import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsISO31661Alpha2, IsInt, IsLatitude, IsLongitude, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { IsFreeText, IsName, NotNull } from '../../common/text-fields.js';

@InputType()
export class CreateSiteInput {
  @Field(() => ID, { nullable: true, description: 'Defaults to the caller\'s organisation; only a platform admin may name another.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Field()
  @IsName()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field({ defaultValue: 'CN' })
  @IsISO31661Alpha2()
  countryCode: string = 'CN';

  @Field(() => String, { nullable: true, description: 'County-level code; required in China, absent abroad.' })
  @IsOptional()
  @IsString()
  @Length(6, 6)
  regionCode?: string | null;

  @Field({ defaultValue: '' })
  @IsFreeText()
  @IsString()
  @MaxLength(500)
  address: string = '';

  @Field(() => Float, { nullable: true, description: 'Defaults to the region\'s centre point (flagged approximate).' })
  @IsOptional()
  @IsLatitude()
  lat?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  lon?: number | null;
}

@InputType()
export class UpdateSiteInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsName()
  @IsString()
  @Length(1, 200)
  @NotNull()
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(6, 6)
  regionCode?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsFreeText()
  @IsString()
  @MaxLength(500)
  @NotNull()
  address?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude()
  lat?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  lon?: number | null;
}
