import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byKey, manyBy } from '../common/loaders.js';
import { Organization } from './organization.entity.js';
import { Site } from './site.entity.js';

/** Organisations and their plants are public profiles (`organization(id)` serves any of them to every role). */
export interface OrganizationLoaders {
  organization: DataLoader<string, Organization | null>;
  site: DataLoader<string, Site | null>;
  sitesOfOrganization: DataLoader<string, Site[]>;
}

export function createOrganizationLoaders(dataSource: DataSource): OrganizationLoaders {
  return {
    organization: byKey(dataSource, Organization, 'id'),
    site: byKey(dataSource, Site, 'id'),
    sitesOfOrganization: manyBy(dataSource, Site, 'organizationId', { name: 'ASC' }),
  };
}
