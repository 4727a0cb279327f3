// A lost key while the server runs: `fairbill keys create` cannot open the
// embedded database that `fairbill serve` holds, so it asks that server, with
// the token the server left in its data folder for its owner.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFairbill } from "../../../test/support/fairbill-cli.ts";
import { type ServeProcess, startServeProcess } from "../../../test/support/serve-process.ts";

const dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-keys-serving-"));
let server: ServeProcess;

beforeAll(async () => {
  server = await startServeProcess({ environment: { FAIRBILL_DATA_DIR: dataDirectory } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

describe("fairbill keys create while fairbill serve holds the embedded database", () => {
  it("makes a working key through the server", async () => {
    const { stdout } = await runFairbill(["keys", "create", "--role", "admin"], {
      env: { ...process.env, FAIRBILL_DATA_DIR: dataDirectory, DATABASE_URL: "" },
    });
    const secret = stdout.trim().split("\n").at(-1) ?? "";
    expect(secret).toMatch(/^fb_test_[0-9A-Za-z]{32}$/);
    const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { role: string }).role).toBe("admin");
  }, 120_000);

  it("keeps the token in a file only the folder's owner can read, and refuses any other token", async () => {
    const controlPath = join(dataDirectory, "fairbill.control");
    expect(statSync(controlPath).mode & 0o777).toBe(0o600);
    const control = JSON.parse(readFileSync(controlPath, "utf8"));
    expect(control.url).toBe(server.url);
    const refused = await fetch(`${server.url}/v1/local-keys`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        control_token: `${control.token}x`,
        role: "admin",
        environment: "test",
        name: "x",
      }),
    });
    expect(refused.status).toBe(401);
  });

  it("removes the file when the server stops", async () => {
    await server.stop();
    expect(() => statSync(join(dataDirectory, "fairbill.control"))).toThrow();
  }, 60_000);
});
