// HTTP routes for the test clock of a test environment: /v1/test-clock.
import { Type } from "typebox";
import { readTestClock, resetTestClock, setTestClock, type TestClock } from "../organizations/index.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { BillRunSchema, presentBillRun } from "./bill-run-schemas.ts";
import { advanceTestClock } from "./test-clock-advance.ts";
import { AdvanceTestClockBody, SetTestClockBody, TestClockSchema } from "./test-clock-schemas.ts";

function presentTestClock(clock: TestClock) {
  return { id: clock.id, frozen_at: clock.frozenAt?.toISOString() ?? null };
}

export function registerTestClockRoutes(app: FairbillApp): void {
  const tags = ["Test clock"];
  const read = { permission: "billing:read" as const };
  const write = { permission: "billing:write" as const };

  app.get(
    "/test-clock",
    {
      config: read,
      schema: {
        tags,
        summary: "Read the test environment's clock",
        response: { 200: TestClockSchema, ...standardErrorResponses },
      },
    },
    async (request) => presentTestClock(await readTestClock(request.context)),
  );

  app.post(
    "/test-clock",
    {
      config: write,
      schema: {
        tags,
        summary: "Freeze the test environment's clock at an instant (only forward once set)",
        body: SetTestClockBody,
        response: { 200: TestClockSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      presentTestClock(await setTestClock(request.context, new Date(request.body.frozen_at))),
  );

  app.post(
    "/test-clock/advance",
    {
      config: write,
      schema: {
        tags,
        summary: "Move the test clock forward and bill everything due by then; answers with the bill run",
        body: AdvanceTestClockBody,
        response: {
          200: Type.Object(
            { test_clock: TestClockSchema, bill_run: BillRunSchema },
            { additionalProperties: false },
          ),
          ...standardErrorResponses,
        },
      },
    },
    async (request) => {
      const { testClock, billRun } = await advanceTestClock(request.context, new Date(request.body.to));
      return { test_clock: presentTestClock(testClock), bill_run: presentBillRun(billRun) };
    },
  );

  app.delete(
    "/test-clock",
    {
      config: write,
      schema: {
        tags,
        summary: "Return the test environment to real time",
        response: { 200: TestClockSchema, ...standardErrorResponses },
      },
    },
    async (request) => presentTestClock(await resetTestClock(request.context)),
  );
}
