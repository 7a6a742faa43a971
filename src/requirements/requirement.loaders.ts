import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { manyBy } from '../common/loaders.js';
import type { Principal } from '../access/role.js';
import { Requirement, RequirementCertification } from './requirement.entity.js';
import { canReadRequirement, needsInvolvement } from './requirement-access.js';
import { requirementsInvolving } from './requirement-involvement.js';

export interface RequirementLoaders {
  /**
   * A requirement as the reader may see it: the same rule as `requirement(id)`
   * (canReadRequirement). Where the root query answers NOT_FOUND, this gives null: a nested
   * field that leads to a requirement the reader may not see resolves to null, as if there
   * were none, and says no more than the root query would.
   */
  requirement: DataLoader<string, Requirement | null>;
  /** Keyed by a requirement the caller already reads. */
  requiredCertifications: DataLoader<string, RequirementCertification[]>;
}

/** `reader`: the principal the access guard put on the request (asked when a batch runs, after the guard). */
export function createRequirementLoaders(dataSource: DataSource, reader: () => Principal | undefined): RequirementLoaders {
  return {
    requirement: new DataLoader(async (ids: readonly string[]) => {
      const actor = reader();
      if (!actor) return ids.map(() => null);
      const rows = await dataSource.getRepository(Requirement).findBy({ id: In([...ids]) });
      const ask = rows.filter((r) => needsInvolvement(actor, r)).map((r) => r.id);
      const involved = ask.length > 0 ? await requirementsInvolving(dataSource.manager, actor.organizationId, ask) : new Set<string>();
      const visible = new Map(rows.filter((r) => canReadRequirement(actor, r, involved.has(r.id))).map((r) => [r.id, r]));
      return ids.map((id) => visible.get(id) ?? null);
    }),
    requiredCertifications: manyBy(dataSource, RequirementCertification, 'requirementId', { typeCode: 'ASC' }),
  };
}
