/**
 * The Meilisearch adapter at the HTTP level, against a local fake server
 * (test/support/fake-meilisearch.ts) that records what the adapter sends and answers in the
 * documented response shapes. What Meilisearch itself does with the requests (ranking,
 * typos, Chinese) is the contract suite's business, run when MEILI_HOST names a real server.
 */
import { randomUUID } from 'node:crypto';
import { FakeMeilisearch, defaultSettings } from './support/fake-meilisearch.js';
import { makeRequirementDocument, makeSupplierDocument } from './support/search-fixtures.js';
import { DEFAULT_MEILI_OPTIONS, MeilisearchSearchIndex, quoteFilterValue } from '../src/search/meilisearch/meilisearch-search-index.js';
import { desiredSettings } from '../src/search/meilisearch/meili-settings.js';
import { buildVocabulary } from '../src/search/text/vocabulary.js';
import { SEED_SYNONYMS } from '../src/search/text/synonyms.data.js';
import { flattenTaxonomy } from '../src/taxonomy/taxonomy.data.js';

const vocabulary = buildVocabulary(flattenTaxonomy(), SEED_SYNONYMS);
const API_KEY = 'test-master-key';

describe('Meilisearch adapter over HTTP (fake server)', () => {
  let fake: FakeMeilisearch;
  let index: MeilisearchSearchIndex;
  let host: string;

  beforeEach(async () => {
    fake = new FakeMeilisearch(API_KEY);
    host = await fake.start();
    index = new MeilisearchSearchIndex({ ...DEFAULT_MEILI_OPTIONS, host, apiKey: API_KEY, indexPrefix: 't_', taskTimeoutMs: 5000 });
  });

  afterEach(() => fake.close());

  it('creates missing indexes and applies the settings, waiting for each task', async () => {
    await index.applySettings(vocabulary);
    expect(fake.calls()).toEqual([
      'GET /indexes/t_suppliers',
      'POST /indexes',
      'PATCH /indexes/t_suppliers/settings',
      'GET /indexes/t_requirements',
      'POST /indexes',
      'PATCH /indexes/t_requirements/settings',
    ]);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/indexes').map((r) => r.body)).toEqual([
      { uid: 't_suppliers', primaryKey: 'id' },
      { uid: 't_requirements', primaryKey: 'id' },
    ]);
    // Every task was polled until it finished.
    expect(fake.requests.filter((r) => r.path.startsWith('/tasks/')).length).toBeGreaterThanOrEqual(8);
    expect(fake.requests.every((r) => r.authorization === `Bearer ${API_KEY}`)).toBe(true);

    const settings = fake.requests.find((r) => r.method === 'PATCH' && r.path === '/indexes/t_suppliers/settings')?.body as Record<string, any>;
    expect(settings).toEqual(desiredSettings('suppliers', vocabulary));
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['categoryPaths', 'certificationKeys', 'regionCodes', 'designations', 'verified', '_geo']));
    expect(settings.sortableAttributes).toEqual(['id', 'verified', '_geo']);
    // Relevance first, the request's sort (nearest, verified, id) only as the tie-break.
    expect(settings.rankingRules).toEqual(['words', 'typo', 'proximity', 'attribute', 'exactness', 'sort']);
    expect(settings.searchableAttributes.indexOf('categoryNames')).toBeLessThan(settings.searchableAttributes.indexOf('parentCategoryNames'));
    expect(settings.searchableAttributes.indexOf('parentCategoryNames')).toBeLessThan(settings.searchableAttributes.indexOf('descriptions'));
    expect(settings.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 255 } });
    expect(settings.localizedAttributes).toContainEqual({ attributePatterns: expect.arrayContaining(['descriptions', 'products']), locales: ['cmn', 'eng'] });
    expect(settings.synonyms['线控制动']).toEqual(expect.arrayContaining(['brake-by-wire', 'ehb', 'emb']));
    expect(settings.synonyms['ehb']).not.toContain('emb');
    expect(settings.dictionary).toEqual(expect.arrayContaining(['线控制动', '域控制器', '智能座椅']));
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 255 } });
    expect(settings.pagination).toEqual({ maxTotalHits: 10_000 });
  });

  it('does not create an index that exists', async () => {
    await index.applySettings(vocabulary);
    fake.reset();
    await index.applySettings(vocabulary);
    expect(fake.calls().filter((c) => c === 'POST /indexes')).toEqual([]);
  });

  it('reports settings drift, and a missing index', async () => {
    expect(await index.checkSettings(vocabulary)).toEqual([
      { index: 'suppliers', setting: 'index', expected: 'exists', actual: 'missing' },
      { index: 'requirements', setting: 'index', expected: 'exists', actual: 'missing' },
    ]);
    await index.applySettings(vocabulary);
    expect(await index.checkSettings(vocabulary)).toEqual([]);
    const suppliers = fake.indexes.get('t_suppliers');
    if (!suppliers) throw new Error('index not created');
    suppliers.settings.filterableAttributes = ['categoryPaths'];
    suppliers.settings.synonyms = {};
    suppliers.settings.typoTolerance = defaultSettings().typoTolerance;
    const drift = await index.checkSettings(vocabulary);
    expect(drift.map((d) => `${d.index}.${d.setting}`)).toEqual(['suppliers.filterableAttributes', 'suppliers.synonyms', 'suppliers.typoTolerance']);
    expect(drift[2]).toMatchObject({ expected: { oneTypo: 4, twoTypos: 255 }, actual: { oneTypo: 5, twoTypos: 9 } });
  });

  it('ignores the order Meilisearch lists sets in', async () => {
    await index.applySettings(vocabulary);
    const suppliers = fake.indexes.get('t_suppliers');
    if (!suppliers) throw new Error('index not created');
    suppliers.settings.filterableAttributes = [...(suppliers.settings.filterableAttributes as string[])].reverse();
    expect(await index.checkSettings(vocabulary)).toEqual([]);
  });

  it('adds documents with _geo from the plant location and waits for the task', async () => {
    await index.applySettings(vocabulary);
    fake.reset();
    const supplier = makeSupplierDocument({ name: '示例制动', capabilities: [{ categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'EHB' }], plants: ['330206'] });
    await index.upsert('suppliers', [supplier]);
    const request = fake.requests.find((r) => r.path === '/indexes/t_suppliers/documents');
    expect(request).toMatchObject({ method: 'POST', query: { primaryKey: 'id' } });
    expect(request?.body).toEqual([{ ...supplier, _geo: supplier.location }]);
    expect(fake.indexes.get('t_suppliers')?.documents.get(supplier.id)).toMatchObject({ id: supplier.id, _geo: { lat: expect.any(Number), lng: 121.8 } });
  });

  it('surfaces a failed task with Meilisearch\'s error code', async () => {
    await index.applySettings(vocabulary);
    fake.failNextTask('invalid_document_geo_field', 'The `_geo` field in the document with the id: `x` is not an object.');
    const supplier = makeSupplierDocument({ name: '示例', capabilities: [] });
    await expect(index.upsert('suppliers', [supplier])).rejects.toThrow(/failed: .*\[invalid_document_geo_field\]/);
    expect(fake.indexes.get('t_suppliers')?.documents.size).toBe(0);
  });

  it('surfaces a refused request (wrong API key) and an unreachable server', async () => {
    const refused = new MeilisearchSearchIndex({ ...DEFAULT_MEILI_OPTIONS, host, apiKey: 'wrong-key', indexPrefix: 't_' });
    await expect(refused.applySettings(vocabulary)).rejects.toThrow(/API key/);
    expect(fake.requests.at(-1)?.authorization).toBe('Bearer wrong-key');
    await fake.close();
    await expect(index.search('suppliers', { text: 'x', filter: {}, offset: 0, limit: 5, facets: [] })).rejects.toThrow();
  });

  it('deletes by id and lists every id page by page', async () => {
    await index.applySettings(vocabulary);
    const docs = Array.from({ length: 1203 }, (_, i) => makeRequirementDocument({ title: `需求 ${i}`, categoryCode: 'CHIP.MCU', status: 'OPEN', organizationId: randomUUID() }));
    await index.upsert('requirements', docs);
    fake.reset();
    expect(await index.allIds('requirements')).toEqual(docs.map((d) => d.id).sort());
    expect(fake.requests.filter((r) => r.path === '/indexes/t_requirements/documents').map((r) => r.query)).toEqual([
      { fields: 'id', limit: '1000', offset: '0' },
      { fields: 'id', limit: '1000', offset: '1000' },
    ]);
    await index.delete('requirements', [docs[0].id, docs[1].id]);
    expect(fake.requests.find((r) => r.path === '/indexes/t_requirements/documents/delete-batch')?.body).toEqual([docs[0].id, docs[1].id]);
    expect(fake.indexes.get('t_requirements')?.documents.size).toBe(1201);
  });

  it('sends filters, facets, paging and ranking options, and maps the response back', async () => {
    await index.applySettings(vocabulary);
    const a = makeSupplierDocument({ name: '甲', capabilities: [{ categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'EHB' }], designations: ['LITTLE_GIANT'] });
    const b = makeSupplierDocument({ name: '乙', capabilities: [{ categoryCode: 'CHASSIS.SUSPENSION', description: '悬架' }], verified: false });
    await index.upsert('suppliers', [a, b]);
    fake.reset();
    fake.searchReply = () => ({
      hits: [{ ...a, _geo: a.location, _rankingScore: 0.8731 }],
      query: '线控制动',
      processingTimeMs: 2,
      hitsPerPage: 10,
      page: 2,
      totalPages: 3,
      totalHits: 21,
      facetDistribution: { categoryPaths: { CHASSIS: 21, 'CHASSIS.BRAKE_BY_WIRE': 12 }, verified: { true: 20, false: 1 } },
      facetStats: {},
    });
    const result = await index.search('suppliers', {
      text: ' 线控制动 ',
      filter: { categoryCode: 'CHASSIS', certifications: [{ typeCode: 'ISO_26262', minRank: 3 }], regionCode: '330200', designations: ['LITTLE_GIANT', 'SINGLE_CHAMPION'], verified: true },
      near: { regionCodes: ['330206', '330200', '330000'], location: { lat: 29.9, lng: 121.8 } },
      offset: 10,
      limit: 10,
      facets: ['category', 'verified'],
    });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/indexes/t_suppliers/search' });
    expect(fake.requests.at(-1)?.body).toEqual({
      q: '线控制动',
      filter: ['categoryPaths = "CHASSIS"', 'certificationKeys = "ISO_26262:3"', 'regionCodes = "330200"', 'designations IN ["LITTLE_GIANT", "SINGLE_CHAMPION"]', 'verified = true'],
      // Nearest the searcher's plant, then verified, then id: the tie-break after relevance.
      sort: ['_geoPoint(29.9, 121.8):asc', 'verified:desc', 'id:asc'],
      facets: ['categoryPaths', 'verified'],
      matchingStrategy: 'last',
      showRankingScore: true,
      locales: ['cmn', 'eng'],
      page: 2,
      hitsPerPage: 10,
    });
    expect(result).toEqual({
      hits: [{ id: a.id, score: 0.8731, document: a }],
      total: 21,
      // Page mode: Meilisearch's totalHits is exact.
      totalIsEstimate: false,
      facets: {
        category: [
          { value: 'CHASSIS', count: 21 },
          { value: 'CHASSIS.BRAKE_BY_WIRE', count: 12 },
        ],
        verified: [
          { value: 'true', count: 20 },
          { value: 'false', count: 1 },
        ],
      },
    });
  });

  it('uses offset paging off the page grid, and scores 0 without query text', async () => {
    await index.applySettings(vocabulary);
    const docs = ['甲', '乙', '丙'].map((name) => makeSupplierDocument({ name, capabilities: [] }));
    await index.upsert('suppliers', docs);
    fake.reset();
    const result = await index.search('suppliers', { text: '', filter: {}, offset: 1, limit: 2, facets: [] });
    expect(fake.requests.at(-1)?.body).toMatchObject({ q: '', offset: 1, limit: 2 });
    expect(fake.requests.at(-1)?.body).not.toHaveProperty('page');
    expect(result.total).toBe(3);
    // Offset mode: Meilisearch's estimatedTotalHits, said as such.
    expect(result.totalIsEstimate).toBe(true);
    expect(result.hits.map((h) => [h.id, h.score])).toEqual(docs.slice(1).map((d) => [d.id, 0]));
  });

  it('applies requirement visibility in the filter', async () => {
    await index.applySettings(vocabulary);
    const buyer = randomUUID();
    fake.reset();
    await index.search('requirements', { text: '', filter: { visibility: { kind: 'openOrOwn', organizationId: buyer }, statuses: ['DRAFT', 'OPEN'], regionCode: '330000' }, offset: 0, limit: 20, facets: ['status'] });
    expect(fake.requests.at(-1)?.body).toMatchObject({
      filter: ['regionCodes = "330000"', 'status IN ["DRAFT", "OPEN"]', `(status = "OPEN" OR organizationId = "${buyer}")`],
      sort: ['sopDate:asc', 'id:asc'],
      facets: ['status'],
    });
    await index.search('requirements', { text: '', filter: { visibility: { kind: 'openOrOwn', organizationId: null } }, offset: 0, limit: 20, facets: [] });
    expect((fake.requests.at(-1)?.body as { filter: string[] }).filter).toEqual(['status = "OPEN"']);
    await index.search('requirements', { text: '', filter: { visibility: { kind: 'all' } }, offset: 0, limit: 20, facets: [] });
    expect((fake.requests.at(-1)?.body as { filter: string[] }).filter).toEqual([]);
  });

  it('asks for the relevance of given documents with a lenient matching strategy', async () => {
    await index.applySettings(vocabulary);
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    fake.reset();
    fake.searchReply = () => ({ hits: [{ id: b, _rankingScore: 0.42 }, { id: a, _rankingScore: 1.2 }], query: 'x', processingTimeMs: 1, offset: 0, limit: 3, estimatedTotalHits: 2 });
    const scores = await index.relevance('suppliers', '线控制动 EHB 年需求 30 万套', [a, b, c]);
    expect(fake.requests.at(-1)?.body).toEqual({
      q: '线控制动 EHB 年需求 30 万套',
      filter: [`id IN ["${a}", "${b}", "${c}"]`],
      limit: 3,
      matchingStrategy: 'last',
      showRankingScore: true,
      attributesToRetrieve: ['id'],
      locales: ['cmn', 'eng'],
    });
    expect(Object.fromEntries(scores)).toEqual({ [a]: 1, [b]: 0.42, [c]: 0 });
    fake.reset();
    expect(Object.fromEntries(await index.relevance('suppliers', '   ', [a]))).toEqual({ [a]: 0 });
    expect(fake.requests).toEqual([]);
  });

  it('escapes quotes and backslashes in filter values', () => {
    expect(quoteFilterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});
