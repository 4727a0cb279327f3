// The console's API client: every call goes through `api`, typed by the
// server's OpenAPI document, with an Idempotency-Key on each POST. A person
// signed in with a session cookie sends the session's CSRF token with each
// write and the environment they chose; a development key goes as a Bearer
// token. A 401 signs the console out (the session ended, or the key was
// revoked) and says why; a call made with a key of its own (the sign-in
// check) is refused without signing anyone out.
import {
  chosenEnvironment,
  forgetApiKey,
  sessionCsrfToken,
  storedApiKey,
} from "../session/session-storage.ts";
import { answer, createFairbillClient } from "./typed-client.ts";

type UnauthorizedListener = (detail: string) => void;
let unauthorizedListener: UnauthorizedListener = () => {};

/** The session registers itself here to go back to the sign-in page on a 401. */
export function onUnauthorized(listener: UnauthorizedListener): void {
  unauthorizedListener = listener;
}

const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export const api = createFairbillClient({
  authorization: () => {
    const apiKey = storedApiKey();
    return apiKey === undefined ? undefined : `Bearer ${apiKey}`;
  },
  idempotencyKeys: true,
  unreachable: "The console could not reach the Fairbill server. Check that it is running and try again.",
  onUnauthorized: (detail) => {
    forgetApiKey();
    unauthorizedListener(detail);
  },
});

// A call without a key rides on the session cookie: it names the environment, and a write repeats the CSRF token.
api.use({
  onRequest({ request }) {
    if (request.headers.has("authorization")) return request;
    const environment = chosenEnvironment();
    if (environment !== undefined && !request.headers.has("fairbill-environment")) {
      request.headers.set("fairbill-environment", environment);
    }
    const csrfToken = sessionCsrfToken();
    if (!readMethods.has(request.method) && csrfToken !== undefined)
      request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    // A session that ended (revoked, expired, signed out elsewhere) signs the console out.
    if (response.status === 401 && !request.headers.has("authorization")) {
      response
        .clone()
        .json()
        .then(
          (problem: { detail?: string }) => unauthorizedListener(problem.detail ?? "your session has ended"),
          () => unauthorizedListener("your session has ended"),
        );
    }
    return undefined;
  },
});

/** Why a change is made, for the audit log (the Fairbill-Reason header); nothing when left empty. */
export function reasonHeader(reason: string | undefined): { "fairbill-reason"?: string } {
  const trimmed = reason?.trim() ?? "";
  return trimmed === "" ? {} : { "fairbill-reason": trimmed };
}

/** Who the console acts as (`GET /v1/me`): with the stored key or session cookie, or with a key being checked at sign-in. */
export function describeCaller(apiKey?: string) {
  return answer(
    api.GET("/v1/me", apiKey === undefined ? {} : { headers: { authorization: `Bearer ${apiKey}` } }),
  );
}
