import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Decimal } from 'decimal.js';
import { Contract, ContractSource, ContractStatus, ReviewStatus, SupplierConfirmation } from './contract.entity.js';
import { isImplausibleValue } from './contract-review.js';
import { buyerValueHistory } from './contracts.repository.js';
import { hasChineseRegion, localitySnapshot, type PlantPlace } from '../locality/locality-snapshot.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { MAX_UNIT_PRICE, contractValueProblem, unitPriceProblem } from '../common/money.js';
import type { RecordContractInput, RecordedPlantInput } from './dto/contract.inputs.js';
import { AppError, type FieldError } from '../common/app-error.js';
import { todayInChina } from '../common/local-date.scalar.js';
import type { Principal } from '../access/role.js';
import { Organization, OrganizationKind } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { creditCodeProblem, describeCreditCodeProblem } from '../organizations/credit-code.js';
import { RegionsService } from '../regions/regions.service.js';
import { PartCategory } from '../taxonomy/part-category.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';

export interface RecordOutcome {
  contract: Contract;
  /** False when the buyer's reference was already recorded with the same details. */
  created: boolean;
}

/** A recorded contract's details, as far as a second recording must match them to be "the same". */
type Fingerprint = Pick<Contract, 'buyerSiteId' | 'supplierOrganizationId' | 'categoryCode' | 'totalValue' | 'volume' | 'signedDate'>;

/**
 * Contracts made outside the platform, reported by their buyer: the baseline of the
 * local-sourcing rate is built from them. The supplier is named by its unified social credit
 * code; an unknown one is registered as an unverified supplier without plants. The supplying
 * plant is kept on the contract as the buyer declares it: the buyer's write never creates or
 * edits the supplier's organisation or plants, and the supplier confirms or disputes. The
 * buyer's own contract reference makes recording idempotent: the same reference with the same
 * details returns the contract already recorded; with other details it is refused.
 */
@Injectable()
export class RecordedContractsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async record(actor: Principal, input: RecordContractInput): Promise<RecordOutcome> {
    // A race with another recording (same reference, or the same new supplier or plant) loses
    // on a unique index; the second attempt then finds what the winner wrote.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.recordIn(manager, actor, input));
      } catch (error) {
        if (attempt < 3 && isUniqueViolation(error)) continue;
        if (isUniqueViolation(error)) throw AppError.conflict('The contract collided with a concurrent recording: try again');
        throw error;
      }
    }
  }

  private async recordIn(manager: EntityManager, actor: Principal, input: RecordContractInput): Promise<RecordOutcome> {
    const reference = input.buyerReference.trim();
    if (reference === '') throw AppError.badInput('input.buyerReference', 'must not be blank');
    const creditCode = input.supplier.creditCode.trim().toUpperCase();
    const codeProblem = creditCodeProblem(creditCode);
    if (codeProblem) throw AppError.badInput('input.supplier.creditCode', describeCreditCodeProblem(codeProblem));

    const existing = await manager.findOneBy(Contract, { buyerOrganizationId: actor.organizationId, buyerReference: reference });
    const known = await manager.findOneBy(Organization, { creditCode });
    if (existing) return this.sameAsRecorded(existing, input, known);

    const buyerSite = await this.checkDetails(manager, actor, input);
    let supplier = known;
    if (supplier && supplier.kind !== OrganizationKind.SUPPLIER) throw AppError.badInput('input.supplier.creditCode', 'this credit code belongs to an organisation that is not a supplier');
    if (supplier?.id === actor.organizationId) throw AppError.badInput('input.supplier.creditCode', 'this is your own organisation');
    if (!supplier) {
      const legalName = input.supplier.legalName?.trim();
      if (!legalName) throw AppError.badInput('input.supplier.legalName', 'the credit code is not registered: give the supplier\'s legal name');
      supplier = await this.organizations.insert(manager, actor, { kind: OrganizationKind.SUPPLIER, legalName, creditCode, verified: false }, 'input.supplier.');
      await this.outbox.enqueue(manager, 'Organization', supplier.id);
    }
    const plant = await this.declaredPlant(manager, supplier.id, input.supplier.plant);

    const unitPrice = input.unitPrice ?? input.totalValue.dividedBy(input.volume).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
    const contract = manager.create(Contract, {
      source: ContractSource.RECORDED,
      awardId: null,
      requirementId: null,
      quoteId: null,
      buyerReference: reference,
      buyerOrganizationId: actor.organizationId,
      buyerSiteId: buyerSite.id,
      supplierOrganizationId: supplier.id,
      supplierSiteId: plant.siteId,
      supplierPlantName: plant.name,
      supplierPlantAddress: plant.address,
      supplierPlantLat: plant.place.lat,
      supplierPlantLon: plant.place.lon,
      supplierConfirmation: SupplierConfirmation.UNCONFIRMED,
      categoryCode: input.categoryCode,
      unitPrice,
      volume: input.volume,
      totalValue: input.totalValue,
      deliveredValue: input.status === ContractStatus.TERMINATED ? (input.deliveredValue ?? null) : null,
      signedDate: input.signedDate,
      startDate: input.startDate ?? input.signedDate,
      endDate: input.endDate ?? null,
      status: input.status,
      terminationReason: input.status === ContractStatus.TERMINATED ? (input.terminationReason?.trim() ?? null) : null,
      ...localitySnapshot(buyerSite, plant.place),
      createdBy: actor.userId,
    });
    // An implausible value for this buyer is held for review, not counted silently.
    if (isImplausibleValue(input.totalValue, await buyerValueHistory(manager, actor.organizationId))) contract.reviewStatus = ReviewStatus.HELD;
    await manager.save(contract);
    await this.audit.record(manager, actor, { action: 'contract.record', entityType: 'Contract', entityId: contract.id, after: contract });
    await this.outbox.enqueue(manager, 'Contract', contract.id);
    if (contract.supplierOrganizationId) {
      await this.outbox.publish(manager, { kind: 'ContractRecorded', payload: { contractId: contract.id, supplierId: contract.supplierOrganizationId } }, { actorUserId: actor.userId });
    }
    return { contract, created: true };
  }

  /** The reference is taken: the same contract again is fine, another one is not. */
  private sameAsRecorded(existing: Contract, input: RecordContractInput, supplier: Organization | null): RecordOutcome {
    const wanted: Fingerprint = {
      buyerSiteId: input.buyerSiteId,
      supplierOrganizationId: supplier?.id ?? '',
      categoryCode: input.categoryCode,
      totalValue: input.totalValue,
      volume: input.volume,
      signedDate: input.signedDate,
    };
    const differs = (Object.keys(wanted) as (keyof Fingerprint)[]).filter((key) => {
      const a = wanted[key];
      const b = existing[key];
      return a instanceof Decimal && b instanceof Decimal ? !a.equals(b) : a !== b;
    });
    if (differs.length > 0) {
      throw AppError.conflict(`Your reference ${existing.buyerReference} is already recorded for a different contract (it differs in ${differs.join(', ')})`);
    }
    return { contract: existing, created: false };
  }

  /** Checks everything but the supplier; returns the buyer plant. */
  private async checkDetails(manager: EntityManager, actor: Principal, input: RecordContractInput): Promise<Site & { regionCode: string }> {
    const problems: FieldError[] = [];
    const site = await manager.findOneBy(Site, { id: input.buyerSiteId });
    if (site && site.organizationId !== actor.organizationId) throw AppError.forbidden('The buyer plant must be one of your organisation\'s plants');
    if (!site) problems.push({ field: 'input.buyerSiteId', message: 'no such plant' });
    else if (!hasChineseRegion(site)) problems.push({ field: 'input.buyerSiteId', message: 'contracts are recorded for plants in China' });
    if (!(await manager.existsBy(PartCategory, { code: input.categoryCode }))) problems.push({ field: 'input.categoryCode', message: `unknown part category ${input.categoryCode}` });
    const valueProblem = contractValueProblem(input.totalValue);
    if (valueProblem) problems.push({ field: 'input.totalValue', message: valueProblem });
    const priceProblem = input.unitPrice != null ? unitPriceProblem(input.unitPrice) : null;
    if (priceProblem) problems.push({ field: 'input.unitPrice', message: priceProblem });
    else if (input.unitPrice == null && !valueProblem && input.totalValue.dividedBy(input.volume).greaterThanOrEqualTo(MAX_UNIT_PRICE)) problems.push({ field: 'input.totalValue', message: 'total value ÷ volume is too high a unit price' });
    const today = todayInChina();
    if (input.signedDate > today) problems.push({ field: 'input.signedDate', message: `must not be after today (${today}): record contracts already signed` });
    const start = input.startDate ?? input.signedDate;
    if (input.endDate != null && input.endDate < start) problems.push({ field: 'input.endDate', message: `must not be before the start date ${start}` });
    if (input.status === ContractStatus.TERMINATED) {
      if (!input.terminationReason?.trim()) problems.push({ field: 'input.terminationReason', message: 'a terminated contract needs the reason' });
      const delivered = input.deliveredValue;
      if (delivered != null && (delivered.isNegative() || delivered.greaterThan(input.totalValue) || delivered.decimalPlaces() > 2)) {
        problems.push({ field: 'input.deliveredValue', message: 'must be from 0 to the total value, at most 2 decimal places' });
      }
    } else {
      if (input.deliveredValue != null) problems.push({ field: 'input.deliveredValue', message: 'only for a TERMINATED contract' });
      if (input.terminationReason != null) problems.push({ field: 'input.terminationReason', message: 'only for a TERMINATED contract' });
    }
    if (problems.length > 0 || !site || !hasChineseRegion(site)) throw AppError.invalid(problems);
    return site;
  }

  /**
   * The supplying plant as the buyer declares it: in China a county-level code (coordinates
   * default to its centre), abroad a country and coordinates. It is kept on the contract only;
   * it is linked to the supplier's registered plant when the supplier has a plant of that name
   * at that place (same country and county), and never creates or edits a plant.
   */
  private async declaredPlant(manager: EntityManager, organizationId: string, input: RecordedPlantInput): Promise<DeclaredPlant> {
    const prefix = 'input.supplier.plant.';
    const name = input.name.trim();
    if (name === '') throw AppError.badInput(`${prefix}name`, 'must not be blank');
    const countryCode = input.countryCode.toUpperCase();
    const regionCode = input.regionCode ?? null;
    const lat = input.lat ?? null;
    const lon = input.lon ?? null;
    if ((lat === null) !== (lon === null)) throw AppError.invalid(['lat', 'lon'].map((name) => ({ field: `${prefix}${name}`, message: 'give both lat and lon, or neither' })));
    let place: PlantPlace & { locationApprox: boolean };
    if (countryCode !== 'CN') {
      if (regionCode) throw AppError.badInput(`${prefix}regionCode`, 'plants abroad have no GB/T 2260 code');
      if (lat === null || lon === null) throw AppError.badInput(`${prefix}lat`, 'plants abroad need coordinates');
      place = { countryCode, regionCode: null, lat, lon, locationApprox: false };
    } else {
      if (!regionCode) throw AppError.badInput(`${prefix}regionCode`, 'plants in China need a county-level region code');
      const region = await this.regions.requireLeaf(regionCode, `${prefix}regionCode`);
      const centre = lat === null || lon === null ? await this.regions.centroid(region) : { lat, lon };
      if (!centre) throw AppError.badInput(`${prefix}lat`, `no centre point is known for ${region.name}: give coordinates`);
      place = { countryCode, regionCode, lat: centre.lat, lon: centre.lon, locationApprox: lat === null };
    }
    const registered = await manager.findOneBy(Site, { organizationId, name });
    const same = registered !== null && registered.countryCode === countryCode && registered.regionCode === regionCode;
    return { siteId: same ? registered.id : null, name, address: input.address.trim(), place };
  }
}

interface DeclaredPlant {
  /** The supplier's registered plant of that name at that place, if it has one. */
  siteId: string | null;
  name: string;
  address: string;
  place: PlantPlace & { locationApprox: boolean };
}
