import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../common/pagination.js';
import { GraphQLLocalDate } from '../common/local-date.scalar.js';
import { Designation } from '../organizations/organization.entity.js';
import { RequirementStatus } from '../requirements/requirement-status.js';
import { RequirementSearchFacet, SupplierSearchFacet } from './dto/search.inputs.js';

@ObjectType()
export class FacetValueCount {
  @Field({ description: 'A category code, certification type, region code, designation, status, or true/false.' })
  value: string;

  @Field(() => Int)
  count: number;

  @Field(() => String, { nullable: true, description: 'The value\'s Chinese name (category, certification, region, designation, status, verified), null if none is known.' })
  labelZh: string | null;

  @Field(() => String, { nullable: true, description: 'The value\'s English name, null if none is known.' })
  labelEn: string | null;
}

@ObjectType()
export class SupplierFacetCounts {
  @Field(() => SupplierSearchFacet)
  facet: SupplierSearchFacet;

  @Field(() => [FacetValueCount], { description: 'Most frequent first.' })
  values: FacetValueCount[];
}

@ObjectType()
export class RequirementFacetCounts {
  @Field(() => RequirementSearchFacet)
  facet: RequirementSearchFacet;

  @Field(() => [FacetValueCount])
  values: FacetValueCount[];
}

@ObjectType('SearchPlant')
export class SearchPlantModel {
  @Field(() => ID)
  siteId: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => Float)
  lat: number;

  @Field(() => Float)
  lon: number;
}

@ObjectType({ description: 'A supplier found by search, as the index has it (refreshed within seconds of a change).' })
export class SupplierSearchHit {
  @Field(() => ID, { description: 'The supplier organisation\'s id.' })
  id: string;

  @Field(() => Float, { description: 'Text relevance, 0 to 1 (0 when there is no query text).' })
  score: number;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  nameEn: string | null;

  @Field()
  verified: boolean;

  @Field(() => [Designation])
  designations: Designation[];

  @Field(() => [String], { description: 'Categories of its capabilities.' })
  categoryCodes: string[];

  @Field(() => [String], { description: 'Certifications valid today.' })
  certificationTypes: string[];

  @Field(() => [SearchPlantModel])
  plants: SearchPlantModel[];
}

@ObjectType({ description: 'A requirement found by search, as the index has it.' })
export class RequirementSearchHit {
  @Field(() => ID)
  id: string;

  @Field(() => Float, { description: 'Text relevance, 0 to 1 (0 when there is no query text).' })
  score: number;

  @Field()
  title: string;

  @Field(() => RequirementStatus)
  status: RequirementStatus;

  @Field()
  categoryCode: string;

  @Field(() => ID, { description: 'The buying organisation.' })
  organizationId: string;

  @Field(() => String, { nullable: true, description: 'County-level code of the delivery plant.' })
  deliveryRegionCode: string | null;

  @Field(() => GraphQLLocalDate)
  sopDate: string;
}

@ObjectType()
export class SupplierSearchEdge {
  @Field()
  cursor: string;

  @Field(() => SupplierSearchHit)
  node: SupplierSearchHit;
}

@ObjectType()
export class SupplierSearchConnection {
  @Field(() => [SupplierSearchEdge])
  edges: SupplierSearchEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Suppliers matching query and filter, over all pages (a lower bound when totalCountIsEstimate).' })
  totalCount: number;

  @Field({ description: 'True when more than 2,000 suppliers match (PostgreSQL backend): totalCount is then 2,000, facet counts cover the first 2,000 matches found, and only the first 500 found are ranked — narrow the query or filter. Like Meilisearch\'s estimatedTotalHits.' })
  totalCountIsEstimate: boolean;

  @Field(() => [SupplierFacetCounts], { description: 'Counts over all matching suppliers, for the facets asked for.' })
  facets: SupplierFacetCounts[];
}

@ObjectType()
export class RequirementSearchEdge {
  @Field()
  cursor: string;

  @Field(() => RequirementSearchHit)
  node: RequirementSearchHit;
}

@ObjectType()
export class RequirementSearchConnection {
  @Field(() => [RequirementSearchEdge])
  edges: RequirementSearchEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Requirements matching query and filter (a lower bound when totalCountIsEstimate).' })
  totalCount: number;

  @Field({ description: 'True when more than 2,000 requirements match: see SupplierSearchConnection.totalCountIsEstimate.' })
  totalCountIsEstimate: boolean;

  @Field(() => [RequirementFacetCounts])
  facets: RequirementFacetCounts[];
}

@ObjectType('SearchSynonymGroup')
export class SearchSynonymGroupModel {
  @Field(() => ID)
  id: string;

  @Field(() => [String])
  terms: string[];

  @Field({ description: 'Only the first term expands to the others.' })
  oneWay: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType()
export class SearchIndexStatus {
  @Field({ description: 'postgres or meilisearch.' })
  backend: string;

  @Field(() => Int, { description: 'Outbox rows not yet carried to the index.' })
  pendingEvents: number;

  @Field(() => Int, { description: 'Pending rows that failed at least once (see lastError).' })
  failingEvents: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  oldestPendingAt: Date | null;

  @Field(() => [String], { description: 'Index settings that differ from what the application wants (index.setting).' })
  settingsDrift: string[];
}
