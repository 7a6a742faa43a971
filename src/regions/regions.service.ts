import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Region, RegionLevel } from './region.entity.js';
import { AppError } from '../common/app-error.js';
import { isRegionCode } from '../locality/region-codes.js';
import { entityReader } from '../common/loaders.js';

@Injectable()
export class RegionsService {
  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  async get(code: string, field = 'code'): Promise<Region> {
    if (!isRegionCode(code)) throw AppError.badInput(field, 'must be a six-digit GB/T 2260 code');
    const region = await this.regions.findOneBy({ code });
    if (!region) throw AppError.notFound(`Region ${code}`);
    return region;
  }

  /** Children of `parent` (provinces when absent), optionally only those of one level. */
  async list(parent: string | null, level: RegionLevel | null): Promise<Region[]> {
    if (parent !== null) {
      if (!isRegionCode(parent)) throw AppError.badInput('parent', 'must be a six-digit GB/T 2260 code');
      // One query when the parent has children (they prove it exists); a second only to tell an
      // unknown parent (NOT_FOUND) from one without children.
      const children = await entityReader(this.regions.manager.connection, Region, 'parentCode', { code: 'ASC' })([parent]);
      if (children.length === 0) await this.get(parent, 'parent');
      return level ? children.filter((r) => r.level === level) : children;
    }
    const where = level ? {} : { parentCode: IsNull() };
    return this.regions.find({ where: { ...where, ...(level ? { level } : {}) }, order: { code: 'ASC' } });
  }

  /** A site's region must be a leaf: a county, or a city without counties (东莞, 中山, 儋州). */
  async requireLeaf(code: string, field: string): Promise<Region> {
    const region = await this.get(code, field);
    if (region.level === RegionLevel.PROVINCE) throw AppError.badInput(field, 'must be a county-level code, not a province');
    if (region.level === RegionLevel.CITY && (await this.regions.existsBy({ parentCode: code }))) {
      throw AppError.badInput(field, 'must be a county-level code (this city has counties)');
    }
    return region;
  }

  /** The region's own centre point, or its city's, or its province's. */
  async centroid(region: Region): Promise<{ lat: number; lon: number } | null> {
    for (let current: Region | null = region; current; ) {
      if (current.lat !== null && current.lon !== null) return { lat: current.lat, lon: current.lon };
      current = current.parentCode ? await this.regions.findOneBy({ code: current.parentCode }) : null;
    }
    return null;
  }
}
