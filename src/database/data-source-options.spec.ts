import { dataSourceOptions, SESSION_OPTIONS } from './data-source-options.js';

describe('dataSourceOptions', () => {
  const url = 'postgres://127.0.0.1:5432/x';

  it('sets the session options and a pool of 20 by default', () => {
    expect(dataSourceOptions(url).extra).toEqual({ max: 20, options: SESSION_OPTIONS });
  });

  it('keeps the session options when a caller sizes its own pool', () => {
    expect(dataSourceOptions(url, { extra: { max: 4 } }).extra).toEqual({ max: 4, options: SESSION_OPTIONS });
  });

  it('applies other overrides as given', () => {
    expect(dataSourceOptions(url, { migrationsRun: true }).migrationsRun).toBe(true);
  });
});
