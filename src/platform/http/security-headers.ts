// Security headers on every response (@fastify/helmet): the console, the API,
// HTML invoices, /docs and errors alike. A strict content security policy
// (scripts, styles, images, fonts and connections from this origin only; no
// plugins; no framing), X-Frame-Options DENY, no MIME sniffing and no
// referrer. Styles may be inline: the console's components and the HTML
// invoices set them in style attributes. The customer portal replaces the
// framing rule with its own (it is made to be framed, see src/portal).
// Upgrading insecure requests is left out: Fairbill serves plain HTTP on
// localhost in development, and HTTPS is the proxy's concern in production.
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // The API is read by other origins' servers, and the portal is framed; neither needs isolation.
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
  });
}
