// The demo loads its data as an API client would, through Fastify's inject
// (no port, no network): every request goes through the same validation,
// roles, use cases and audit log as a real one. A refusal stops the load with
// the API's own explanation, since demo data that the API rejects is a bug.
import type { FairbillApp } from "../platform/http/server.ts";

/** The JSON of an answer, read loosely: the demo only picks out ids and a few fields it chose itself. */
type Json = { [field: string]: unknown };

export type DemoApi = {
  get<Body = Json>(path: string): Promise<Body>;
  post<Body = Json>(path: string, body?: unknown, reason?: string): Promise<Body>;
  put<Body = Json>(path: string, body: unknown, reason?: string): Promise<Body>;
  delete<Body = Json>(path: string, reason?: string): Promise<Body>;
};

/** A client of `app` that signs its requests with `secret` and says why in the audit log. */
export function demoApi(app: FairbillApp, secret: string, defaultReason: string): DemoApi {
  const send = async <Body>(
    method: "GET" | "POST" | "PUT" | "DELETE",
    path: string,
    body: unknown,
    reason: string | undefined,
  ): Promise<Body> => {
    const response = await app.inject({
      method,
      url: path,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(method === "GET" ? {} : { "fairbill-reason": reason ?? defaultReason }),
      },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    if (response.statusCode >= 300) {
      throw new Error(
        `Loading the demo data failed: ${method} ${path} answered ${response.statusCode}: ${response.body}`,
      );
    }
    return response.json<Body>();
  };
  return {
    get: (path) => send("GET", path, undefined, undefined),
    post: (path, body, reason) => send("POST", path, body ?? {}, reason),
    put: (path, body, reason) => send("PUT", path, body, reason),
    delete: (path, reason) => send("DELETE", path, undefined, reason),
  };
}

/** Every item of a list route (`path` may carry filters), page after page. */
export async function listAll<Item>(api: DemoApi, path: string): Promise<Item[]> {
  const items: Item[] = [];
  const separator = path.includes("?") ? "&" : "?";
  let cursor: string | null = null;
  do {
    const after: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const page: { data: Item[]; next_cursor: string | null } = await api.get(
      `${path}${separator}limit=100${after}`,
    );
    items.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return items;
}
