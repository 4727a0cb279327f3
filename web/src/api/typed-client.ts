// A client typed by the server's OpenAPI document (generated/openapi.ts),
// with what every call of the console and the portal shares: the
// Authorization header, an Idempotency-Key on each POST where asked, and every
// refusal or network failure turned into an ApiError. A call therefore either
// resolves with the answer or rejects with an ApiError; `answer` unwraps it.
import createClient, { type Client } from "openapi-fetch";
import { isAbort, networkError, refusalOf } from "./api-error.ts";
import type { paths } from "./generated/openapi.ts";
import { newIdempotencyKey } from "./idempotency-key.ts";

export type FairbillClient = Client<paths>;

type ClientOptions = {
  /** The Authorization header for a call that does not bring its own. */
  authorization: () => string | undefined;
  /** A fresh Idempotency-Key on each POST, so that a retried submit never writes twice. */
  idempotencyKeys: boolean;
  /** What to tell the person when the server cannot be reached. */
  unreachable: string;
  /** Told of a 401 to a call made with `authorization` (not with a key of its own). */
  onUnauthorized?: (detail: string) => void;
};

export function createFairbillClient(options: ClientOptions): FairbillClient {
  const client = createClient<paths>();
  const withDefaultAuthorization = new WeakSet<Request>();
  client.use({
    onRequest({ request, options: { parseAs } }) {
      const authorization = options.authorization();
      if (!request.headers.has("authorization") && authorization !== undefined) {
        request.headers.set("authorization", authorization);
        withDefaultAuthorization.add(request);
      }
      // A document (parseAs "blob") is whatever the route serves; everything else is JSON.
      if (parseAs === "json" && !request.headers.has("accept"))
        request.headers.set("accept", "application/json");
      if (options.idempotencyKeys && request.method === "POST" && !request.headers.has("idempotency-key")) {
        request.headers.set("idempotency-key", newIdempotencyKey());
      }
      return request;
    },
    async onResponse({ request, response }) {
      if (response.ok) return undefined;
      const refusal = await refusalOf(response);
      if (response.status === 401 && withDefaultAuthorization.has(request)) {
        options.onUnauthorized?.(refusal.detail);
      }
      throw refusal;
    },
    onError({ error }) {
      // A call the page no longer wants stays an abort (returning nothing keeps the error as it is).
      if (isAbort(error)) return undefined;
      return networkError(options.unreachable);
    },
  });
  return client;
}

/**
 * The body of a call's answer. The client has already turned every refusal
 * into a rejected ApiError, so an answer that arrives is a success.
 */
export async function answer<Data>(call: Promise<{ data?: Data; response: Response }>): Promise<Data> {
  const { data } = await call;
  return data as Data;
}
