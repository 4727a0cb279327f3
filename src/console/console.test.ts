// The console's files at `/` beside the API, and GET /console/session.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemContextOf } from "../../test/support/test-app.ts";
import { openTestDatabase } from "../../test/support/test-database.ts";
import { buildApplication } from "../app.ts";
import { createOrganization, revokeApiKey } from "../organizations/index.ts";
import { createServiceAccountKey } from "../people/index.ts";
import { systemClock } from "../platform/clock.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseHandle } from "../platform/database/database.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { findBuiltConsole } from "./console-files.ts";

let sandbox: string;
let handle: DatabaseHandle;
let app: FairbillApp;
let context: RequestContext;

beforeAll(async () => {
  // A built console in miniature, beside a file it must never serve.
  sandbox = mkdtempSync(join(tmpdir(), "fairbill-console-"));
  writeFileSync(join(sandbox, "secret.txt"), "not for the web");
  const directory = join(sandbox, "dist");
  mkdirSync(join(directory, "assets"), { recursive: true });
  writeFileSync(join(directory, "index.html"), "<!doctype html><title>console</title>");
  writeFileSync(join(directory, "assets", "app-3f9a.js"), "console.log('app')");
  writeFileSync(join(directory, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");

  handle = await openTestDatabase();
  app = await buildApplication({ handle, console: { directory } });
  await app.ready();
  const organization = await createOrganization(handle.database, "Console test", systemClock);
  context = systemContextOf(organization, handle.database);
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url, headers });

describe("the console's files", () => {
  it("answers / and every console path with index.html, never cached", async () => {
    for (const url of ["/", "/customers", "/customers/cus_123/edit?tab=1"]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.body).toContain("<title>console</title>");
    }
  });

  it("serves hashed assets for a year and top-level files as they are", async () => {
    const asset = await get("/assets/app-3f9a.js");
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe("console.log('app')");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const icon = await get("/favicon.svg");
    expect(icon.statusCode).toBe(200);
    expect(icon.headers["content-type"]).toMatch(/^image\/svg\+xml/);
  });

  it("keeps API paths as problem+json 404s instead of pages", async () => {
    for (const url of ["/v1/no-such-route", "/v1", "/console/unknown", "/assets/missing.js"]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    expect((await get("/v1/no-such-route")).json().code).toBe("route_not_found");
  });

  it("leaves the API, the docs and the probes where they were", async () => {
    expect((await get("/healthz")).json()).toEqual({ status: "ok" });
    expect((await get("/openapi.json")).json().openapi).toBe("3.1.0");
    expect((await get("/v1/customers")).statusCode).toBe(401);
    expect((await get("/docs")).statusCode).toBe(200);
  });

  it("never serves a file outside the console's folder", async () => {
    for (const url of [
      "/assets/../../secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/..%2fsecret.txt",
      "/..",
    ]) {
      const response = await get(url);
      expect(response.body, url).not.toContain("not for the web");
    }
  });

  it("finds a built console only where index.html exists", () => {
    expect(findBuiltConsole(join(sandbox, "dist"))).toBe(join(sandbox, "dist"));
    expect(findBuiltConsole(sandbox)).toBeUndefined();
  });
});

describe("GET /console/session", () => {
  it("describes the key: role, environment and the permissions of its role", async () => {
    const { apiKey, secret } = await createServiceAccountKey(context, { name: "viewer", role: "viewer" });
    const response = await get("/console/session", { authorization: `Bearer ${secret}` });
    expect(response.statusCode).toBe(200);
    const session = response.json();
    expect(session).toMatchObject({ api_key_id: apiKey.id, role: "viewer", environment: "test" });
    expect(session.permissions).toContain("customers:read");
    expect(session.permissions).not.toContain("customers:write");
    expect(session.permissions).not.toContain("keys:manage");
  });

  it("answers any valid key, even one whose role can read nothing in the console", async () => {
    const { secret } = await createServiceAccountKey(context, { name: "ingest", role: "ingest" });
    const session = (await get("/console/session", { authorization: `Bearer ${secret}` })).json();
    expect(session.role).toBe("ingest");
    expect(session.permissions).toEqual(["events:write"]);
  });

  it("refuses a missing, malformed, unknown or revoked key with a 401 problem", async () => {
    const { apiKey, secret } = await createServiceAccountKey(context, {
      name: "soon revoked",
      role: "admin",
    });
    await revokeApiKey(context, apiKey.id);
    for (const authorization of [
      undefined,
      "Basic abc",
      "Bearer fb_test_unknown000000000000000000",
      `Bearer ${secret}`,
    ]) {
      const response = await get("/console/session", authorization ? { authorization } : {});
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json().code).toBe("unauthorized");
    }
  });
});
