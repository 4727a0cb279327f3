// The console's API client: every call goes through `api`, typed by the
// server's OpenAPI document, with the stored key as a Bearer token and an
// Idempotency-Key on each POST. A 401 signs the console out (the key was
// revoked or expired) and says why; a call made with a key of its own (the
// sign-in check) is refused without signing anyone out.
import { forgetApiKey, storedApiKey } from "../session/session-storage.ts";
import { answer, createFairbillClient } from "./typed-client.ts";

type UnauthorizedListener = (detail: string) => void;
let unauthorizedListener: UnauthorizedListener = () => {};

/** The session registers itself here to go back to the sign-in page on a 401. */
export function onUnauthorized(listener: UnauthorizedListener): void {
  unauthorizedListener = listener;
}

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

/** Why a change is made, for the audit log (the Fairbill-Reason header); nothing when left empty. */
export function reasonHeader(reason: string | undefined): { "fairbill-reason"?: string } {
  const trimmed = reason?.trim() ?? "";
  return trimmed === "" ? {} : { "fairbill-reason": trimmed };
}

/** What `GET /console/session` says about a key: checked before it is kept at sign-in. */
export function describeApiKey(apiKey?: string) {
  return answer(
    api.GET(
      "/console/session",
      apiKey === undefined ? {} : { headers: { authorization: `Bearer ${apiKey}` } },
    ),
  );
}
