import { Args, Query, Resolver } from '@nestjs/graphql';
import { RegionModel } from './region.model.js';
import { RegionsService } from './regions.service.js';
import { RegionLevel } from './region.entity.js';
import { Public } from '../access/access.decorator.js';

@Resolver(() => RegionModel)
export class RegionsResolver {
  constructor(private readonly regionsService: RegionsService) {}

  @Public()
  @Query(() => [RegionModel], { description: 'Divisions under `parent` (provinces when omitted), optionally of one level.' })
  regions(
    @Args('parent', { type: () => String, nullable: true }) parent: string | null,
    @Args('level', { type: () => RegionLevel, nullable: true }) level: RegionLevel | null,
  ): Promise<RegionModel[]> {
    return this.regionsService.list(parent ?? null, level ?? null);
  }

  @Public()
  @Query(() => RegionModel)
  region(@Args('code') code: string): Promise<RegionModel> {
    return this.regionsService.get(code);
  }
}
