import { Field, Float, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RegionLevel } from './region.entity.js';

registerEnumType(RegionLevel, { name: 'RegionLevel' });

@ObjectType('Region', { description: 'A GB/T 2260 division (2023 codes).' })
export class RegionModel {
  @Field({ description: 'Six-digit GB/T 2260 code.' })
  code: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  nameEn: string | null;

  @Field(() => RegionLevel)
  level: RegionLevel;

  @Field(() => String, { nullable: true })
  parentCode: string | null;

  @Field()
  provinceCode: string;

  @Field(() => Float, { nullable: true, description: 'Centre point latitude (GCJ-02, approximate; see the data source).' })
  lat: number | null;

  @Field(() => Float, { nullable: true })
  lon: number | null;

  @Field({ description: 'True where the centre point is a rough approximation.' })
  centroidApprox: boolean;
}
