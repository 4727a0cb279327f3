// The portal page (the console's bundle at /portal/…) is made to be framed in
// the seller's app: its responses allow any page to frame it, where a browser
// would otherwise take no stance. The console itself is left as it is. The
// token in the link's fragment, not the framing page, is what grants access.
import type { FairbillApp } from "../platform/http/server.ts";

/** Who may frame the portal, as a CSP frame-ancestors source list. */
const portalFrameAncestors = "*";

function isPortalPagePath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  return path === "/portal" || path.startsWith("/portal/");
}

export async function portalPageExtension(app: FairbillApp): Promise<void> {
  app.addHook("onSend", async (request, reply, payload) => {
    if (isPortalPagePath(request.url)) {
      reply.header("content-security-policy", `frame-ancestors ${portalFrameAncestors}`);
      reply.removeHeader("x-frame-options");
    }
    return payload;
  });
}
