import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Designation, OrganizationKind } from './organization.entity.js';
import { ConnectionType } from '../common/pagination.js';

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(Designation, {
  name: 'Designation',
  valuesMap: {
    SPECIALIZED_SME: { description: '专精特新中小企业' },
    LITTLE_GIANT: { description: '专精特新"小巨人"' },
    SINGLE_CHAMPION: { description: '制造业单项冠军' },
  },
});

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID)
  id: string;

  @Field(() => OrganizationKind)
  kind: OrganizationKind;

  @Field()
  legalName: string;

  @Field(() => String, { nullable: true })
  nameEn: string | null;

  @Field({ description: '统一社会信用代码 (GB 32100-2015).' })
  creditCode: string;

  @Field(() => [Designation])
  designations: Designation[];

  @Field({ description: 'Checked by the platform. Only verified buyers\' contracts count in the official local-sourcing figure.' })
  verified: boolean;

  @Field({ description: 'True when the platform refused to verify it (the reason is in the audit log); it then leaves the verification queue.' })
  verificationRefused: boolean;

  @Field(() => String, { nullable: true, description: 'A bureau\'s jurisdiction.' })
  jurisdictionCode: string | null;

  @Field(() => Int)
  version: number;
}

export const OrganizationConnection = ConnectionType(OrganizationModel, 'Organization');

@ObjectType('Site', { description: 'A plant: where an OEM takes delivery or a supplier produces.' })
export class SiteModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organizationId: string;

  @Field()
  name: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  countryCode: string;

  @Field(() => String, { nullable: true, description: 'County-level GB/T 2260 code; null abroad.' })
  regionCode: string | null;

  @Field()
  address: string;

  @Field(() => Float)
  lat: number;

  @Field(() => Float)
  lon: number;

  @Field({ description: 'True when the coordinates are the region\'s centre point, not the plant\'s own.' })
  locationApprox: boolean;

  @Field(() => Int)
  version: number;
}
