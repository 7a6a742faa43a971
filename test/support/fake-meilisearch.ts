/**
 * A stand-in Meilisearch HTTP server for testing the adapter where no real one can run. It
 * records every request (method, path, query, body, headers) for the test to check, and
 * answers with the response shapes of Meilisearch's API reference (v1.x): 202 + summarized
 * task object for writes; task objects with `status`, `type`, `error` on GET /tasks/:uid (a
 * task reads "enqueued" on its first poll and finished after, as a real queue would); index
 * objects, settings objects with the documented defaults, `{ results, offset, limit, total }`
 * document pages, search responses with `hits`, `_rankingScore`, `facetDistribution` and
 * either `offset`/`limit`/`estimatedTotalHits` or `page`/`hitsPerPage`/`totalHits`/`totalPages`;
 * and `{ message, code, type, link }` error bodies.
 *
 * It does not search: a search answers with the stored documents in order (or what the
 * test's `searchReply` returns). Relevance, typos and Chinese segmentation are Meilisearch's
 * own and are checked only by the contract suite against a real server (MEILI_HOST).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

interface FakeIndex {
  uid: string;
  primaryKey: string | null;
  createdAt: string;
  updatedAt: string;
  settings: Record<string, unknown>;
  documents: Map<string, Record<string, unknown>>;
}

interface TaskError {
  message: string;
  code: string;
  type: string;
  link: string;
}

interface FakeTask {
  uid: number;
  indexUid: string | null;
  type: string;
  enqueuedAt: string;
  polls: number;
  error: TaskError | null;
  details: Record<string, unknown>;
  apply: () => void;
}

/** Settings as GET /indexes/:uid/settings returns them for a fresh index. */
export function defaultSettings(): Record<string, unknown> {
  return {
    displayedAttributes: ['*'],
    searchableAttributes: ['*'],
    filterableAttributes: [],
    sortableAttributes: [],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    stopWords: [],
    nonSeparatorTokens: [],
    separatorTokens: [],
    dictionary: [],
    synonyms: {},
    distinctAttribute: null,
    proximityPrecision: 'byWord',
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnWords: [], disableOnAttributes: [] },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'alpha' } },
    pagination: { maxTotalHits: 1000 },
    embedders: {},
    searchCutoffMs: null,
    localizedAttributes: null,
    facetSearch: true,
    prefixSearch: 'indexingTime',
  };
}

function errorBody(code: string, message: string, type = 'invalid_request'): TaskError {
  return { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` };
}

export type SearchReply = (uid: string, body: Record<string, unknown>) => Record<string, unknown> | null;

export class FakeMeilisearch {
  readonly requests: RecordedRequest[] = [];
  readonly indexes = new Map<string, FakeIndex>();
  /** Answers searches when set (null: the default answer). */
  searchReply: SearchReply | null = null;
  private readonly tasks = new Map<number, FakeTask>();
  private nextTaskUid = 0;
  private failures: TaskError[] = [];
  private server: Server | null = null;

  constructor(private readonly apiKey: string | null = null) {}

  /** Starts listening on a free loopback port; returns the base URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    return `http://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next enqueued task(s) will fail with this error. */
  failNextTask(code: string, message: string): void {
    this.failures.push(errorBody(code, message));
  }

  /** Requests other than task polling, as "METHOD /path". */
  calls(): string[] {
    return this.requests.filter((r) => !r.path.startsWith('/tasks/')).map((r) => `${r.method} ${r.path}`);
  }

  reset(): void {
    this.requests.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, 400, errorBody('malformed_payload', 'The json payload provided is malformed.'));
      }
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body, authorization: req.headers.authorization };
    this.requests.push(recorded);
    if (this.apiKey && req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return send(res, 401, errorBody(req.headers.authorization ? 'invalid_api_key' : 'missing_authorization_header', 'The provided API key is invalid.', 'auth'));
    }
    try {
      const [status, payload] = this.route(recorded);
      send(res, status, payload);
    } catch (error) {
      send(res, 500, errorBody('internal', error instanceof Error ? error.message : String(error), 'internal'));
    }
  }

  private route(r: RecordedRequest): [number, unknown] {
    const parts = r.path.split('/').filter(Boolean);
    if (r.method === 'GET' && r.path === '/health') return [200, { status: 'available' }];
    if (parts[0] === 'tasks' && parts.length === 2 && r.method === 'GET') return this.task(Number(parts[1]));
    if (parts[0] !== 'indexes') return [404, errorBody('not_found', 'Not found.')];
    if (parts.length === 1 && r.method === 'POST') {
      const { uid, primaryKey } = r.body as { uid: string; primaryKey?: string };
      return this.enqueue(uid, 'indexCreation', { primaryKey: primaryKey ?? null }, () => {
        if (this.indexes.has(uid)) throw errorBody('index_already_exists', `Index \`${uid}\` already exists.`);
        this.indexes.set(uid, this.newIndex(uid, primaryKey ?? null));
      });
    }
    const uid = parts[1];
    const index = this.indexes.get(uid);
    const rest = parts.slice(2).join('/');
    const notFound: [number, unknown] = [404, errorBody('index_not_found', `Index \`${uid}\` not found.`)];
    if (rest === '' && r.method === 'GET') {
      return index ? [200, { uid, primaryKey: index.primaryKey, createdAt: index.createdAt, updatedAt: index.updatedAt }] : notFound;
    }
    if (rest === 'settings' && r.method === 'GET') return index ? [200, { ...defaultSettings(), ...index.settings }] : notFound;
    if (rest === 'settings' && r.method === 'PATCH') {
      const settings = r.body as Record<string, unknown>;
      return this.enqueue(uid, 'settingsUpdate', settings, () => {
        const target = this.indexes.get(uid) ?? this.newIndex(uid, null);
        this.indexes.set(uid, target);
        Object.assign(target.settings, settings);
      });
    }
    if (rest === 'documents' && r.method === 'POST') {
      const documents = r.body as Record<string, unknown>[];
      return this.enqueue(uid, 'documentAdditionOrUpdate', { receivedDocuments: documents.length, indexedDocuments: documents.length }, () => {
        const target = this.indexes.get(uid) ?? this.newIndex(uid, r.query.primaryKey ?? null);
        this.indexes.set(uid, target);
        for (const doc of documents) {
          if (doc._geo !== undefined && (typeof doc._geo !== 'object' || doc._geo === null || !('lat' in doc._geo) || !('lng' in doc._geo))) {
            throw errorBody('invalid_document_geo_field', 'The `_geo` field in the document is invalid.');
          }
          const id = String(doc[target.primaryKey ?? 'id']);
          target.documents.set(id, { ...target.documents.get(id), ...doc });
        }
      });
    }
    if (rest === 'documents/delete-batch' && r.method === 'POST') {
      const ids = r.body as string[];
      return this.enqueue(uid, 'documentDeletion', { providedIds: ids.length, deletedDocuments: ids.length }, () => {
        for (const id of ids) index?.documents.delete(String(id));
      });
    }
    if (rest === 'documents' && r.method === 'GET') {
      if (!index) return notFound;
      const offset = Number(r.query.offset ?? 0);
      const limit = Number(r.query.limit ?? 20);
      const fields = r.query.fields ? r.query.fields.split(',') : null;
      const all = [...index.documents.values()].map((d) => (fields ? Object.fromEntries(fields.map((f) => [f, d[f]])) : d));
      return [200, { results: all.slice(offset, offset + limit), offset, limit, total: all.length }];
    }
    if (rest === 'search' && r.method === 'POST') {
      if (!index) return notFound;
      const reply = this.searchReply?.(uid, r.body as Record<string, unknown>);
      return [200, reply ?? this.defaultSearch(index, r.body as Record<string, unknown>)];
    }
    return [404, errorBody('not_found', `No route for ${r.method} ${r.path}.`)];
  }

  private newIndex(uid: string, primaryKey: string | null): FakeIndex {
    const now = new Date().toISOString();
    return { uid, primaryKey, createdAt: now, updatedAt: now, settings: {}, documents: new Map() };
  }

  /** Every stored document, in order, paginated as asked, facets counted over all of them. */
  private defaultSearch(index: FakeIndex, body: Record<string, unknown>): Record<string, unknown> {
    const all: Record<string, unknown>[] = [...index.documents.values()].map((d) => ({ ...d, _rankingScore: 1 }));
    const facets = (body.facets as string[] | undefined) ?? [];
    const facetDistribution: Record<string, Record<string, number>> = {};
    for (const facet of facets) {
      const counts: Record<string, number> = {};
      for (const doc of all) for (const value of [doc[facet]].flat()) if (value != null) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
      facetDistribution[facet] = counts;
    }
    const common = { query: body.q ?? '', processingTimeMs: 1, ...(facets.length ? { facetDistribution, facetStats: {} } : {}) };
    if (body.page !== undefined || body.hitsPerPage !== undefined) {
      const hitsPerPage = Number(body.hitsPerPage ?? 20);
      const pageNumber = Number(body.page ?? 1);
      return { hits: all.slice((pageNumber - 1) * hitsPerPage, pageNumber * hitsPerPage), ...common, hitsPerPage, page: pageNumber, totalPages: Math.ceil(all.length / hitsPerPage), totalHits: all.length };
    }
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 20);
    return { hits: all.slice(offset, offset + limit), ...common, offset, limit, estimatedTotalHits: all.length };
  }

  private enqueue(indexUid: string | null, type: string, details: Record<string, unknown>, apply: () => void): [number, unknown] {
    const uid = this.nextTaskUid++;
    const enqueuedAt = new Date().toISOString();
    const failure = this.failures.shift() ?? null;
    this.tasks.set(uid, { uid, indexUid, type, enqueuedAt, polls: 0, error: failure, details, apply });
    return [202, { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt }];
  }

  private task(uid: number): [number, unknown] {
    const task = this.tasks.get(uid);
    if (!task) return [404, errorBody('task_not_found', `Task \`${uid}\` not found.`)];
    task.polls++;
    if (task.polls === 1) return [200, this.taskView(task, 'enqueued')];
    if (task.polls === 2 && !task.error) {
      try {
        task.apply();
      } catch (error) {
        task.error = error as TaskError;
      }
    }
    return [200, this.taskView(task, task.error ? 'failed' : 'succeeded')];
  }

  private taskView(task: FakeTask, status: string): Record<string, unknown> {
    const finished = status === 'succeeded' || status === 'failed';
    return {
      uid: task.uid,
      batchUid: finished ? task.uid : null,
      indexUid: task.indexUid,
      status,
      type: task.type,
      canceledBy: null,
      details: task.details,
      error: status === 'failed' ? task.error : null,
      duration: finished ? 'PT0.001S' : null,
      enqueuedAt: task.enqueuedAt,
      startedAt: finished ? task.enqueuedAt : null,
      finishedAt: finished ? new Date().toISOString() : null,
    };
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
