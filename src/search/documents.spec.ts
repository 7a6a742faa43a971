import { buildSupplierDocument, categoryPath, certificationKeys, certificationNames, regionLevels, type CategoryRef } from './documents.js';
import { flattenTaxonomy } from '../taxonomy/taxonomy.data.js';

const categories = new Map<string, CategoryRef>(flattenTaxonomy().map((c) => [c.code, c]));

describe('search documents', () => {
  it('paths a category to the root', () => {
    expect(categoryPath('CHASSIS.BRAKE_BY_WIRE', categories)).toEqual(['CHASSIS', 'CHASSIS.BRAKE_BY_WIRE']);
    expect(categoryPath('THERMAL', categories)).toEqual(['THERMAL']);
    expect(categoryPath('UNKNOWN', categories)).toEqual(['UNKNOWN']);
  });

  it('expands plant regions to county, city and province', () => {
    expect(regionLevels(['330206', '330282', null])).toEqual({
      regionCodes: ['330000', '330200', '330206', '330282'],
      cityCodes: ['330200'],
      provinceCodes: ['330000'],
    });
  });

  it('names each certification type once, with the best level held', () => {
    expect(
      certificationNames([
        { typeCode: 'ISO_26262', level: 'B', levelScheme: 'ASIL' },
        { typeCode: 'ISO_26262', level: 'D', levelScheme: 'ASIL' },
        { typeCode: 'IATF_16949', level: null, levelScheme: 'HELD' },
        { typeCode: 'AEC_Q100', level: '1', levelScheme: 'AEC_GRADE' },
      ]),
    ).toEqual(['AEC-Q100 集成电路车规认证 Grade 1', 'IATF 16949 汽车质量管理体系', 'ISO 26262 (GB/T 34590) 功能安全 ASIL D']);
  });

  it('keys each certification type by every rank up to the best one held', () => {
    expect(
      certificationKeys([
        { typeCode: 'ISO_26262', level: 'B', levelScheme: 'ASIL' },
        { typeCode: 'ISO_26262', level: 'D', levelScheme: 'ASIL' },
        { typeCode: 'IATF_16949', level: null, levelScheme: 'HELD' },
        { typeCode: 'AEC_Q100', level: '9', levelScheme: 'AEC_GRADE' },
      ]),
    ).toEqual({
      types: ['AEC_Q100', 'IATF_16949', 'ISO_26262'],
      keys: ['AEC_Q100:0', 'IATF_16949:0', 'ISO_26262:0', 'ISO_26262:1', 'ISO_26262:2', 'ISO_26262:3', 'ISO_26262:4'],
    });
  });

  it('aggregates a supplier from its organisation, capabilities, certificates and plants', () => {
    const doc = buildSupplierDocument(
      {
        organization: { id: 'o1', legalName: '示例', nameEn: 'Example', designations: ['SPECIALIZED_SME', 'LITTLE_GIANT'], verified: true },
        capabilities: [
          { categoryCode: 'COCKPIT.SEATS', description: '座椅骨架', products: ['骨架'], specs: [{ key: '材料', value: '高强钢' }] },
          { categoryCode: 'COCKPIT.DISPLAY', description: ' ', products: ['HUD', '骨架'], specs: [] },
        ],
        certifications: [],
        sites: [
          { id: 'b', name: '乙厂', regionCode: '330114', lat: 30.3, lon: 120.5 },
          { id: 'a', name: '甲厂', regionCode: '320583', lat: 31.3, lon: 121 },
        ],
      },
      categories,
    );
    expect(doc).toMatchObject({
      id: 'o1',
      designations: ['LITTLE_GIANT', 'SPECIALIZED_SME'],
      categoryCodes: ['COCKPIT.DISPLAY', 'COCKPIT.SEATS'],
      categoryPaths: ['COCKPIT', 'COCKPIT.DISPLAY', 'COCKPIT.SEATS'],
      descriptions: ['座椅骨架'],
      products: ['骨架', 'HUD'],
      specs: ['材料: 高强钢'],
      provinceCodes: ['320000', '330000'],
      cityCodes: ['320500', '330100'],
      location: { lat: 30.3, lng: 120.5 },
    });
    expect(doc.categoryNames).toEqual(expect.arrayContaining(['智能座椅', 'Smart seats', '显示', 'Displays']));
    // The focus area above them reaches the profile too, as an inherited name.
    expect(doc.parentCategoryNames).toEqual(['智能座舱', 'Smart cockpit']);
    expect(doc.plants.map((p) => p.siteId)).toEqual(['b', 'a']);
  });
});
