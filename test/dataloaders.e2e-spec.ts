import { jest } from '@jest/globals';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { MatchIndexService } from '../src/matching/match-index.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin, makeSite, requirementInput, CREATE_REQUIREMENT } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

describe('lists fan out through DataLoaders', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await makePlatformAdmin(t);
    const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    token = oem.token;
    const sites = [await makeSite(t, token, '330282'), await makeSite(t, token, '330114'), await makeSite(t, token, '330703')];
    const categories = ['CHASSIS.BRAKE_BY_WIRE', 'COCKPIT.DOMAIN_CONTROLLER', 'CHIP.MCU', 'CHIP.POWER'];
    for (let i = 0; i < 100; i++) {
      await t.ok(CREATE_REQUIREMENT, { input: requirementInput(sites[i % 3], { categoryCode: categories[i % 4], title: `需求 ${i}` }) }, token);
    }
  });
  afterAll(() => t.close());

  it('lists 100 requirements with plant, region, category, organisation and certifications in a bounded number of queries', async () => {
    // The search indexer's background loop queries too: stop it so that only this request is counted.
    await t.app.get(SearchIndexer).stop();
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const data = await t.ok<{ myRequirements: { edges: { node: any }[] } }>(
      `{ myRequirements(first: 100) { totalCount edges { node { title organization { legalName } deliverySite { name region { name } } category { nameZh } requiredCertifications { typeCode } } } } }`,
      {},
      token,
    );
    // The request's rate-limit count is one statement of its own (src/access/rate-limits.ts; the
    // once-a-minute sweep may fall in here too), not the list's.
    const rateLimitStatements = spy.mock.calls.map(([sql]) => String(sql)).filter((sql) => sql.includes('rate_limit_windows'));
    // The match index reads its change feed every 200 ms in the background (src/matching/match-index.service.ts): not this request's either.
    const feedReads = spy.mock.calls.filter(([sql]) => String(sql).includes('match_changes')).length;
    const queries = spy.mock.calls.length - rateLimitStatements.length - feedReads;
    const tokenChecks = spy.mock.calls.filter(([sql]) => /FROM users WHERE id = ANY\(/.test(String(sql))).length;
    spy.mockRestore();
    expect(data.myRequirements.edges).toHaveLength(100);
    expect(data.myRequirements.edges.every((e) => e.node.deliverySite.region.name && e.node.category.nameZh)).toBe(true);
    // count + page + organisation + sites + regions + categories + certifications + the token's user (read once per request, src/access/tokens.ts, shared by the rate limiter and the guard) = 8, whatever the page size.
    expect(queries).toBeLessThanOrEqual(8);
    expect(tokenChecks).toBe(1);
    expect(rateLimitStatements.filter((sql) => sql.includes('INSERT'))).toHaveLength(1);
  });

  it('adds a fixed number of queries for every requirement\'s questions and documents', async () => {
    await t.app.get(SearchIndexer).stop();
    const count = async (selection: string) => {
      // The match index applies what the feed holds first (the search indexer's writes feed it too), so only its idle feed reads fall in the count, left out below.
      await t.app.get(MatchIndexService).refresh();
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      const data = await t.ok<{ myRequirements: { edges: unknown[] } }>(`{ myRequirements(first: 100) { edges { node { id ${selection} } } } }`, {}, token);
      const queries = spy.mock.calls.filter(([sql]) => !String(sql).includes('rate_limit_windows') && !String(sql).includes('match_changes')).length;
      spy.mockRestore();
      expect(data.myRequirements.edges).toHaveLength(100);
      return queries;
    };
    const plain = await count('');
    // questions: the batch's questions + their requirements' owners; documents: the batch's documents.
    expect((await count('questions { id answer } documents { id fileName }')) - plain).toBeLessThanOrEqual(3);
  });
});
