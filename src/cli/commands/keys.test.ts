// The keys command as a newcomer runs it: a real process on a fresh data folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runFairbill } from "../../../test/support/fairbill-cli.ts";

const dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-cli-"));
const environment = { ...process.env, FAIRBILL_DATA_DIR: dataDirectory, DATABASE_URL: "" };

afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

describe("fairbill keys", () => {
  it("creates a key on a new data folder and prints it alone on the last line", async () => {
    const { stdout } = await runFairbill(["keys", "create", "--role", "admin"], {
      env: environment,
    });
    const lines = stdout.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^fb_test_[0-9A-Za-z]{32}$/);

    const live = await runFairbill(["keys", "create", "--role", "finance", "--environment", "live"], {
      env: environment,
    });
    expect(live.stdout.trim().split("\n").at(-1)).toMatch(/^fb_live_/);

    const listed = await runFairbill(["keys", "list"], { env: environment });
    expect(listed.stdout).toContain("admin");
    expect(listed.stdout).not.toContain(lines.at(-1));
  }, 60_000);

  it("names a bad role in one line, without a stack trace, and exits non-zero", async () => {
    const failure = await runFairbill(["keys", "create", "--role", "owner"], {
      env: environment,
    }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failure && failure.code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain("--role must be one of admin, billing_ops");
    expect((failure as { stderr: string }).stderr).not.toContain("    at ");
  }, 60_000);

  it("has --help on every command", async () => {
    for (const command of [
      ["--help"],
      ["serve", "--help"],
      ["keys", "create", "--help"],
      ["migrate", "--help"],
    ]) {
      const { stdout } = await runFairbill([...command], { env: environment });
      expect(stdout).toContain("Usage: fairbill");
    }
  }, 60_000);
});
