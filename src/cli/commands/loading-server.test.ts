// `fairbill serve` answers on its port from the start: a page that says it is
// loading (reloading itself until the console is there), 503 `starting` with
// Retry-After on the API, /healthz up and /readyz not ready; then the real
// server takes the port over.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ServeProcess, startServeProcess } from "../../../test/support/serve-process.ts";
import { testDatabaseKind } from "../../../test/support/test-database.ts";
import { listenWhileLoading } from "./loading-server.ts";

const dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-loading-"));
let server: ServeProcess | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function answersOf(url: string) {
  const page = await fetch(`${url}/customers`);
  const api = await fetch(`${url}/v1/customers`, { headers: { authorization: "Bearer fb_test_x" } });
  return {
    page: { status: page.status, text: await page.text(), type: page.headers.get("content-type") },
    api: {
      status: api.status,
      body: (await api.json()) as { code?: string; status?: number; detail?: string },
      retryAfter: api.headers.get("retry-after"),
    },
    health: (await fetch(`${url}/healthz`)).status,
    ready: (await fetch(`${url}/readyz`)).status,
  };
}

describe("the loading server", () => {
  it("says what is loading on every page and 503 starting on the API, then frees the port", async () => {
    const loading = await listenWhileLoading({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${loading.port}`;
    loading.show("Loading demo data");
    const answers = await answersOf(url);
    expect(answers.page).toMatchObject({ status: 200, type: "text/html; charset=utf-8" });
    expect(answers.page.text).toContain("Loading demo data…");
    expect(answers.page.text).toContain('http-equiv="refresh"');
    expect(answers.api.status).toBe(503);
    expect(answers.api.body).toMatchObject({ code: "starting", status: 503 });
    expect(answers.api.body.detail).toContain("loading demo data");
    expect(answers.api.retryAfter).toBe("2");
    expect(answers).toMatchObject({ health: 200, ready: 503 });
    await loading.close();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

describe.skipIf(testDatabaseKind !== "pglite")("fairbill serve while it starts", () => {
  it("answers on its port before it serves, then serves the API", { timeout: 180_000 }, async () => {
    let seenWhileStarting: Awaited<ReturnType<typeof answersOf>> | undefined;
    server = await startServeProcess({
      environment: { FAIRBILL_DATA_DIR: dataDirectory },
      whileStarting: async (url) => {
        for (let attempt = 0; attempt < 3000 && seenWhileStarting === undefined; attempt++) {
          seenWhileStarting = await answersOf(url).catch(() => undefined);
          if (seenWhileStarting === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
    });
    expect(seenWhileStarting?.page.text).toContain("Fairbill is starting");
    expect(seenWhileStarting?.api).toMatchObject({ status: 503, body: { code: "starting" } });
    // The real server now holds the port: a wrong key is refused by authentication, not by the loading page.
    const served = await fetch(`${server.url}/v1/customers`, {
      headers: { authorization: "Bearer fb_test_x" },
    });
    expect(served.status).toBe(401);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
