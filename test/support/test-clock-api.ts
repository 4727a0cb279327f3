// A tenant's test clock through the API (`/v1/test-clock`): frozen at an
// instant, or advanced, which runs the bill run for the time that passed.
import { expect } from "vitest";
import type { ResponseBody } from "./api-types.ts";
import { expectOk } from "./responses.ts";
import type { ApiClient } from "./test-app.ts";

type ClockAdvance = ResponseBody<"/v1/test-clock/advance", "post", 200>;

/** Freezes the environment's clock at `instant`, without billing anything. */
export async function freezeTestClock(client: ApiClient, instant: string): Promise<void> {
  await expectOk(client.post("/v1/test-clock", { frozen_at: instant }));
}

/** Advances the environment's clock to `instant`; the bill run it runs must bill without an error. */
export async function advanceTestClock(client: ApiClient, instant: string): Promise<ClockAdvance> {
  const advanced = await expectOk(client.post<ClockAdvance>("/v1/test-clock/advance", { to: instant }));
  expect(advanced.bill_run.errors).toBe(0);
  return advanced;
}
