import { bureauImportProblem } from './import-scope.js';

const ningbo = { organizationId: 'nb', jurisdictionCode: '330200' };

describe('what a bureau may import', () => {
  it('adds new organisations with plants inside its jurisdiction', () => {
    expect(bureauImportProblem(ningbo, { countryCode: 'CN', regionCode: '330206' }, undefined)).toBeNull();
  });

  it('refuses plants outside its jurisdiction or abroad', () => {
    expect(bureauImportProblem(ningbo, { countryCode: 'CN', regionCode: '330106' }, undefined)?.column).toBe('region_code');
    expect(bureauImportProblem(ningbo, { countryCode: 'CN', regionCode: '650102' }, undefined)?.column).toBe('region_code');
    expect(bureauImportProblem(ningbo, { countryCode: 'DE', regionCode: null }, undefined)?.column).toBe('region_code');
    expect(bureauImportProblem({ organizationId: 'nb', jurisdictionCode: '330206' }, { countryCode: 'CN', regionCode: '330212' }, undefined)?.column).toBe('region_code');
  });

  it('adds to an organisation only when its own import created it and nobody runs it yet', () => {
    const row = { countryCode: 'CN', regionCode: '330212' };
    expect(bureauImportProblem(ningbo, row, { createdByOrganizationId: 'nb', hasUsers: false })).toBeNull();
    expect(bureauImportProblem(ningbo, row, { createdByOrganizationId: 'nb', hasUsers: true })?.column).toBe('credit_code');
    expect(bureauImportProblem(ningbo, row, { createdByOrganizationId: 'hz', hasUsers: false })?.column).toBe('credit_code');
    expect(bureauImportProblem(ningbo, row, { createdByOrganizationId: null, hasUsers: false })?.column).toBe('credit_code');
  });
});
