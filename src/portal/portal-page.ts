// The portal page (the console's bundle at /portal/…) is made to be framed in
// the seller's app. Its responses say which sites may frame it: the
// organization's frame policy (portal-frame-policy.ts), named by the
// `organization` of the link's address, any site when it names none (links
// issued before) or the organization set none. The console itself is left as
// it is. The token in the link's fragment, not the framing page, is what
// grants access.
import type { Database } from "../platform/database/schema.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { frameAncestorsDirective, portalFrameAncestorsOf } from "./portal-frame-policy.ts";

function isPortalPagePath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  return path === "/portal" || path.startsWith("/portal/");
}

function organizationOf(url: string): string | undefined {
  const query = url.split("?")[1];
  const organization = query === undefined ? undefined : new URLSearchParams(query).get("organization");
  return organization !== null && organization !== undefined && /^org_[0-9A-Za-z]{1,64}$/.test(organization)
    ? organization
    : undefined;
}

export function portalPageExtension(database: Database): (app: FairbillApp) => Promise<void> {
  return async (app) => {
    app.addHook("onSend", async (request, reply, payload) => {
      if (isPortalPagePath(request.url)) {
        const organization = organizationOf(request.url);
        const origins =
          organization === undefined ? undefined : await portalFrameAncestorsOf(database, organization);
        reply.header("content-security-policy", frameAncestorsDirective(origins));
        reply.removeHeader("x-frame-options");
      }
      return payload;
    });
  };
}
