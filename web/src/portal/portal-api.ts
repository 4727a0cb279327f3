// The portal's calls to /v1/portal, typed by the same generated document as
// the console's: the link's token as "Authorization: Portal <token>", and
// every refusal an ApiError carrying the API's problem document. Reads go
// through `portalQuery` (useQuery options), cached like the console's.
import { queryOf } from "../api/queries.ts";
import { createFairbillClient } from "../api/typed-client.ts";

let portalToken: string | undefined;

export function setPortalToken(token: string): void {
  portalToken = token;
}

export const portalApi = createFairbillClient({
  authorization: () => (portalToken === undefined ? undefined : `Portal ${portalToken}`),
  idempotencyKeys: false,
  unreachable: "The billing portal could not reach the server. Check your connection and try again.",
});

/** Query options for one GET of the portal API: `useQuery(portalQuery("/v1/portal/me"))`. */
export const portalQuery = queryOf(portalApi);
