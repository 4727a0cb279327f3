// The Python SDK (packages/sdk-python, standard library only) against a
// running Fairbill: tests/produce.py sends events through the ingestion
// client while the server is killed (SIGKILL) and restarted twice, and every
// event is counted exactly once; then the package's unittest suite runs
// against the same server (the spool of a killed process, events sent again
// from a spool acknowledged as duplicates, entitlement cache,
// a delivered webhook verified and a tampered one refused) and must pass with
// nothing skipped.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKind } from "../support/test-database.ts";
import { deliveryHeaders, eventName, eventsPerRun, featureCode, meterCode, SdkServer } from "./sdk-server.ts";

const packageFolder = new URL("../../packages/sdk-python/", import.meta.url).pathname;
const fairbill = new SdkServer();
const folder = mkdtempSync(join(tmpdir(), "fairbill-sdk-python-"));

/** Runs a Python program to its end; resolves with its exit code and output. */
function runPython(
  programArguments: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("python3", programArguments, {
      cwd: packageFolder,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

// One server process of its own on PGlite: run once, in the pglite project.
describe.skipIf(testDatabaseKind !== "pglite")("the Python SDK against a running Fairbill", () => {
  beforeAll(() => fairbill.start(), 180_000);
  afterAll(async () => {
    await fairbill.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it(`counts each of ${eventsPerRun.toLocaleString("en")} events once while the server is killed and restarted twice`, {
    timeout: 900_000,
  }, async () => {
    const spoolPath = join(folder, "kill.spool");
    const producing = runPython([
      "tests/produce.py",
      fairbill.url,
      fairbill.adminKey,
      String(eventsPerRun),
      spoolPath,
      "sdk-customer",
      eventName,
    ]);
    await fairbill.untilUsage(Math.floor(eventsPerRun / 3));
    await fairbill.killAndRestart();
    await fairbill.untilUsage(Math.floor((eventsPerRun * 2) / 3));
    await fairbill.killAndRestart();
    const produced = await producing;
    expect(produced.code, produced.stderr).toBe(0);
    const counts = JSON.parse(produced.stdout) as {
      sent: number;
      duplicates: number;
      rejected: number;
      retries: number;
      spool_bytes: number;
    };
    expect(fairbill.restarts).toBe(2);
    expect(await fairbill.usageTotal()).toBe(eventsPerRun);
    expect(counts.sent).toBe(eventsPerRun);
    expect(counts.rejected).toBe(0);
    expect(counts.spool_bytes).toBe(0);
    process.stdout.write(
      `Python SDK: ${eventsPerRun} events, 2 restarts, ${counts.retries} retried sends, ` +
        `${counts.duplicates} duplicates acknowledged, usage ${eventsPerRun}\n`,
    );
  });

  it("passes its unittest suite against the server, nothing skipped", { timeout: 120_000 }, async () => {
    await fairbill.api("POST", `/v1/customers/${fairbill.customerId}/entitlements`, { feature: featureCode });
    const delivery = await fairbill.delivery();
    const deliveryPath = join(folder, "delivery.json");
    writeFileSync(deliveryPath, JSON.stringify({ headers: deliveryHeaders(delivery), body: delivery.body }));
    const result = spawnSync("python3", ["-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"], {
      cwd: packageFolder,
      encoding: "utf8",
      env: {
        ...process.env,
        FAIRBILL_URL: fairbill.url,
        FAIRBILL_API_KEY: fairbill.adminKey,
        FAIRBILL_CUSTOMER_ID: fairbill.customerId,
        FAIRBILL_FEATURE: featureCode,
        FAIRBILL_METER: meterCode,
        FAIRBILL_EVENT: eventName,
        FAIRBILL_WEBHOOK_SECRET: fairbill.webhookSecret,
        FAIRBILL_WEBHOOK_DELIVERY: deliveryPath,
      },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Ran 8 tests/);
    expect(result.stderr).not.toMatch(/\.\.\. skipped|skipped=/);
  });
});
