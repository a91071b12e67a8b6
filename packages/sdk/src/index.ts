import {
  type CategoryList,
  categoryListSchema,
  type Health,
  healthSchema,
  type Problem,
  problemSchema,
  type Readiness,
  readinessSchema,
} from '@promptnx/schema';
import type { z } from 'zod';

export interface ClientOptions {
  /** Where the API lives, e.g. http://localhost:4000. */
  baseUrl: string;
  /** Bearer token of the signed-in user, if any. */
  accessToken?: string | undefined;
  /** Defaults to the global fetch (Node 20+ and browsers). */
  fetch?: typeof fetch;
  /** Extra headers on every request (e.g. x-request-id from the web server). */
  headers?: Record<string, string>;
  /** Aborts a request after this many milliseconds; defaults to 10 000. */
  timeoutMs?: number;
}

/** An error answer from the API, carrying its problem+json body. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
  }
  get code() {
    return this.problem.code;
  }
}

/** The API could not be reached or answered with something that is not our API. */
export class ApiUnavailableError extends Error {
  override name = 'ApiUnavailableError';
}

export type PromptnxClient = ReturnType<typeof createClient>;

/** A typed client for the PromptNX API; every answer is checked against its zod schema. */
export function createClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;

  async function request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new ApiUnavailableError(`the API at ${base} cannot be reached`, { cause: error });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiUnavailableError(
        `the API answered ${method} ${path} with something other than JSON`,
      );
    }
    if (!response.ok) {
      const problem = problemSchema.safeParse(json);
      if (problem.success) throw new ApiError(response.status, problem.data);
      throw new ApiUnavailableError(`the API answered ${method} ${path} with ${response.status}`);
    }
    return schema.parse(json);
  }

  return {
    health: (): Promise<Health> => request('GET', '/health', healthSchema),
    ready: (): Promise<Readiness> => request('GET', '/ready', readinessSchema),
    categories: {
      list: (): Promise<CategoryList> => request('GET', '/api/categories', categoryListSchema),
    },
  };
}
