// The HTTP server every domain plugs its routes into. It owns the conventions:
// the /v1 prefix, schema validation, problem+json errors, request ids,
// authentication and roles, Idempotency-Key, the OpenAPI document and /docs,
// health checks and metrics. A domain only declares routes with schemas and a
// permission, and calls its use cases with `request.context`.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import { sql } from "kysely";
import { Type } from "typebox";
import type { Clock } from "../clock.ts";
import type { TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { FairbillError } from "../errors.ts";
import { newId } from "../ids.ts";
import {
  type Authenticate,
  type AuthenticateSession,
  registerAuthentication,
  sessionCookieName,
} from "./authentication.ts";
import { purgeExpiredIdempotencyKeys, registerIdempotency } from "./idempotency.ts";
import { registerMetrics } from "./metrics.ts";
import { withNamedComponents } from "./openapi-components.ts";
import { errorMeanings, withOperationDocumentation } from "./openapi-documentation.ts";
import { sendProblem, toProblem } from "./problem.ts";
import { type RateLimitSettings, registerRateLimits } from "./rate-limits.ts";
import { deferredSchemas } from "./schema-compilers.ts";
import { registerSecurityHeaders } from "./security-headers.ts";
import { registerTextSafety } from "./text-safety.ts";
import { registerOptionalBodies, validatorCompiler } from "./validation.ts";

export type FairbillApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A domain's routes, registered under /v1. */
export type RouteModule = (app: FairbillApp) => void;

export type HttpServerOptions = {
  database: Database;
  authenticate: Authenticate;
  authenticateSession: AuthenticateSession;
  clockFor: (scope: TenantScope) => Promise<Clock>;
  /** The organization of an environment, or undefined when there is no such environment. */
  findEnvironment: (environmentId: string) => Promise<TenantScope | undefined>;
  routes: RouteModule[];
  /** Extra plugins outside /v1 (the web console). */
  extensions?: ((app: FairbillApp) => Promise<void>)[];
  logger: FastifyServerOptions["logger"];
  version: string;
  /** The bearer token /metrics asks for (METRICS_TOKEN); without one it answers the machine itself only. */
  metricsToken?: string;
  /** Requests a minute per key and per address, and the backoff after failed authentication; false for none. */
  rateLimits: RateLimitSettings | false;
  /**
   * What the document says beyond the routes: the outgoing webhooks (OpenAPI
   * 3.1 `webhooks`) and the component schemas they refer to.
   */
  document?: { webhooks: Record<string, unknown>; schemas: Record<string, unknown> };
};

declare module "fastify" {
  interface FastifyInstance {
    /** Compiles every route schema still waiting for its route's first request; how many (a test's check that all compile). */
    compileEverySchema(): number;
  }
}

const writeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const quietPaths = new Set(["/healthz", "/readyz", "/metrics"]);

export async function createHttpServer(options: HttpServerOptions): Promise<FairbillApp> {
  // Each route's validators and serializers are compiled on its first request, not here (schema-compilers.ts).
  const schemas = deferredSchemas();
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (request) => acceptedRequestId(request.headers["x-request-id"]) ?? newId("request"),
    logController: new LogController({
      requestIdLogLabel: "request_id",
      // Probes and scrapes every few seconds would drown the request log.
      disableRequestLogging: (request) => quietPaths.has(request.url),
    }),
    ajv: { customOptions: { allErrors: true } },
    schemaController: { compilersFactory: { buildSerializer: schemas.buildSerializer } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate("compileEverySchema", schemas.compileEverySchema);

  await registerSecurityHeaders(app);
  app.setValidatorCompiler(schemas.validatorCompiler(validatorCompiler));
  // The API speaks JSON only: any other body is a 415, not a string that fails validation.
  app.removeContentTypeParser("text/plain");
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    // Refusals are expected and only warnings; a 5xx is ours and logged with its stack.
    if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.warn({ code: problem.code }, problem.detail);
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      ...toProblem(
        new FairbillError({
          code: "route_not_found",
          status: 404,
          detail: `No route ${request.method} ${request.url}.`,
        }),
        request,
      ),
    }),
  );
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", request.id);
    return payload;
  });
  app.addHook("onRoute", documentCommonHeaders);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Fairbill API",
        version: options.version,
        description:
          "Billing for usage-based and hybrid pricing. Authenticate with `Authorization: Bearer <API key>`, " +
          "or sign in (`POST /v1/sign-in`) and send the session cookie, with the `X-CSRF-Token` header on writes. " +
          "Errors are RFC 9457 problem+json with a stable `code` and the path of each bad field.",
        license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      },
      servers: [{ url: "/", description: "the Fairbill server that serves this document" }],
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "an API key" },
          session: {
            type: "apiKey",
            in: "cookie",
            name: sessionCookieName,
            description: "a signed-in person's session; writes also send the X-CSRF-Token header",
          },
        },
        // Plain JSON Schema written by the domain that built it; the plugin copies it into the document.
        ...(options.document
          ? { schemas: options.document.schemas as Record<string, { title?: string }> }
          : {}),
      },
      security: [{ apiKey: [] }, { session: [] }],
      ...(options.document ? { webhooks: options.document.webhooks } : {}),
    },
    // Titled schemas (Charge, Tier, PlanVersionContent, ...) become named components.
    transformObject: (document) =>
      "openapiObject" in document
        ? withOperationDocumentation(withNamedComponents(document.openapiObject))
        : document.swaggerObject,
  });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    theme: { title: "Fairbill API" },
    uiConfig: { docExpansion: "none", deepLinking: true, displayOperationId: true },
  });

  await app.register(cookie);
  if (options.rateLimits !== false) await registerRateLimits(app, options.rateLimits);
  registerAuthentication(app, options);
  registerTextSafety(app);
  registerOptionalBodies(app);
  registerIdempotency(app, options.database);
  registerMetrics(app, options.metricsToken);
  registerHealthRoutes(app, options.database);
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (versioned) => {
      for (const registerRoutes of options.routes) registerRoutes(versioned as FairbillApp);
    },
    { prefix: "/v1" },
  );
  for (const extension of options.extensions ?? []) await extension(app);

  const purgeTimer = setInterval(
    () => void purgeExpiredIdempotencyKeys(options.database).catch((error) => app.log.error(error)),
    60 * 60 * 1000,
  );
  purgeTimer.unref();
  app.addHook("onClose", async () => clearInterval(purgeTimer));
  return app;
}

function registerHealthRoutes(app: FairbillApp, database: Database): void {
  const health = {
    tags: ["health"],
    security: [],
    response: { 200: Type.Object({ status: Type.String() }) },
  };
  app.get(
    "/healthz",
    { schema: { ...health, operationId: "getHealth", summary: "The process is up" } },
    async () => ({ status: "ok" }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        ...health,
        operationId: "getReadiness",
        summary: "The process can reach its database",
        response: {
          200: Type.Object({ status: Type.Literal("ready") }),
          503: Type.Object({ status: Type.String() }, { description: errorMeanings["503"] }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(database);
        return { status: "ready" };
      } catch {
        return reply.code(503).send({ status: "database unreachable" });
      }
    },
  );
}

// Every write route documents the two headers it accepts; POST routes also
// take an Idempotency-Key.
function documentCommonHeaders(route: { method: string | string[]; schema?: Record<string, unknown> }): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!route.schema || !methods.some((method) => writeMethods.has(method))) return;
  const headers = (route.schema.headers as { properties?: Record<string, unknown> } | undefined) ?? {};
  route.schema.headers = {
    type: "object",
    ...headers,
    properties: {
      ...(headers.properties ?? {}),
      ...(methods.includes("POST")
        ? {
            "idempotency-key": {
              type: "string",
              maxLength: 255,
              description:
                "a key of yours: a repeat of the request with the same key returns the first response",
            },
          }
        : {}),
      "fairbill-reason": { type: "string", description: "why you make this change; kept in the audit log" },
    },
  };
}

function acceptedRequestId(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}
