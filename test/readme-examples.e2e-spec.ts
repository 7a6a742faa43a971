/**
 * Every example in README.md runs, in the README's order, against the demo data `npm start`
 * loads (seedDemoIfEmpty on a fresh database), signed in as the demo login the README names,
 * and each one returns data: no error, and its top field is not null, not an empty list, not a
 * connection with totalCount 0 or no edges.
 *
 * The README's conventions, which this test reads:
 * - every ```graphql block holds operations, each starting at the beginning of a line with
 *   `query`, `mutation` or `{`; graphql-js parses the block and each operation runs alone;
 * - a comment line naming a demo login (`# as buyer@yongwan.example …`) says who sends the
 *   operations after it; a block without one is an error;
 * - `"<…>"` in a string is a placeholder: `<your plant id>` is the sender's first plant (from
 *   `me { organization { sites } }`), `<supplier id>` the supplier organisation named in the README
 *   line that documents the placeholders, and `<requirement id>`, `<quote id>`, `<contract id>`
 *   `<recorded contract id>` and `<question id>` come from the answers of the examples that create them
 *   (createRequirement, submitQuote, awardRequirement, recordContract, askQuestion), so the examples must
 *   stay in an order that works;
 * - `curl` lines in ```sh blocks that GET `/exports/…` run with the token of the login named
 *   above them (as in graphql blocks) and must return a CSV with at least one data row;
 *   those that POST a file (`--data-binary @<file> …/imports/…`) upload that file of the
 *   repository the same way and must return a report of at least one row, none rejected;
 * - the "Demo logins" table lists exactly the logins the demo data has, each with its role, and
 *   the backticked `query { … }` in each row ("as above": the previous row's) runs as that login.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { startTestApp, type TestApp } from './support/app.js';
import { seedDemoIfEmpty, type DemoLogin } from '../seeds/demo.js';
import { DEMO_PASSWORD } from '../seeds/demo-world.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

interface Example {
  /** 1-based README line where the operation starts. */
  line: number;
  section: string;
  email: string;
  source: string;
  /** The operation's top-level field. */
  field: string;
}

interface CurlExample {
  line: number;
  email: string;
  path: string;
  /** For an upload: the repository file it sends. */
  file?: string;
}

const LOGIN_COMMENT = /^\s*#.*?\b([\w.-]+@[\w.-]+\.example)\b/;
const OPERATION_START = /^(query|mutation)\b|^\{/;

/** The ```graphql blocks of the README with their first line number and section heading. */
function fencedBlocks(markdown: string, language: string): { line: number; section: string; text: string }[] {
  const lines = markdown.split('\n');
  const blocks: { line: number; section: string; text: string }[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    if (/^#{2,3} /.test(lines[i])) section = lines[i].replace(/^#+ /, '');
    if (lines[i].trim() === '```' + language) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end].trim() !== '```') end++;
      blocks.push({ line: start + 1, section, text: lines.slice(start, end).join('\n') });
      i = end;
    }
  }
  return blocks;
}

function readmeExamples(markdown: string): { examples: Example[]; statementLines: number; curls: CurlExample[]; uploads: CurlExample[] } {
  const examples: Example[] = [];
  let statementLines = 0;
  for (const block of fencedBlocks(markdown, 'graphql')) {
    const lines = block.text.split('\n');
    statementLines += lines.filter((l) => OPERATION_START.test(l)).length;
    // Who sends each line: the last login comment above it in the block.
    const senders: (string | null)[] = [];
    let sender: string | null = null;
    for (const l of lines) {
      const m = LOGIN_COMMENT.exec(l);
      if (m && l.trimStart().startsWith('#')) sender = m[1];
      senders.push(sender);
    }
    const document = parse(block.text);
    const lineStarts = [0];
    for (let i = 0; i < block.text.length; i++) if (block.text[i] === '\n') lineStarts.push(i + 1);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) throw new Error(`README line ${block.line}: only operations belong in a graphql block`);
      const op = definition as OperationDefinitionNode;
      const start = op.loc!.start;
      const lineIndex = lineStarts.filter((s) => s <= start).length - 1;
      const email = senders[lineIndex];
      const readmeLine = block.line + lineIndex;
      if (!email) throw new Error(`README line ${readmeLine}: no "# as <demo login>" comment above this example`);
      const top = op.selectionSet.selections[0];
      examples.push({
        line: readmeLine,
        section: block.section,
        email,
        source: block.text.slice(start, op.loc!.end),
        field: top.kind === Kind.FIELD ? top.name.value : '?',
      });
    }
  }
  const curls: CurlExample[] = [];
  const uploads: CurlExample[] = [];
  for (const block of fencedBlocks(markdown, 'sh')) {
    let sender: string | null = null;
    block.text.split('\n').forEach((l, i) => {
      const login = LOGIN_COMMENT.exec(l);
      if (login && l.trimStart().startsWith('#')) sender = login[1];
      const m = /^curl .*"https?:\/\/[^/"]+(\/exports\/[^"]+)"/.exec(l);
      const upload = /^curl .*--data-binary @(\S+) https?:\/\/[^/\s]+(\/imports\/\S+)/.exec(l);
      if (!m && !upload) return;
      if (!sender) throw new Error(`README line ${block.line + i}: no "# as <demo login>" comment above this curl example`);
      if (m) curls.push({ line: block.line + i, email: sender, path: m[1] });
      if (upload) uploads.push({ line: block.line + i, email: sender, path: upload[2], file: upload[1] });
    });
  }
  return { examples, statementLines, curls, uploads };
}

interface LoginRow {
  line: number;
  role: string;
  email: string;
  query: string | null;
}

/** The rows of the README's "Demo logins" table. */
function demoLoginRows(markdown: string): LoginRow[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === '## Demo logins');
  if (start < 0) throw new Error('README has no "## Demo logins" section');
  const rows: LoginRow[] = [];
  let previous: string | null = null;
  for (let i = start + 1; i < lines.length && !lines[i].startsWith('## '); i++) {
    const cells = lines[i].split(' | ');
    if (!lines[i].startsWith('| `') || cells.length < 4) continue;
    const tryFirst = cells.slice(3).join(' | ');
    const own = /`(query \{.*?\})`/.exec(tryFirst)?.[1] ?? null;
    const query = own ?? (/\bas above\b/.test(tryFirst) ? previous : null);
    if (own) previous = own;
    rows.push({ line: i + 1, role: cells[0].replace(/[|`\s]/g, ''), email: cells[1].trim(), query });
  }
  return rows;
}

/**
 * How many examples the README has today: counted by hand when they were last changed. The
 * parser must find at least these, so that an example cannot drop out of the test unnoticed.
 */
const EXAMPLES_AT_LEAST = 40;
const CURLS_AT_LEAST = 1;

/** Which example's answer fills a placeholder for the examples after it, and where in the answer the id is. */
const CREATES: Record<string, { placeholder: string; path: (string | number)[] }> = {
  createRequirement: { placeholder: '<requirement id>', path: ['id'] },
  submitQuote: { placeholder: '<quote id>', path: ['id'] },
  awardRequirement: { placeholder: '<contract id>', path: ['contracts', 0, 'id'] },
  recordContract: { placeholder: '<recorded contract id>', path: ['contract', 'id'] },
  askQuestion: { placeholder: '<question id>', path: ['id'] },
};

function at(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined), value);
}

/** Nothing at an example's top field: null, an empty list, a connection with no rows, an import that rejected rows. */
function emptiness(value: unknown): string | null {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : null;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('totalCount' in o && Number(o.totalCount) === 0) return 'totalCount 0';
    if (Array.isArray(o.edges) && o.edges.length === 0) return 'no edges';
    if (Array.isArray(o.rows) && o.rows.length === 0) return 'no rows';
    // An import that answers with rejected rows has not done what the README shows.
    if (Array.isArray(o.rejected) && o.rejected.length > 0) return `rejected rows ${JSON.stringify(o.rejected)}`;
  }
  return null;
}

describe('README examples on the demo data', () => {
  let t: TestApp;
  const parsed = readmeExamples(README);
  const tokens = new Map<string, string>();
  const plants = new Map<string, string>();
  const organizations = new Map<string, string>();
  let demoLogins: DemoLogin[] = [];

  async function signIn(email: string): Promise<string> {
    const known = tokens.get(email);
    if (known) return known;
    const data = await t.ok<{ login: { token: string } }>(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password: DEMO_PASSWORD } });
    const token = data.login.token;
    const me = await t.ok<{ me: { organization: { id: string; sites: { id: string }[] } } }>(`{ me { organization { id sites { id } } } }`, {}, token);
    tokens.set(email, token);
    organizations.set(email, me.me.organization.id);
    if (me.me.organization.sites.length > 0) plants.set(email, me.me.organization.sites[0].id);
    return token;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const logins = await seedDemoIfEmpty(t.app);
    if (!logins) throw new Error('the demo data was not loaded');
    demoLogins = logins;
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  it('finds every example, each with the demo login that sends it', () => {
    expect(parsed.examples.length).toBeGreaterThanOrEqual(EXAMPLES_AT_LEAST);
    // One operation per line that starts one: nothing is merged into a neighbour or lost.
    expect(parsed.examples.length).toBe(parsed.statementLines);
    expect(parsed.curls.length).toBeGreaterThanOrEqual(CURLS_AT_LEAST);
  });

  it('lists every demo login in the table, and the query in each row returns data', async () => {
    const rows = demoLoginRows(README);
    expect(rows.map((r) => [r.role, r.email]).sort()).toEqual(demoLogins.map((l) => [l.role, l.email]).sort());
    const failures: string[] = [];
    for (const row of rows) {
      if (!row.query) {
        failures.push(`README line ${row.line}: no query to try for ${row.email}`);
        continue;
      }
      const token = await signIn(row.email);
      const result = await t.gql(row.query, {}, token);
      const field = Object.keys(result.data ?? {})[0];
      const problem = result.errors?.length ? JSON.stringify(result.errors) : emptiness(field ? result.data?.[field] : null);
      if (problem) failures.push(`README line ${row.line} (${row.email}): ${problem}`);
    }
    expect(failures).toEqual([]);
    expect(rows.length).toBe(demoLogins.length);
  });

  it('runs every GraphQL example in order, and each returns data', async () => {
    const values = new Map<string, string>();
    // The supplier the buyer's examples invite and explain: the one named where the README explains the placeholders.
    const supplierEmail = /`<supplier id>`[\s\S]{0,40}?([\w.-]+@[\w.-]+\.example)/.exec(README)?.[1];
    expect(supplierEmail).toBeDefined();
    await signIn(supplierEmail!);
    values.set('<supplier id>', organizations.get(supplierEmail!)!);

    const failures: string[] = [];
    const executed: number[] = [];
    for (const example of parsed.examples) {
      const token = await signIn(example.email);
      const missing: string[] = [];
      const query = example.source.replace(/"<([^>"]+)>"/g, (whole, name: string) => {
        const key = `<${name}>`;
        const value = key === '<your plant id>' ? plants.get(example.email) : values.get(key);
        if (value === undefined) {
          missing.push(key);
          return whole;
        }
        return JSON.stringify(value);
      });
      const where = `README line ${example.line} (${example.section}, ${example.field} as ${example.email})`;
      if (missing.length > 0) {
        failures.push(`${where}: nothing fills ${missing.join(', ')}`);
        continue;
      }
      const result = await t.gql(query, {}, token);
      executed.push(example.line);
      if (result.errors?.length) {
        failures.push(`${where}: ${result.errors.map((e) => `${e.extensions.code} ${e.message} ${JSON.stringify(e.extensions.fields ?? '')}`).join('; ')}`);
        continue;
      }
      const answer = result.data?.[example.field];
      const empty = emptiness(answer);
      if (empty) {
        failures.push(`${where}: returned ${empty}`);
        continue;
      }
      const creates = CREATES[example.field];
      if (creates) {
        const id = at(answer, creates.path);
        if (typeof id === 'string') values.set(creates.placeholder, id);
        else failures.push(`${where}: its answer has no ${creates.path.join('.')} to fill ${creates.placeholder}`);
      }
    }
    expect(failures).toEqual([]);
    expect(executed).toEqual(parsed.examples.map((e) => e.line));
  }, 120_000);

  it('runs the CSV export examples, each with at least one row', async () => {
    const base = t.url.replace(/\/graphql$/, '');
    for (const curl of parsed.curls) {
      const token = await signIn(curl.email);
      const response = await fetch(base + curl.path, { headers: { authorization: `Bearer ${token}` } });
      const body = await response.text();
      expect({ line: curl.line, status: response.status }).toEqual({ line: curl.line, status: 200 });
      expect(response.headers.get('content-type')).toContain('text/csv');
      // The header and at least one row.
      expect(body.trim().split('\n').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('runs the CSV upload examples, each reporting rows and none rejected', async () => {
    expect(parsed.uploads.length).toBeGreaterThanOrEqual(1);
    const base = t.url.replace(/\/graphql$/, '');
    for (const upload of parsed.uploads) {
      const token = await signIn(upload.email);
      const body = readFileSync(new URL(`../${upload.file}`, import.meta.url));
      const response = await fetch(base + upload.path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
      const report = (await response.json()) as { rows: number; rejected: unknown[] };
      expect({ line: upload.line, status: response.status, rejected: report.rejected }).toEqual({ line: upload.line, status: 200, rejected: [] });
      expect(report.rows).toBeGreaterThanOrEqual(1);
    }
  });
});
