import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evaluateFilter, type FilterNode, filterAttributes, parseFilter } from './fake-filter.js';

/**
 * A stand-in for Meilisearch: a real HTTP server on 127.0.0.1 answering the
 * part of Meilisearch's API our adapter uses, the way Meilisearch answers it
 * (202 + an enqueued task for writes, tasks processed in order, 404/400 error
 * bodies with Meilisearch's codes, Bearer API keys), with a small but real
 * search: words with typo tolerance and prefix on the last word, synonyms,
 * filters over filterable attributes, sort over sortable attributes, ranking
 * rules, offset/limit. It records every request so tests can see what was
 * sent, and lets a test fail or hold tasks.
 */

type Doc = Record<string, unknown>;

export interface RecordedMeiliRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body as received. */
  body: string;
}

export interface FakeTypoTolerance {
  enabled: boolean;
  minWordSizeForTypos: { oneTypo: number; twoTypos: number };
  disableOnWords: string[];
  disableOnAttributes: string[];
  disableOnNumbers: boolean;
}

export interface FakeSettings {
  displayedAttributes: string[];
  searchableAttributes: string[];
  filterableAttributes: string[];
  sortableAttributes: string[];
  rankingRules: string[];
  stopWords: string[];
  nonSeparatorTokens: string[];
  separatorTokens: string[];
  dictionary: string[];
  synonyms: Record<string, string[]>;
  distinctAttribute: string | null;
  proximityPrecision: string;
  typoTolerance: FakeTypoTolerance;
  faceting: { maxValuesPerFacet: number; sortFacetValuesBy: Record<string, string> };
  pagination: { maxTotalHits: number };
  searchCutoffMs: number | null;
}

const defaultSettings = (): FakeSettings => ({
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
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnWords: [],
    disableOnAttributes: [],
    disableOnNumbers: false,
  },
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'alpha' } },
  pagination: { maxTotalHits: 1000 },
  searchCutoffMs: null,
});

interface FakeIndex {
  uid: string;
  primaryKey: string | null;
  createdAt: string;
  updatedAt: string;
  /** In insertion order (Meilisearch's internal id order breaks ties the same way). */
  documents: Map<string, Doc>;
  settings: FakeSettings;
}

type TaskStatus = 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled';

interface MeiliErrorBody {
  message: string;
  code: string;
  type: string;
  link: string;
}

interface FakeTask {
  uid: number;
  batchUid: number | null;
  indexUid: string | null;
  status: TaskStatus;
  type: string;
  canceledBy: null;
  details: Record<string, unknown>;
  error: MeiliErrorBody | null;
  duration: string | null;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  run: () => Record<string, unknown> | undefined;
}

/** Which task to fail next; omitted fields match any task. */
export interface TaskFailure {
  type?: string;
  indexUid?: string;
  /** Meilisearch error code on the failed task; `internal` by default. */
  code?: string;
  message?: string;
}

export interface FakeMeilisearchOptions {
  /** The master key requests must carry (`Authorization: Bearer …`); null accepts any request. */
  apiKey?: string | null;
  /** Delay before the queue processes an enqueued task; default 0 (next tick). */
  processDelayMs?: number;
}

export interface FakeMeilisearch {
  /** http://127.0.0.1:PORT */
  url: string;
  apiKey: string | null;
  requests: RecordedMeiliRequest[];
  /** Requests whose method and path match. */
  requestsTo(method: string, path: RegExp | string): RecordedMeiliRequest[];
  /** Every body received, concatenated: for "never sent" assertions. */
  everythingReceived(): string;
  /** The documents of an index in insertion order, or undefined without the index. */
  documents(indexUid: string): Doc[] | undefined;
  indexUids(): string[];
  settings(indexUid: string): FakeSettings | undefined;
  tasks(): Omit<FakeTask, 'run'>[];
  /** The next task matching `failure` fails (and changes nothing). */
  failNextTask(failure?: TaskFailure): void;
  /** Enqueued tasks wait (stay `enqueued`) until the returned function is called. */
  holdTasks(): () => void;
  clearRequests(): void;
  /** Drops every index, task, planned failure, hold and recorded request. */
  reset(): void;
  close(): Promise<void>;
}

const LINK = 'https://docs.meilisearch.com/errors#';
const INDEX_UID = /^[A-Za-z0-9_-]{1,400}$/;
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: MeiliErrorBody,
  ) {
    super(body.message);
  }
}

const meiliError = (code: string, message: string, type = 'invalid_request'): MeiliErrorBody => ({
  message,
  code,
  type,
  link: `${LINK}${code}`,
});

const fail = (status: number, code: string, message: string, type?: string): never => {
  throw new HttpError(status, meiliError(code, message, type));
};

class TaskError extends Error {
  constructor(readonly body: MeiliErrorBody) {
    super(body.message);
  }
}

const taskFail = (code: string, message: string, type?: string): never => {
  throw new TaskError(meiliError(code, message, type));
};

const SETTING_KEYS = new Set(Object.keys(defaultSettings()));
const SEARCH_KEYS = new Set([
  'q',
  'offset',
  'limit',
  'page',
  'hitsPerPage',
  'filter',
  'sort',
  'attributesToRetrieve',
  'attributesToHighlight',
  'attributesToCrop',
  'cropLength',
  'showMatchesPosition',
  'showRankingScore',
  'matchingStrategy',
  'facets',
]);

export async function startFakeMeilisearch(
  options: FakeMeilisearchOptions = {},
): Promise<FakeMeilisearch> {
  const apiKey = options.apiKey === undefined ? 'fake-meilisearch-master-key' : options.apiKey;
  const processDelayMs = options.processDelayMs ?? 0;
  const requests: RecordedMeiliRequest[] = [];
  let indexes = new Map<string, FakeIndex>();
  let tasks: FakeTask[] = [];
  let failures: TaskFailure[] = [];
  let held = 0;
  let processing = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const now = () => new Date().toISOString();

  function enqueue(
    type: string,
    indexUid: string | null,
    details: Record<string, unknown>,
    run: FakeTask['run'],
  ) {
    const task: FakeTask = {
      uid: tasks.length,
      batchUid: null,
      indexUid,
      status: 'enqueued',
      type,
      canceledBy: null,
      details,
      error: null,
      duration: null,
      enqueuedAt: now(),
      startedAt: null,
      finishedAt: null,
      run,
    };
    tasks.push(task);
    schedule();
    return {
      taskUid: task.uid,
      indexUid,
      status: 'enqueued' as const,
      type,
      enqueuedAt: task.enqueuedAt,
    };
  }

  function schedule() {
    if (closed || timer || processing || held > 0) return;
    timer = setTimeout(processQueue, processDelayMs);
  }

  // One task at a time, in order, like Meilisearch's scheduler.
  function processQueue() {
    timer = undefined;
    if (held > 0 || closed) return;
    processing = true;
    try {
      for (const task of tasks) {
        if (task.status !== 'enqueued') continue;
        if (held > 0) break;
        task.status = 'processing';
        task.startedAt = now();
        task.batchUid = task.uid;
        const failureAt = failures.findIndex(
          (f) =>
            (f.type === undefined || f.type === task.type) &&
            (f.indexUid === undefined || f.indexUid === task.indexUid),
        );
        try {
          if (failureAt >= 0) {
            const [failure] = failures.splice(failureAt, 1);
            taskFail(
              failure?.code ?? 'internal',
              failure?.message ?? 'the fake was told to fail this task',
              failure?.code ? 'invalid_request' : 'internal',
            );
          }
          const extra = task.run();
          task.details = { ...task.details, ...extra };
          task.status = 'succeeded';
        } catch (error) {
          task.status = 'failed';
          task.error =
            error instanceof TaskError
              ? error.body
              : meiliError('internal', String(error), 'internal');
        }
        task.finishedAt = now();
        task.duration = 'PT0.001S';
      }
    } finally {
      processing = false;
    }
  }

  function getIndex(uid: string): FakeIndex {
    const index = indexes.get(uid);
    if (!index) fail(404, 'index_not_found', `Index \`${uid}\` not found.`);
    return index!;
  }

  function checkUid(uid: string) {
    if (!INDEX_UID.test(uid)) {
      fail(
        400,
        'invalid_index_uid',
        `\`${uid}\` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 512 bytes.`,
      );
    }
  }

  function createIndexNow(uid: string, primaryKey: string | null): FakeIndex {
    const index: FakeIndex = {
      uid,
      primaryKey,
      createdAt: now(),
      updatedAt: now(),
      documents: new Map(),
      settings: defaultSettings(),
    };
    indexes.set(uid, index);
    return index;
  }

  const indexView = (index: FakeIndex) => ({
    uid: index.uid,
    primaryKey: index.primaryKey,
    createdAt: index.createdAt,
    updatedAt: index.updatedAt,
  });

  function applySettings(index: FakeIndex, patch: Record<string, unknown>) {
    const defaults = defaultSettings();
    const settings = index.settings as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
      const fallback = (defaults as unknown as Record<string, unknown>)[key];
      if (value === null) settings[key] = fallback;
      else if (key === 'typoTolerance') {
        const current = index.settings.typoTolerance;
        const next = value as Partial<FakeTypoTolerance>;
        index.settings.typoTolerance = {
          ...current,
          ...next,
          minWordSizeForTypos: { ...current.minWordSizeForTypos, ...next.minWordSizeForTypos },
        };
      } else if (
        typeof value === 'object' &&
        !Array.isArray(value) &&
        key !== 'synonyms' &&
        typeof fallback === 'object' &&
        fallback !== null
      ) {
        settings[key] = { ...(settings[key] as object), ...(value as object) };
      } else if (key === 'synonyms') {
        // Meilisearch keeps synonyms normalised: lower case, trimmed.
        const normalised: Record<string, string[]> = {};
        for (const [word, list] of Object.entries(value as Record<string, string[]>)) {
          normalised[word.trim().toLowerCase()] = list.map((s) => s.trim().toLowerCase());
        }
        settings[key] = normalised;
      } else settings[key] = value;
    }
    index.updatedAt = now();
  }

  function documentId(index: FakeIndex, doc: Doc): string {
    const key = index.primaryKey!;
    const value = doc[key];
    if (value === undefined || value === null) {
      taskFail(
        'missing_document_id',
        `Document doesn't have a \`${key}\` attribute: \`${JSON.stringify(doc)}\`.`,
      );
    }
    const id = String(value);
    if (!DOCUMENT_ID.test(id)) {
      taskFail(
        'invalid_document_id',
        `Document identifier \`${JSON.stringify(value)}\` is invalid.`,
      );
    }
    return id;
  }

  function addDocuments(uid: string, docs: Doc[], primaryKey: string | null, merge: boolean) {
    let index = indexes.get(uid);
    if (!index) index = createIndexNow(uid, primaryKey);
    if (!index.primaryKey) {
      const inferred = primaryKey ?? Object.keys(docs[0] ?? {}).find((k) => /id$/i.test(k));
      if (!inferred)
        taskFail('index_primary_key_no_candidate_found', 'The primary key inference failed.');
      index.primaryKey = inferred!;
    } else if (primaryKey && primaryKey !== index.primaryKey) {
      taskFail(
        'index_primary_key_already_exists',
        `Index \`${uid}\`: Index already has a primary key: \`${index.primaryKey}\`.`,
      );
    }
    const target = index;
    // Validate every document before changing anything: a failed task changes nothing.
    const ids = docs.map((doc) => documentId(target, doc));
    docs.forEach((doc, i) => {
      const id = ids[i]!;
      const previous = target.documents.get(id);
      target.documents.set(id, merge && previous ? { ...previous, ...doc } : { ...doc });
    });
    target.updatedAt = now();
    return { indexedDocuments: docs.length };
  }

  function deleteDocuments(uid: string, ids: string[]) {
    const index = indexes.get(uid);
    if (!index) taskFail('index_not_found', `Index \`${uid}\` not found.`);
    let deleted = 0;
    for (const id of ids) if (index!.documents.delete(id)) deleted += 1;
    index!.updatedAt = now();
    return { deletedDocuments: deleted };
  }

  function project(doc: Doc, settings: FakeSettings, fields: unknown): Doc {
    const displayed = settings.displayedAttributes.includes('*')
      ? undefined
      : new Set(settings.displayedAttributes);
    const wanted =
      Array.isArray(fields) && !fields.includes('*') ? new Set(fields as string[]) : undefined;
    const out: Doc = {};
    for (const [key, value] of Object.entries(doc)) {
      if (displayed && !displayed.has(key)) continue;
      if (wanted && !wanted.has(key)) continue;
      out[key] = value;
    }
    return out;
  }

  function search(index: FakeIndex, body: Record<string, unknown>) {
    for (const key of Object.keys(body)) {
      if (!SEARCH_KEYS.has(key)) {
        fail(
          400,
          'bad_request',
          `Unknown field \`${key}\`: expected one of ${[...SEARCH_KEYS].join(', ')}`,
        );
      }
    }
    const settings = index.settings;
    const q = typeof body.q === 'string' ? body.q : '';
    const offset = body.offset === undefined ? 0 : Number(body.offset);
    const limit = body.limit === undefined ? 20 : Number(body.limit);
    if (!Number.isInteger(offset) || offset < 0)
      fail(
        400,
        'invalid_search_offset',
        'Invalid value type at `.offset`: expected a positive integer.',
      );
    if (!Number.isInteger(limit) || limit < 0)
      fail(
        400,
        'invalid_search_limit',
        'Invalid value type at `.limit`: expected a positive integer.',
      );
    const strategy = body.matchingStrategy ?? 'last';
    if (strategy !== 'last' && strategy !== 'all' && strategy !== 'frequency') {
      fail(
        400,
        'invalid_search_matching_strategy',
        `Unknown value \`${String(strategy)}\` at \`.matchingStrategy\`: expected one of \`last\`, \`all\`, \`frequency\`.`,
      );
    }

    let filter: FilterNode | undefined;
    if (body.filter !== undefined && body.filter !== null) {
      try {
        filter = parseFilter(body.filter);
      } catch (error) {
        fail(400, 'invalid_search_filter', (error as Error).message);
      }
      const filterable = new Set(settings.filterableAttributes);
      for (const attribute of filterAttributes(filter!)) {
        if (!filterable.has(attribute)) {
          fail(
            400,
            'invalid_search_filter',
            `Attribute \`${attribute}\` is not filterable. Available filterable attributes are: \`${settings.filterableAttributes.join(', ')}\`.`,
          );
        }
      }
    }

    const sortRules: { attribute: string; direction: 1 | -1 }[] = [];
    if (body.sort !== undefined && body.sort !== null) {
      if (!Array.isArray(body.sort))
        fail(400, 'invalid_search_sort', 'Invalid value type at `.sort`: expected an array.');
      for (const rule of body.sort as unknown[]) {
        const match = typeof rule === 'string' ? /^([A-Za-z0-9_.]+):(asc|desc)$/.exec(rule) : null;
        if (!match)
          fail(
            400,
            'invalid_search_sort',
            `Invalid syntax for the sort parameter: expected expression ending by \`:asc\` or \`:desc\`, found \`${String(rule)}\`.`,
          );
        const attribute = match![1]!;
        if (!settings.sortableAttributes.includes(attribute)) {
          fail(
            400,
            'invalid_search_sort',
            `Attribute \`${attribute}\` is not sortable. Available sortable attributes are: \`${settings.sortableAttributes.join(', ')}\`.`,
          );
        }
        sortRules.push({ attribute, direction: match![2] === 'asc' ? 1 : -1 });
      }
    }

    const terms = queryTerms(q, settings);
    const scored: Scored[] = [];
    let position = 0;
    for (const doc of index.documents.values()) {
      position += 1;
      if (filter && !evaluateFilter(filter, doc)) continue;
      const score = scoreDocument(doc, terms, settings, strategy === 'all');
      if (!score) continue;
      scored.push({ doc, position, ...score });
    }
    scored.sort(rankingComparator(settings.rankingRules, sortRules));
    const maxTotalHits = settings.pagination.maxTotalHits;
    const capped = scored.slice(0, maxTotalHits);
    const page = capped.slice(offset, offset + limit);
    return {
      hits: page.map((s) => project(s.doc, settings, body.attributesToRetrieve)),
      query: q,
      processingTimeMs: 0,
      limit,
      offset,
      estimatedTotalHits: capped.length,
    };
  }

  function readJson(raw: string): unknown {
    if (raw.trim() === '') return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      return fail(400, 'malformed_payload', 'The json payload provided is malformed.');
    }
  }

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    raw: string,
  ): [number, unknown] {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [root, uid, sub, action] = parts;

    if (root === 'health' && parts.length === 1 && method === 'GET')
      return [200, { status: 'available' }];
    if (root === 'version' && parts.length === 1 && method === 'GET') {
      return [200, { commitSha: 'fake', commitDate: now(), pkgVersion: '1.22.0' }];
    }

    if (root === 'tasks') {
      if (parts.length === 1 && method === 'GET') {
        const results = [...tasks].reverse().map(publicTask);
        return [
          200,
          { results, total: results.length, limit: 20, from: results[0]?.uid ?? null, next: null },
        ];
      }
      if (parts.length === 2 && method === 'GET') {
        const task = tasks[Number(uid)];
        if (!task || !/^\d+$/.test(uid!)) fail(404, 'task_not_found', `Task \`${uid}\` not found.`);
        return [200, publicTask(task!)];
      }
    }

    if (root === 'swap-indexes' && parts.length === 1 && method === 'POST') {
      const swaps = readJson(raw);
      if (!Array.isArray(swaps)) fail(400, 'bad_request', 'Invalid value type: expected an array.');
      const pairs = (swaps as { indexes?: unknown; rename?: unknown }[]).map((swap) => {
        if (!Array.isArray(swap.indexes) || swap.indexes.length !== 2) {
          fail(400, 'invalid_swap_indexes', 'Two indexes must be given for each swap.');
        }
        return { indexes: swap.indexes as [string, string], rename: swap.rename === true };
      });
      return [
        202,
        enqueue('indexSwap', null, { swaps: pairs }, () => {
          for (const {
            indexes: [a, b],
            rename,
          } of pairs) {
            const first = indexes.get(a);
            const second = indexes.get(b);
            if (!first) taskFail('index_not_found', `Index \`${a}\` not found.`);
            if (!second && !rename) taskFail('index_not_found', `Index \`${b}\` not found.`);
            if (rename) {
              if (second) taskFail('index_already_exists', `Index \`${b}\` already exists.`);
              indexes.delete(a);
              indexes.set(b, { ...first!, uid: b });
            } else {
              indexes.set(a, { ...second!, uid: a });
              indexes.set(b, { ...first!, uid: b });
            }
          }
          return undefined;
        }),
      ];
    }

    if (root === 'indexes') {
      if (parts.length === 1 && method === 'GET') {
        const results = [...indexes.values()].map(indexView);
        return [200, { results, offset: 0, limit: 20, total: results.length }];
      }
      if (parts.length === 1 && method === 'POST') {
        const body = (readJson(raw) ?? {}) as { uid?: unknown; primaryKey?: unknown };
        if (typeof body.uid !== 'string') fail(400, 'missing_index_uid', 'Missing field `uid`');
        checkUid(body.uid as string);
        const primaryKey = typeof body.primaryKey === 'string' ? body.primaryKey : null;
        const newUid = body.uid as string;
        return [
          202,
          enqueue('indexCreation', newUid, { primaryKey }, () => {
            if (indexes.has(newUid))
              taskFail('index_already_exists', `Index \`${newUid}\` already exists.`);
            createIndexNow(newUid, primaryKey);
            return undefined;
          }),
        ];
      }
      checkUid(uid!);
      const name = uid!;
      if (parts.length === 2) {
        if (method === 'GET') return [200, indexView(getIndex(name))];
        if (method === 'DELETE') {
          return [
            202,
            enqueue('indexDeletion', name, {}, () => {
              const index = indexes.get(name);
              if (!index) taskFail('index_not_found', `Index \`${name}\` not found.`);
              indexes.delete(name);
              return { deletedDocuments: index!.documents.size };
            }),
          ];
        }
      }
      if (sub === 'settings' && parts.length === 3) {
        if (method === 'GET') return [200, structuredClone(getIndex(name).settings)];
        if (method === 'PATCH') {
          const patch = readJson(raw);
          if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
            fail(400, 'bad_request', 'Invalid value type: expected an object.');
          }
          for (const key of Object.keys(patch as object)) {
            if (!SETTING_KEYS.has(key)) {
              fail(
                400,
                'bad_request',
                `Unknown field \`${key}\`: expected one of ${[...SETTING_KEYS].join(', ')}`,
              );
            }
          }
          const settingsPatch = patch as Record<string, unknown>;
          return [
            202,
            enqueue('settingsUpdate', name, settingsPatch, () => {
              const index = indexes.get(name) ?? createIndexNow(name, null);
              applySettings(index, settingsPatch);
              return undefined;
            }),
          ];
        }
      }
      if (sub === 'stats' && parts.length === 3 && method === 'GET') {
        const index = getIndex(name);
        return [
          200,
          { numberOfDocuments: index.documents.size, isIndexing: false, fieldDistribution: {} },
        ];
      }
      if (sub === 'search' && parts.length === 3 && method === 'POST') {
        const index = getIndex(name);
        const body = readJson(raw);
        if (!body || typeof body !== 'object' || Array.isArray(body))
          fail(400, 'bad_request', 'Invalid value type: expected an object.');
        return [200, search(index, body as Record<string, unknown>)];
      }
      if (sub === 'documents') {
        if (parts.length === 3 && method === 'GET') {
          const index = getIndex(name);
          const offset = Number(query.get('offset') ?? 0);
          const limit = Number(query.get('limit') ?? 20);
          const fields = query.get('fields')?.split(',');
          const all = [...index.documents.values()];
          return [
            200,
            {
              results: all
                .slice(offset, offset + limit)
                .map((d) => project(d, index.settings, fields)),
              offset,
              limit,
              total: all.length,
            },
          ];
        }
        if (parts.length === 3 && (method === 'POST' || method === 'PUT')) {
          const docs = readJson(raw);
          const list = Array.isArray(docs)
            ? docs
            : docs && typeof docs === 'object'
              ? [docs]
              : undefined;
          if (!list)
            fail(
              400,
              'malformed_payload',
              "The json payload provided is malformed. `Couldn't serialize document value`.",
            );
          const primaryKey = query.get('primaryKey');
          return [
            202,
            enqueue(
              'documentAdditionOrUpdate',
              name,
              { receivedDocuments: list!.length, indexedDocuments: null },
              () => addDocuments(name, list as Doc[], primaryKey, method === 'PUT'),
            ),
          ];
        }
        if (parts.length === 3 && method === 'DELETE') {
          return [
            202,
            enqueue('documentDeletion', name, {}, () => {
              const index = indexes.get(name);
              if (!index) taskFail('index_not_found', `Index \`${name}\` not found.`);
              const deleted = index!.documents.size;
              index!.documents.clear();
              return { deletedDocuments: deleted };
            }),
          ];
        }
        if (action === 'delete-batch' && parts.length === 4 && method === 'POST') {
          const ids = readJson(raw);
          if (!Array.isArray(ids))
            fail(400, 'bad_request', 'Invalid value type: expected an array.');
          const list = (ids as unknown[]).map(String);
          return [
            202,
            enqueue(
              'documentDeletion',
              name,
              { providedIds: list.length, deletedDocuments: null },
              () => deleteDocuments(name, list),
            ),
          ];
        }
        if (action === 'fetch' && parts.length === 4 && method === 'POST') {
          const index = getIndex(name);
          const body = (readJson(raw) ?? {}) as {
            offset?: number;
            limit?: number;
            fields?: string[];
            filter?: unknown;
          };
          let filter: FilterNode | undefined;
          if (body.filter !== undefined) {
            try {
              filter = parseFilter(body.filter);
            } catch (error) {
              fail(400, 'invalid_document_filter', (error as Error).message);
            }
          }
          const all = [...index.documents.values()].filter(
            (d) => !filter || evaluateFilter(filter, d),
          );
          const offset = body.offset ?? 0;
          const limit = body.limit ?? 20;
          return [
            200,
            {
              results: all
                .slice(offset, offset + limit)
                .map((d) => project(d, index.settings, body.fields)),
              offset,
              limit,
              total: all.length,
            },
          ];
        }
        if (parts.length === 4 && method === 'GET') {
          const index = getIndex(name);
          const doc = index.documents.get(action!);
          if (!doc) fail(404, 'document_not_found', `Document \`${action}\` not found.`);
          return [200, project(doc!, index.settings, query.get('fields')?.split(','))];
        }
      }
    }
    return fail(
      404,
      'not_found',
      `\`${method} ${path}\` is not a route this fake Meilisearch knows.`,
    );
  }

  function authorize(path: string, headers: IncomingHttpHeaders) {
    if (apiKey === null || path === '/health') return;
    const header = headers.authorization;
    if (!header) {
      fail(
        401,
        'missing_authorization_header',
        'The Authorization header is missing. It must use the bearer authorization method.',
        'auth',
      );
    }
    if (header !== `Bearer ${apiKey}`) {
      fail(403, 'invalid_api_key', 'The provided API key is invalid.', 'auth');
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedMeiliRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      respond(res, () => {
        authorize(recorded.path, recorded.headers);
        return route(recorded.method, recorded.path, recorded.query, recorded.body);
      });
    });
  });

  function respond(res: ServerResponse, handle: () => [number, unknown]) {
    let status: number;
    let body: unknown;
    try {
      [status, body] = handle();
    } catch (error) {
      if (error instanceof HttpError) [status, body] = [error.status, error.body];
      else [status, body] = [500, meiliError('internal', String(error), 'internal')];
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  function publicTask(task: FakeTask) {
    const { run: _run, ...rest } = task;
    return structuredClone(rest);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    requestsTo: (method, path) =>
      requests.filter(
        (r) =>
          r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
      ),
    everythingReceived: () => requests.map((r) => `${r.path}?${r.query}\n${r.body}`).join('\n'),
    documents: (uid) => {
      const index = indexes.get(uid);
      return index ? [...index.documents.values()].map((d) => structuredClone(d)) : undefined;
    },
    indexUids: () => [...indexes.keys()].sort(),
    settings: (uid) => {
      const index = indexes.get(uid);
      return index ? structuredClone(index.settings) : undefined;
    },
    tasks: () => tasks.map(publicTask),
    failNextTask(failure = {}) {
      failures.push(failure);
    },
    holdTasks() {
      held += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held -= 1;
        schedule();
      };
    },
    clearRequests() {
      requests.length = 0;
    },
    reset() {
      indexes = new Map();
      tasks = [];
      failures = [];
      held = 0;
      requests.length = 0;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

// ── Search evaluation ─────────────────────────────────────────────────────

interface Term {
  /** Alternatives: the query's own words (typos allowed on a single word), or a synonym's words. */
  alternatives: { words: string[]; original: boolean }[];
  /** The last term of the query matches as a prefix too. */
  last: boolean;
}

interface Score {
  words: number;
  typos: number;
  attribute: number;
  exact: number;
}

interface Scored extends Score {
  doc: Doc;
  position: number;
}

/** Words as Meilisearch's tokenizer roughly sees them: lower case, accents off, split on non-letters. */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function queryTerms(q: string, settings: FakeSettings): Term[] {
  const words = tokenize(q).filter((w) => !settings.stopWords.includes(w));
  const synonyms = new Map<string, string[][]>();
  for (const [key, list] of Object.entries(settings.synonyms)) {
    synonyms.set(tokenize(key).join(' '), list.map(tokenize));
  }
  const longestKey = Math.max(1, ...[...synonyms.keys()].map((k) => k.split(' ').length));
  const terms: Term[] = [];
  let i = 0;
  while (i < words.length) {
    let matched = false;
    // A multi-word synonym key ("search engine optimisation") is one term.
    for (let n = Math.min(longestKey, words.length - i); n >= 1; n -= 1) {
      const phrase = words.slice(i, i + n);
      const alternatives = synonyms.get(phrase.join(' '));
      if (n > 1 && !alternatives) continue;
      terms.push({
        alternatives: [
          { words: phrase, original: true },
          ...(alternatives ?? []).map((w) => ({ words: w, original: false })),
        ],
        last: i + n === words.length,
      });
      i += n;
      matched = true;
      break;
    }
    if (!matched) i += 1;
  }
  return terms;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Typos needed for query word `q` to match document word `w` (prefix allowed on the last word), or undefined. */
function wordTypos(
  q: string,
  w: string,
  prefix: boolean,
  typo: FakeTypoTolerance,
): { typos: number; exact: boolean } | undefined {
  if (q === w) return { typos: 0, exact: true };
  if (prefix && w.startsWith(q)) return { typos: 0, exact: false };
  if (!typo.enabled || typo.disableOnWords.includes(q)) return undefined;
  if (typo.disableOnNumbers && /^\d+$/.test(q)) return undefined;
  const allowed =
    q.length >= typo.minWordSizeForTypos.twoTypos
      ? 2
      : q.length >= typo.minWordSizeForTypos.oneTypo
        ? 1
        : 0;
  if (allowed === 0) return undefined;
  const distance = editDistance(q, w);
  if (distance <= allowed) return { typos: distance, exact: false };
  if (prefix && w.length > q.length && editDistance(q, w.slice(0, q.length)) <= allowed) {
    return { typos: editDistance(q, w.slice(0, q.length)), exact: false };
  }
  return undefined;
}

function searchableFields(doc: Doc, settings: FakeSettings): string[][] {
  const attributes = settings.searchableAttributes.includes('*')
    ? Object.keys(doc)
    : settings.searchableAttributes;
  return attributes.map((attribute) => {
    const value = doc[attribute];
    const text = Array.isArray(value)
      ? value.join(' ')
      : value === undefined || value === null
        ? ''
        : String(value);
    return tokenize(text);
  });
}

function matchTerm(term: Term, fields: string[][], settings: FakeSettings, attributes: string[]) {
  let best: { typos: number; attribute: number; exact: boolean } | undefined;
  fields.forEach((words, attribute) => {
    const typoSettings = settings.typoTolerance.disableOnAttributes.includes(
      attributes[attribute] ?? '',
    )
      ? { ...settings.typoTolerance, enabled: false }
      : settings.typoTolerance;
    for (const alternative of term.alternatives) {
      let found: { typos: number; exact: boolean } | undefined;
      if (alternative.words.length === 1) {
        const q = alternative.words[0]!;
        for (const w of words) {
          const m = alternative.original
            ? wordTypos(q, w, term.last, typoSettings)
            : q === w
              ? { typos: 0, exact: true }
              : undefined;
          if (m && (!found || m.typos < found.typos)) found = m;
        }
      } else {
        // A phrase (several words): consecutive, exact.
        const phrase = alternative.words;
        for (let i = 0; i + phrase.length <= words.length; i += 1) {
          if (phrase.every((p, k) => words[i + k] === p)) found = { typos: 0, exact: true };
        }
      }
      if (
        found &&
        (!best ||
          found.typos < best.typos ||
          (found.typos === best.typos && attribute < best.attribute))
      ) {
        best = { ...found, attribute };
      }
    }
  });
  return best;
}

function scoreDocument(
  doc: Doc,
  terms: Term[],
  settings: FakeSettings,
  all: boolean,
): Score | undefined {
  if (terms.length === 0) return { words: 0, typos: 0, attribute: 0, exact: 0 };
  const attributes = settings.searchableAttributes.includes('*')
    ? Object.keys(doc)
    : settings.searchableAttributes;
  const fields = searchableFields(doc, settings);
  const matches = terms.map((term) => matchTerm(term, fields, settings, attributes));
  if (all && matches.some((m) => !m)) return undefined;
  // "last": words are dropped from the end, so the first term must match.
  let words = 0;
  while (words < matches.length && matches[words]) words += 1;
  if (words === 0) return undefined;
  const used = matches.slice(0, words) as { typos: number; attribute: number; exact: boolean }[];
  return {
    words,
    typos: used.reduce((n, m) => n + m.typos, 0),
    attribute: Math.min(...used.map((m) => m.attribute)),
    exact: used.filter((m) => m.exact).length,
  };
}

function compareValues(a: unknown, b: unknown, direction: 1 | -1): number {
  const missingA = a === undefined || a === null;
  const missingB = b === undefined || b === null;
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * direction;
  return String(a).localeCompare(String(b)) * direction;
}

function rankingComparator(rules: string[], sort: { attribute: string; direction: 1 | -1 }[]) {
  return (a: Scored, b: Scored): number => {
    for (const rule of rules) {
      let c = 0;
      if (rule === 'words') c = b.words - a.words;
      else if (rule === 'typo') c = a.typos - b.typos;
      else if (rule === 'attribute') c = a.attribute - b.attribute;
      else if (rule === 'exactness') c = b.exact - a.exact;
      else if (rule === 'sort') {
        for (const { attribute, direction } of sort) {
          c = compareValues(a.doc[attribute], b.doc[attribute], direction);
          if (c !== 0) break;
        }
      } else {
        const custom = /^([A-Za-z0-9_.]+):(asc|desc)$/.exec(rule);
        if (custom)
          c = compareValues(a.doc[custom[1]!], b.doc[custom[1]!], custom[2] === 'asc' ? 1 : -1);
      }
      if (c !== 0) return c;
    }
    return a.position - b.position;
  };
}
