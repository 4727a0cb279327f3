// A typed client for every operation of the Fairbill API: openapi-fetch over
// the types generated from the server's OpenAPI document, by path
// (`client.GET("/v1/customers/{id}", …)`), and by operationId through `call`.
// Only `fetch` is needed, so it runs in Node.js, browsers and edge runtimes.
import createClient, { type Client } from "openapi-fetch";
import type { operations, paths } from "./generated/openapi.ts";
import { operationRoutes } from "./generated/operations.ts";

export type FairbillClientOptions = {
  /** The server, such as https://billing.example.com (no /v1). */
  baseUrl: string;
  /** An API key: `fb_live_…` or `fb_test_…`. */
  apiKey: string;
  /** Another fetch (a test double, a proxy-aware one); the global fetch by default. */
  fetch?: typeof fetch;
};

export type OperationId = keyof operations & keyof typeof operationRoutes;

type ParametersOf<Id extends OperationId> = operations[Id] extends { parameters: infer P } ? P : never;
type BodyOf<Id extends OperationId> = operations[Id] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;
type SuccessOf<Id extends OperationId> = operations[Id] extends { responses: infer R }
  ? {
      [Status in keyof R]: Status extends 200 | 201 | 202
        ? R[Status] extends { content: { "application/json": infer J } }
          ? J
          : undefined
        : never;
    }[keyof R]
  : never;

export type CallInit<Id extends OperationId> = {
  params?: { path?: Record<string, string>; query?: Record<string, unknown> } & Partial<ParametersOf<Id>>;
  body?: BodyOf<Id>;
  /** Sent as Idempotency-Key on a POST. */
  idempotencyKey?: string;
};

/** An answer outside 2xx: the problem+json body the server sent, with its status. */
export class FairbillApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly problem: unknown;
  constructor(status: number, problem: unknown) {
    const detail = (problem as { detail?: string; title?: string } | undefined) ?? {};
    super(`Fairbill answered ${status}: ${detail.detail ?? detail.title ?? "no detail"}`);
    this.status = status;
    this.problem = problem;
    this.code = (problem as { code?: string } | undefined)?.code;
  }
}

export type FairbillClient = Client<paths> & {
  /** Any operation by its operationId; resolves to the success body, throws FairbillApiError otherwise. */
  call<Id extends OperationId>(operationId: Id, init?: CallInit<Id>): Promise<SuccessOf<Id>>;
};

export function createFairbillClient(options: FairbillClientOptions): FairbillClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const fetchFunction = options.fetch ?? globalThis.fetch.bind(globalThis);
  const client = createClient<paths>({
    baseUrl,
    fetch: fetchFunction,
    headers: { authorization: `Bearer ${options.apiKey}` },
  });
  async function call<Id extends OperationId>(operationId: Id, init: CallInit<Id> = {}) {
    const route = operationRoutes[operationId];
    const pathValues = (init.params?.path ?? {}) as Record<string, string>;
    const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = pathValues[name];
      if (value === undefined) throw new Error(`${operationId} needs the path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(init.params?.query ?? {})) {
      if (value !== undefined) query.set(name, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}` };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.idempotencyKey !== undefined) headers["idempotency-key"] = init.idempotencyKey;
    const search = query.size > 0 ? `?${query}` : "";
    const response = await fetchFunction(`${baseUrl}${path}${search}`, {
      method: route.method.toUpperCase(),
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    const parsed: unknown = text.length > 0 && isJson(response) ? JSON.parse(text) : undefined;
    if (!response.ok) throw new FairbillApiError(response.status, parsed ?? text);
    return parsed as SuccessOf<Id>;
  }
  return Object.assign(client, { call });
}

function isJson(response: Response): boolean {
  return (response.headers.get("content-type") ?? "").includes("json");
}
