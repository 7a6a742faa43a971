import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum LevelSchemeEnum {
  HELD = 'HELD',
  ASIL = 'ASIL',
  AEC_GRADE = 'AEC_GRADE',
  ASPICE_LEVEL = 'ASPICE_LEVEL',
  PPAP_LEVEL = 'PPAP_LEVEL',
}
registerEnumType(LevelSchemeEnum, { name: 'LevelScheme', description: 'How a certification type ranks its levels.' });

@ObjectType('PartCategory')
export class PartCategoryModel {
  @Field({ description: 'Dotted code, e.g. CHASSIS.BRAKE_BY_WIRE.' })
  code: string;

  @Field(() => String, { nullable: true })
  parentCode: string | null;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field(() => String, { nullable: true, description: 'COCKPIT, CHASSIS or CHIP for the plan\'s growth areas.' })
  focusArea: string | null;

  @Field(() => [String])
  keywords: string[];
}

@ObjectType('CertificationType')
export class CertificationTypeModel {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  nameZh: string | null;

  @Field(() => LevelSchemeEnum)
  levelScheme: LevelSchemeEnum;

  @Field(() => [String], { description: 'Levels weakest first; empty when the certificate is only held or not.' })
  levels: readonly string[];

  @Field()
  typicalUse: string;
}
