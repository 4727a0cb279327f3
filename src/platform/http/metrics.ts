// Prometheus metrics at /metrics: the process's own figures and one histogram
// of request durations by route and status. They say how busy the service is
// and which routes it has, so they are not public: with a token configured
// (METRICS_TOKEN) a scraper sends it as `Authorization: Bearer <token>`;
// without one, only a scraper on the machine itself (a loopback address) is
// answered.
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { FairbillError } from "../errors.ts";

export function registerMetrics(app: FastifyInstance, metricsToken: string | undefined): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: "fairbill_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method, route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    requestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    if (!mayScrape(request, metricsToken)) {
      throw new FairbillError({
        code: "metrics_unauthorized",
        status: 401,
        detail:
          metricsToken === undefined
            ? "Metrics are served on this machine only; set METRICS_TOKEN to scrape them from elsewhere."
            : "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.",
      });
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}

function mayScrape(request: FastifyRequest, metricsToken: string | undefined): boolean {
  if (metricsToken === undefined) return isLoopback(request.socket.remoteAddress ?? "");
  const header = request.headers.authorization ?? "";
  const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  // Compared as digests, in constant time, so the answer's timing says nothing about the token.
  return timingSafeEqual(digest(given), digest(metricsToken));
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
