// HTTP routes for the test clock of a test environment: /v1/test-clock.
import { readTestClock, resetTestClock, setTestClock, type TestClock } from "../organizations/index.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { BillRunSchema, presentBillRun } from "./bill-run-schemas.ts";
import { advanceTestClock } from "./test-clock-advance.ts";
import { AdvanceTestClockBody, SetTestClockBody, TestClockSchema } from "./test-clock-schemas.ts";

function presentTestClock(clock: TestClock) {
  return { id: clock.id, frozen_at: clock.frozenAt?.toISOString() ?? null };
}

export function registerTestClockRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Test clock"], read: "billing:read", write: "billing:write" });

  routes.read(
    "GET /test-clock",
    {
      operationId: "getTestClock",
      summary: "Read the test environment's clock",
      response: TestClockSchema,
    },
    async ({ context }) => presentTestClock(await readTestClock(context)),
  );

  routes.write(
    "POST /test-clock",
    {
      operationId: "setTestClock",
      summary: "Freeze the test environment's clock at an instant (only forward once set)",
      body: SetTestClockBody,
      response: TestClockSchema,
    },
    async ({ context, body }) => presentTestClock(await setTestClock(context, new Date(body.frozen_at))),
  );

  routes.write(
    "POST /test-clock/advance",
    {
      operationId: "advanceTestClock",
      summary: "Move the test clock forward and bill everything due by then; answers with the bill run",
      body: AdvanceTestClockBody,
      response: StrictObject({ test_clock: TestClockSchema, bill_run: BillRunSchema }),
    },
    async ({ context, body }) => {
      const { testClock, billRun } = await advanceTestClock(context, new Date(body.to));
      return { test_clock: presentTestClock(testClock), bill_run: presentBillRun(billRun) };
    },
  );

  routes.write(
    "DELETE /test-clock",
    {
      operationId: "resetTestClock",
      summary: "Return the test environment to real time",
      response: TestClockSchema,
    },
    async ({ context }) => presentTestClock(await resetTestClock(context)),
  );
}
