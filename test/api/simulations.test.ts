// POST /v1/simulations answers exactly what `fairbill simulate` prints for the
// same document: one engine.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateScenario } from "../../src/simulation/index.ts";
import { startTestAppWithTenant, type TestApp, type TestTenant } from "../support/test-app.ts";

let testApp: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  ({ testApp, tenant } = await startTestAppWithTenant());
});
afterAll(async () => testApp?.close());

const scenarioFolder = new URL("../scenarios/", import.meta.url);

describe("POST /v1/simulations", () => {
  it("returns the same invoices as the simulator, with line explanations", async () => {
    const document = JSON.parse(
      readFileSync(new URL("../../../shared/scenarios/p1-hybrid-graduated.json", scenarioFolder), "utf8"),
    );
    const response = await tenant.admin.post("/v1/simulations", document);
    expect(response.status).toBe(200);
    const direct = simulateScenario(document);
    expect(direct.ok).toBe(true);
    if (direct.ok) expect(response.body).toEqual(JSON.parse(JSON.stringify(direct.output)));
    const usageLine = response.body.invoices[1].lines.find((line: { kind: string }) => line.kind === "usage");
    expect(usageLine.details).toMatchObject({ meter: "tokens" });
  });

  it("names every problem of a bad scenario by its JSON path", async () => {
    const document = JSON.parse(
      readFileSync(new URL("../../../shared/scenarios/p5-bad-input.json", scenarioFolder), "utf8"),
    );
    const response = await tenant.admin.post("/v1/simulations", document);
    expect(response.status).toBe(400);
    const paths = response.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toContain("$.plans[0].charges[0].tiers");
    expect(paths).toContain("$.subscription.start");
  });

  it("is open to read-only roles but not to ingest keys", async () => {
    const viewer = await tenant.client("viewer");
    const ingest = await tenant.client("ingest");
    expect((await viewer.post("/v1/simulations", { version: 1 })).status).toBe(400);
    expect((await ingest.post("/v1/simulations", { version: 1 })).status).toBe(403);
  });
});
