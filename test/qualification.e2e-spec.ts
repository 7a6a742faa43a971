import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { startTestApp, type TestApp } from './support/app.js';
import { MatchFactsRepository } from '../src/matching/match-facts.repository.js';
import { isQualified, qualifiedPlants } from '../src/matching/qualification.js';
import type { HeldCertification, RequiredCertification, RequirementFacts, SupplierFacts } from '../src/matching/match-facts.js';
import { LEVEL_SCHEMES, type LevelScheme } from '../src/taxonomy/certification-levels.js';
import { SourcingStatsRepository, certificatesHeld, levelRankArrays, producingPlants } from '../src/sourcing-stats/sourcing-stats.repository.js';
import { SourcingLeversRepository } from '../src/sourcing-stats/sourcing-levers.repository.js';

/**
 * One "qualified supplier" rule, three places: the TypeScript rule (matching/qualification.ts,
 * behind the hard filters, explainMatch and the quote/award gates), matching's candidate SQL
 * (MatchFactsRepository.candidateSupplierIds) and the demand-gap SQL of the bureau statistics
 * (producingPlants + certificatesHeld in sourcing-stats.repository.ts). On random small worlds,
 * written to PostgreSQL as the services would allow them (levels valid for their scheme,
 * capabilities produced at the supplier's own plants), all three must pick the same suppliers
 * and the same (requirement, supplier, plant) triples. The sourcing levers judge the rule once per
 * group of requirements (category and certification signature): on random worlds whose
 * requirements share categories and certificates and spread their SOP dates over validity edges,
 * the requirements they count as having a qualified local plant are exactly those the rule says.
 */

const CATEGORIES = ['COCKPIT', 'COCKPIT.DISPLAY', 'COCKPIT.IVI', 'CHIP', 'CHIP.MCU'];
const CERT_TYPES: readonly { code: string; scheme: LevelScheme }[] = [
  { code: 'IATF_16949', scheme: 'HELD' },
  { code: 'ISO_26262', scheme: 'ASIL' },
  { code: 'AEC_Q100', scheme: 'AEC_GRADE' },
];
/** Days around the SOP dates, so that validity edges (from = SOP, until = SOP, one day off) come up often. */
const DAYS = ['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-06-30', '2027-07-01', '2027-07-02'];

interface WorldCert { type: number; level: number; from: number; until: number }
interface WorldSupplier { plants: number; outside?: boolean[]; capabilities: { category: number; plants: number[] }[]; certs: WorldCert[] }
interface WorldRequirement { category: number; sop: number; required: { type: number; minLevel: number | null }[] }
interface World { suppliers: WorldSupplier[]; requirements: WorldRequirement[] }

const certArb = fc.record({ type: fc.nat(CERT_TYPES.length - 1), level: fc.nat(5), from: fc.nat(DAYS.length - 1), until: fc.nat(DAYS.length - 1) });
const supplierArb = fc
  .record({
    plants: fc.integer({ min: 1, max: 3 }),
    capabilities: fc.array(fc.record({ category: fc.nat(CATEGORIES.length - 1), plants: fc.array(fc.nat(2), { maxLength: 3 }) }), { maxLength: 3 }),
    certs: fc.array(certArb, { maxLength: 4 }),
  })
  .map((s) => ({ ...s, capabilities: s.capabilities.map((c) => ({ ...c, plants: [...new Set(c.plants.filter((p) => p < s.plants))] })) }));
const requirementArb = fc.record({
  category: fc.nat(CATEGORIES.length - 1),
  sop: fc.constantFrom(2, 5),
  required: fc.uniqueArray(fc.record({ type: fc.nat(CERT_TYPES.length - 1), minLevel: fc.option(fc.nat(5), { nil: null }) }), { maxLength: 3, selector: (r) => r.type }),
});
/** Requirements that often share category and certificates (so that the levers' groups hold several), SOP on any day. */
const groupedRequirementArb = fc.record({
  category: fc.nat(CATEGORIES.length - 1),
  sop: fc.nat(DAYS.length - 1),
  required: fc.constantFrom<WorldRequirement['required']>([], [{ type: 0, minLevel: null }], [{ type: 1, minLevel: 2 }], [{ type: 0, minLevel: null }, { type: 2, minLevel: 1 }], [{ type: 2, minLevel: null }]),
});
/** Suppliers with plants inside the province or outside it (a plant outside never makes a requirement served locally). */
const provinceSupplierArb = fc
  .tuple(supplierArb, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }))
  .map(([s, outside]) => ({ ...s, outside: outside.slice(0, s.plants) }));
const groupedWorldArb: fc.Arbitrary<World> = fc.record({
  suppliers: fc.array(provinceSupplierArb, { minLength: 1, maxLength: 5 }),
  requirements: fc.array(groupedRequirementArb, { minLength: 1, maxLength: 10 }),
});
const worldArb: fc.Arbitrary<World> = fc.record({ suppliers: fc.array(supplierArb, { minLength: 1, maxLength: 5 }), requirements: fc.array(requirementArb, { minLength: 1, maxLength: 3 }) });

/** A level valid for the scheme (null for HELD), picked by index. */
function levelOf(scheme: LevelScheme, index: number | null): string | null {
  const levels = LEVEL_SCHEMES[scheme];
  if (levels.length === 0 || index === null) return null;
  return levels[index % levels.length];
}

describe('one qualified-supplier rule: TypeScript, matching SQL and demand-gap SQL agree', () => {
  let t: TestApp;
  let facts: MatchFactsRepository;
  let oemId: string;
  let deliveryId: string;
  let userId: string;
  let serial = 0;
  let outsideRegion: string;

  beforeAll(async () => {
    t = await startTestApp();
    facts = t.app.get(MatchFactsRepository);
    const known = await t.dataSource.query<{ code: string }[]>('SELECT code FROM part_categories WHERE code = ANY($1::text[])', [CATEGORIES]);
    expect(known).toHaveLength(CATEGORIES.length);
    const types = await t.dataSource.query<{ code: string; level_scheme: string }[]>('SELECT code, level_scheme FROM certification_types WHERE code = ANY($1::text[]) ORDER BY code', [CERT_TYPES.map((c) => c.code)]);
    expect(types.map((r) => [r.code, r.level_scheme])).toEqual(CERT_TYPES.map((c) => [c.code, c.scheme]).sort());
    oemId = await organization('OEM');
    deliveryId = randomUUID();
    await t.dataSource.query(`INSERT INTO sites (id, organization_id, name, region_code, lat, lon) VALUES ($1, $2, 'delivery', '330206', 29.89, 121.85)`, [deliveryId, oemId]);
    userId = randomUUID();
    [{ code: outsideRegion }] = await t.dataSource.query<{ code: string }[]>(`SELECT code FROM regions WHERE province_code = '320000' AND level = 'COUNTY' ORDER BY code LIMIT 1`);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function organization(kind: string): Promise<string> {
    const id = randomUUID();
    serial += 1;
    await t.dataSource.query(`INSERT INTO organizations (id, kind, legal_name, credit_code) VALUES ($1, $2, $3, $4)`, [id, kind, `world org ${serial}`, `Q${String(serial).padStart(17, '0')}`]);
    return id;
  }

  /** Writes the world; returns its facts as the TypeScript rule sees them, built from the world itself (not read back). */
  async function write(world: World): Promise<{ requirements: RequirementFacts[]; suppliers: SupplierFacts[] }> {
    const suppliers: SupplierFacts[] = [];
    for (const s of world.suppliers) {
      const supplierId = await organization('SUPPLIER');
      const sites = Array.from({ length: s.plants }, (_, i) => ({ id: randomUUID(), name: `plant ${i}`, countryCode: 'CN', regionCode: s.outside?.[i] ? outsideRegion : '330212', lat: 29.8, lon: 121.5, locationApprox: false }));
      for (const site of sites) {
        await t.dataSource.query(`INSERT INTO sites (id, organization_id, name, region_code, lat, lon) VALUES ($1, $2, $3, $4, $5, $6)`, [site.id, supplierId, site.name, site.regionCode, site.lat, site.lon]);
      }
      const capabilities = [];
      for (const c of s.capabilities) {
        const id = randomUUID();
        const siteIds = c.plants.map((p) => sites[p].id);
        await t.dataSource.query(`INSERT INTO capabilities (id, organization_id, category_code) VALUES ($1, $2, $3)`, [id, supplierId, CATEGORIES[c.category]]);
        for (const siteId of siteIds) await t.dataSource.query(`INSERT INTO capability_sites (capability_id, site_id) VALUES ($1, $2)`, [id, siteId]);
        capabilities.push({ id, categoryCode: CATEGORIES[c.category], annualCapacity: null, leadTimeDays: null, siteIds, specs: [] });
      }
      const certifications: HeldCertification[] = [];
      for (const [index, c] of s.certs.entries()) {
        const { code, scheme } = CERT_TYPES[c.type];
        const [validFrom, validUntil] = [DAYS[Math.min(c.from, c.until)], DAYS[Math.max(c.from, c.until)]];
        const level = levelOf(scheme, c.level);
        await t.dataSource.query(
          `INSERT INTO supplier_certifications (organization_id, type_code, level, certificate_number, valid_from, valid_until) VALUES ($1, $2, $3, $4, $5, $6)`,
          [supplierId, code, level, `N-${index}`, validFrom, validUntil],
        );
        certifications.push({ typeCode: code, scheme, level, validFrom, validUntil });
      }
      suppliers.push({ supplierId, name: supplierId, designations: [], capabilities, sites, certifications, textRelevance: 0 });
    }
    const requirements: RequirementFacts[] = [];
    for (const r of world.requirements) {
      const id = randomUUID();
      const sopDate = DAYS[r.sop];
      await t.dataSource.query(
        `INSERT INTO requirements (id, organization_id, delivery_site_id, category_code, title, annual_volume, target_unit_price, sop_date, quote_deadline, status, created_by)
         VALUES ($1, $2, $3, $4, 'world requirement', 1000, 10, $5, now() + interval '30 days', 'OPEN', $6)`,
        [id, oemId, deliveryId, CATEGORIES[r.category], sopDate, userId],
      );
      const requiredCertifications: RequiredCertification[] = [];
      for (const need of r.required) {
        const { code, scheme } = CERT_TYPES[need.type];
        const minLevel = levelOf(scheme, need.minLevel);
        await t.dataSource.query(`INSERT INTO requirement_certifications (requirement_id, type_code, min_level) VALUES ($1, $2, $3)`, [id, code, minLevel]);
        requiredCertifications.push({ typeCode: code, typeName: code, scheme, minLevel });
      }
      requirements.push({ id, categoryCode: CATEGORIES[r.category], delivery: { countryCode: 'CN', regionCode: '330206', lat: 29.89, lon: 121.85, locationApprox: false }, sopDate, annualVolume: 1000, requiredCertifications, specs: [] });
    }
    return { requirements, suppliers };
  }

  async function erase(): Promise<void> {
    await t.dataSource.query(`DELETE FROM requirements WHERE organization_id = $1`, [oemId]);
    await t.dataSource.query(`DELETE FROM capabilities WHERE organization_id <> $1`, [oemId]);
    await t.dataSource.query(`DELETE FROM supplier_certifications`);
    await t.dataSource.query(`DELETE FROM sites WHERE organization_id <> $1`, [oemId]);
    await t.dataSource.query(`DELETE FROM organizations WHERE id <> $1`, [oemId]);
  }

  /** The demand-gap SQL's (requirement, supplier, plant) triples, as GAP_PAIRS selects them. */
  async function gapSqlTriples(requirementIds: string[]): Promise<string[]> {
    const rows = await t.dataSource.query<{ requirement_id: string; supplier_id: string; site_id: string }[]>(
      `WITH lr AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS lr(scheme, level, rank))
       SELECT DISTINCT g.id AS requirement_id, x.supplier_id, x.site_id
       FROM requirements g CROSS JOIN LATERAL (
         SELECT c.organization_id AS supplier_id, ps.id AS site_id FROM ${producingPlants('g')} AND ${certificatesHeld('g', 'c.organization_id')}) x
       WHERE g.id = ANY($4::uuid[])`,
      [...levelRankArrays(), requirementIds],
    );
    return rows.map((r) => `${r.requirement_id} ${r.supplier_id} ${r.site_id}`).sort();
  }

  it('picks the same suppliers and plants on random worlds', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        try {
          const { requirements, suppliers } = await write(world);
          const supplierIds = suppliers.map((s) => s.supplierId);
          for (const req of requirements) {
            const byRule = suppliers.filter((s) => isQualified(req, s)).map((s) => s.supplierId).sort();
            const bySql = (await facts.candidateSupplierIds(req, supplierIds)).sort();
            expect(bySql).toEqual(byRule);
          }
          const ruleTriples = requirements.flatMap((req) => suppliers.flatMap((s) => qualifiedPlants(req, s).map((p) => `${req.id} ${s.supplierId} ${p.id}`))).sort();
          expect(await gapSqlTriples(requirements.map((r) => r.id))).toEqual(ruleTriples);
        } finally {
          await erase();
        }
      }),
      { numRuns: 60, seed: 20261204 },
    );
  });

  it('levers and demand gaps count a requirement as served locally exactly when the rule finds a qualified plant in the province (grouped judgement)', async () => {
    const levers = t.app.get(SourcingLeversRepository);
    const stats = t.app.get(SourcingStatsRepository);
    await fc.assert(
      fc.asyncProperty(groupedWorldArb, async (world) => {
        try {
          const { requirements, suppliers } = await write(world);
          const local = (req: RequirementFacts) => suppliers.some((s) => qualifiedPlants(req, s).some((p) => (p.regionCode ?? '').startsWith('33')));
          const served = requirements.filter(local).map((r) => r.id).sort();
          const result = await levers.requirementLevers('330000', '330000', requirements.length, []);
          expect(result.openItems.map((i) => i.id).sort()).toEqual(served);
          expect(result.open.count).toBe(served.length);
          const gapCounts = new Map<string, number>();
          for (const r of requirements.filter((x) => !local(x))) gapCounts.set(r.categoryCode, (gapCounts.get(r.categoryCode) ?? 0) + 1);
          expect(new Map(result.gaps.map((g) => [g.categoryCode, g.requirements]))).toEqual(gapCounts);
          // The demand gaps' qualified suppliers outside (grouped the same way): per gap category, each supplier with a plant
          // qualified for some gap requirement of it, and for how many.
          const gaps = requirements.filter((r) => !local(r));
          const expected = new Map<string, number>();
          for (const r of gaps) for (const s of suppliers) if (qualifiedPlants(r, s).length > 0) expected.set(`${r.categoryCode} ${s.supplierId}`, (expected.get(`${r.categoryCode} ${s.supplierId}`) ?? 0) + 1);
          const candidates = await stats.gapCandidates('330000', '330000', null, 100);
          expect(new Map(candidates.map((c) => [`${c.categoryCode} ${c.supplierId}`, c.qualifiedRequirements]))).toEqual(expected);
          const gapRows = await stats.gapGroups('330000', '330000', null);
          expect(new Map(gapRows.map((g) => [g.categoryCode, g.requirements]))).toEqual(gapCounts);
          // The signature the trigger keeps is the one the migration's function computes.
          const stale = await t.dataSource.query(`SELECT id FROM requirements WHERE certification_signature <> requirement_certification_signature(id)`);
          expect(stale).toEqual([]);
        } finally {
          await erase();
        }
      }),
      { numRuns: 60, seed: 20261205 },
    );
  });

  it('keeps certification_signature when required certificates are added, changed and removed', async () => {
    const world: World = { suppliers: [{ plants: 1, capabilities: [], certs: [] }], requirements: [{ category: 3, sop: 2, required: [] }, { category: 3, sop: 2, required: [] }] };
    try {
      const { requirements: [a, b] } = await write(world);
      const signatures = async () => (await t.dataSource.query<{ id: string; s: string }[]>(`SELECT id, certification_signature AS s FROM requirements WHERE id = ANY($1::uuid[])`, [[a.id, b.id]]))
        .reduce<Record<string, string>>((m, r) => ({ ...m, [r.id === a.id ? 'a' : 'b']: r.s }), {});
      expect(await signatures()).toEqual({ a: '', b: '' });
      await t.dataSource.query(`INSERT INTO requirement_certifications (requirement_id, type_code, min_level) VALUES ($1, 'ISO_26262', 'B'), ($1, 'IATF_16949', NULL)`, [a.id]);
      expect(await signatures()).toEqual({ a: `IATF_16949:NULL,ISO_26262:'B'`, b: '' });
      await t.dataSource.query(`UPDATE requirement_certifications SET min_level = 'D' WHERE requirement_id = $1 AND type_code = 'ISO_26262'`, [a.id]);
      expect(await signatures()).toEqual({ a: `IATF_16949:NULL,ISO_26262:'D'`, b: '' });
      await t.dataSource.query(`UPDATE requirement_certifications SET requirement_id = $2 WHERE requirement_id = $1 AND type_code = 'IATF_16949'`, [a.id, b.id]);
      expect(await signatures()).toEqual({ a: `ISO_26262:'D'`, b: 'IATF_16949:NULL' });
      await t.dataSource.query(`DELETE FROM requirement_certifications WHERE requirement_id = ANY($1::uuid[])`, [[a.id, b.id]]);
      expect(await signatures()).toEqual({ a: '', b: '' });
    } finally {
      await erase();
    }
  });

  it('can tell the rules apart: a certificate expiring the day before SOP disqualifies in all three', async () => {
    const world: World = {
      suppliers: [
        { plants: 1, capabilities: [{ category: 4, plants: [0] }], certs: [{ type: 1, level: 4, from: 0, until: 4 }] },
        { plants: 1, capabilities: [{ category: 4, plants: [0] }], certs: [{ type: 1, level: 4, from: 0, until: 5 }] },
      ],
      requirements: [{ category: 3, sop: 5, required: [{ type: 1, minLevel: 2 }] }],
    };
    try {
      const { requirements: [req], suppliers } = await write(world);
      expect(suppliers.map((s) => isQualified(req, s))).toEqual([false, true]);
      expect(await facts.candidateSupplierIds(req, suppliers.map((s) => s.supplierId))).toEqual([suppliers[1].supplierId]);
      expect(await gapSqlTriples([req.id])).toEqual([`${req.id} ${suppliers[1].supplierId} ${suppliers[1].sites[0].id}`]);
    } finally {
      await erase();
    }
  });
});
