/**
 * The facts matching works on, as plain data: a requirement (what, where, when, which
 * certificates) and a supplier (capabilities, plants, certificates). Loaded by
 * `match-facts.repository.ts`; read by the qualification rule and the scorer.
 */
import type { LevelScheme } from '../taxonomy/certification-levels.js';
import type { Place } from '../locality/locality-tier.js';
import type { MatchWeights } from '../requirements/match-weights.js';

export interface RequiredCertification {
  typeCode: string;
  typeName: string;
  scheme: LevelScheme;
  /** Minimum level in the scheme's codes; null asks only that the certificate be held. */
  minLevel: string | null;
}

export interface Spec {
  key: string;
  value: string;
}

export interface RequirementFacts {
  id: string;
  /** Dotted part-category code, e.g. `CHASSIS.BRAKE_BY_WIRE`. */
  categoryCode: string;
  delivery: Place;
  /** Start of production, `YYYY-MM-DD`. */
  sopDate: string;
  annualVolume: number;
  requiredCertifications: readonly RequiredCertification[];
  specs: readonly Spec[];
  weights?: Partial<MatchWeights>;
}

export interface SupplierCapability {
  id: string;
  categoryCode: string;
  annualCapacity: number | null;
  leadTimeDays: number | null;
  siteIds: readonly string[];
  specs: readonly Spec[];
}

export type SupplierSite = { id: string; name: string } & Place;

export interface HeldCertification {
  typeCode: string;
  scheme: LevelScheme;
  level: string | null;
  /** First valid day, `YYYY-MM-DD`, inclusive. */
  validFrom: string;
  /** Last valid day, `YYYY-MM-DD`, inclusive. */
  validUntil: string;
}

export type Designation = 'SPECIALIZED_SME' | 'LITTLE_GIANT' | 'SINGLE_CHAMPION';

export interface SupplierFacts {
  supplierId: string;
  name: string;
  /** `SPECIALIZED_SME` | `LITTLE_GIANT` | `SINGLE_CHAMPION`; anything else is ignored. */
  designations: readonly string[];
  capabilities: readonly SupplierCapability[];
  sites: readonly SupplierSite[];
  certifications: readonly HeldCertification[];
  /** 0..1, supplied by the search index. */
  textRelevance: number;
}
