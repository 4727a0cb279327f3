// The built web console (web/dist) served at `/`: hashed assets cached for a
// year, every other non-API path answered with index.html so that the
// console's own routes (/customers/cus_…) survive a reload or a shared link.
// API paths keep their problem+json 404 instead of turning into a page.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyReply } from "fastify";
import { FairbillError } from "../platform/errors.ts";
import type { FairbillApp } from "../platform/http/server.ts";

/** Where `npm run build:web` writes the console. */
const builtConsoleDirectory = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** The console's directory if it has been built, else undefined. */
export function findBuiltConsole(directory = builtConsoleDirectory): string | undefined {
  return existsSync(join(directory, "index.html")) ? directory : undefined;
}

// Paths that belong to the API or the server itself: an unknown one is an API
// 404, never the console's page.
const apiPrefixes = ["/v1", "/console", "/docs", "/openapi.json", "/healthz", "/readyz", "/metrics"];

// A plain file name in dist/ itself: no folders, no dot files, nothing to decode.
const topLevelFileName = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

function isApiPath(path: string): boolean {
  return apiPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export async function registerConsoleFiles(app: FairbillApp, directory: string): Promise<void> {
  // serve: false only adds reply.sendFile (with its path-traversal guard); the
  // routes below decide what each path gets.
  await app.register(fastifyStatic, { root: directory, serve: false });

  const hidden = { schema: { hide: true } };
  app.get("/assets/*", hidden, (request, reply) => {
    const file = (request.params as { "*": string })["*"];
    // Vite puts a content hash in every asset name, so a file never changes.
    return reply.sendFile(join("assets", file), { maxAge: "365d", immutable: true });
  });

  const sendPage = (path: string, reply: FastifyReply) => {
    if (isApiPath(path)) {
      throw new FairbillError({ code: "route_not_found", status: 404, detail: `No route GET ${path}.` });
    }
    // Top-level files (the icon) are served as they are; anything else is a console route.
    const file = path.slice(1);
    if (topLevelFileName.test(file) && statSync(join(directory, file), { throwIfNoEntry: false })?.isFile()) {
      return reply.sendFile(file, { maxAge: "1d" });
    }
    // index.html names the current hashed assets: browsers must ask again each time.
    return reply.header("cache-control", "no-cache").sendFile("index.html", { cacheControl: false });
  };
  app.get("/", hidden, (_request, reply) => sendPage("/", reply));
  app.get("/*", hidden, (request, reply) => sendPage(request.url.split("?")[0] ?? "/", reply));
}
