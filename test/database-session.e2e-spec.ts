import { startTestApp, type TestApp } from './support/app.js';

/**
 * Every session the service opens has the settings of src/database/data-source-options.ts: JIT
 * off, because a server built with LLVM otherwise compiles the larger statements (the bureau's
 * levers query spent 1.4 s compiling for 60 ms of work). On a server without JIT the setting
 * still reads `off`.
 */
describe('database sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('run without JIT compilation on every pooled connection', async () => {
    // Concurrent statements each hold a connection of their own.
    const rows = await Promise.all(
      Array.from({ length: 6 }, () => t.dataSource.query<{ jit: string; pid: number }[]>(`SELECT current_setting('jit') AS jit, pg_backend_pid() AS pid, pg_sleep(0.05)`)),
    );
    const sessions = rows.map(([row]) => row);
    expect(new Set(sessions.map((s) => s.pid)).size).toBeGreaterThan(1);
    expect(sessions.map((s) => s.jit)).toEqual(sessions.map(() => 'off'));
  });
});
