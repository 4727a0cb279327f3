// Request and response bodies of the test clock routes (/v1/test-clock).
import { Type } from "typebox";
import { Nullable } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const instant = (description: string) =>
  Type.String({ format: "date-time", examples: ["2026-02-15T00:00:00Z"], description });

export const TestClockSchema = StrictObject({
  id: Nullable(Type.String({ description: "null when the environment runs on real time" })),
  frozen_at: Nullable(instant("the instant the environment's clock reads; null means real time")),
});

export const SetTestClockBody = StrictObject({
  frozen_at: instant("freeze the clock at this instant; once set, only later instants are accepted"),
});

export const AdvanceTestClockBody = StrictObject({
  to: instant("move the clock forward to this instant and bill everything due by then"),
});
