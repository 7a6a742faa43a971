import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { manyBy } from '../common/loaders.js';
import { Capability, CapabilitySite } from './capability.entity.js';
import { SupplierCertification } from './supplier-certification.entity.js';

/** The parts of a supplier's public profile, keyed by organisation or capability. */
export interface SupplierLoaders {
  capabilitiesOfOrganization: DataLoader<string, Capability[]>;
  certificationsOfOrganization: DataLoader<string, SupplierCertification[]>;
  siteIdsOfCapability: DataLoader<string, string[]>;
}

export function createSupplierLoaders(dataSource: DataSource): SupplierLoaders {
  return {
    capabilitiesOfOrganization: manyBy(dataSource, Capability, 'organizationId', { categoryCode: 'ASC', createdAt: 'ASC' }),
    certificationsOfOrganization: manyBy(dataSource, SupplierCertification, 'organizationId', { typeCode: 'ASC', validUntil: 'DESC' }),
    siteIdsOfCapability: new DataLoader(async (ids: readonly string[]) => {
      const links = await dataSource.getRepository(CapabilitySite).find({ where: { capabilityId: In([...ids]) } });
      return ids.map((id) => links.filter((l) => l.capabilityId === id).map((l) => l.siteId));
    }),
  };
}
