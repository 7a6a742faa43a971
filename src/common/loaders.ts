import { Injectable } from '@nestjs/common';
import { DataSource, In, type ObjectLiteral, type EntityTarget } from 'typeorm';
import DataLoader from 'dataloader';
import { Region } from '../regions/region.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';
import { PartCategory } from '../taxonomy/part-category.entity.js';

/** Per-request batch loaders: a list resolving N relations issues one query per relation. */
export interface Loaders {
  region: DataLoader<string, Region | null>;
  organization: DataLoader<string, Organization | null>;
  site: DataLoader<string, Site | null>;
  category: DataLoader<string, PartCategory | null>;
  sitesOfOrganization: DataLoader<string, Site[]>;
}

@Injectable()
export class LoadersFactory {
  constructor(private readonly dataSource: DataSource) {}

  create(): Loaders {
    return {
      region: this.byKey(Region, 'code'),
      organization: this.byKey(Organization, 'id'),
      site: this.byKey(Site, 'id'),
      category: this.byKey(PartCategory, 'code'),
      sitesOfOrganization: new DataLoader(async (ids: readonly string[]) => {
        const sites = await this.dataSource.getRepository(Site).find({ where: { organizationId: In([...ids]) }, order: { name: 'ASC' } });
        return ids.map((id) => sites.filter((s) => s.organizationId === id));
      }),
    };
  }

  private byKey<T extends ObjectLiteral, K extends keyof T & string>(entity: EntityTarget<T>, key: K): DataLoader<string, T | null> {
    return new DataLoader(async (keys: readonly string[]) => {
      const rows = await this.dataSource.getRepository(entity).find({ where: { [key]: In([...keys]) } as never });
      const byKey = new Map(rows.map((row) => [String(row[key]), row]));
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }
}
