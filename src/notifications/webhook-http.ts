// One HTTP attempt at a webhook endpoint: POST the signed body through the
// outgoing-request guard (no internal addresses, checked again at send time),
// give up after a timeout, never follow a redirect (the endpoint's URL is the
// one its owner registered), and keep what the log needs: status, latency,
// the start of the answer, or why there was none.
import { performance } from "node:perf_hooks";
import type { Response } from "undici";
import { guardedFetch, OutgoingRequestRefused } from "../platform/outgoing-requests/guarded-connections.ts";

export type WebhookHttpResult = {
  /** The HTTP status, or null when no answer came (refused, timed out, reset). */
  responseStatus: number | null;
  /** The first characters of the answer's body, for the delivery log. */
  responseBodyExcerpt: string | null;
  error: string | null;
  latencyMilliseconds: number;
};

/** Enough of an answer to see an error message, too little to read much of an internal server's page. */
const excerptBytes = 256;

export async function postWebhook(request: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMilliseconds: number;
}): Promise<WebhookHttpResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await guardedFetch(request.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Fairbill-Webhooks", ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMilliseconds),
    });
    const excerpt = await readExcerpt(response);
    return {
      responseStatus: response.status,
      responseBodyExcerpt: excerpt,
      error: null,
      latencyMilliseconds: elapsed(),
    };
  } catch (error) {
    return {
      responseStatus: null,
      responseBodyExcerpt: null,
      error: describeFailure(error, request.timeoutMilliseconds),
      latencyMilliseconds: elapsed(),
    };
  }
}

/** A 2xx answer is a delivery; a redirect, a 4xx or a 5xx is not. */
export function isSuccessStatus(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    while (received < excerptBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
    }
  } catch {
    // The status already answers whether the event arrived; a body cut short only shortens the excerpt.
  } finally {
    // The rest of a large answer is not needed; stop downloading it.
    await reader.cancel().catch(() => {});
  }
  const bytes = Buffer.concat(chunks).subarray(0, excerptBytes);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return text === "" ? null : text;
}

function describeFailure(error: unknown, timeoutMilliseconds: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMilliseconds} ms`;
  }
  if (error instanceof Error) {
    // A target refused before connecting; its message says which and why.
    if (error instanceof OutgoingRequestRefused) return `${error.code}: ${error.message}`;
    // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, "bad port", target_refused).
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return `${cause.code}: ${cause.message ?? error.message}`;
    if (cause?.message) return `${error.message}: ${cause.message}`;
    return error.message;
  }
  return String(error);
}
