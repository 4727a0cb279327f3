// The webhook events of test matrices: a plan's matrix saved, and a run of it
// on a version recorded (on submission for approval, or on request).
import { defineWebhookEvent } from "../notifications/index.ts";
import { TestMatrixRunSchema, TestMatrixSchema } from "./test-matrix-schemas.ts";

export const testMatrixUpdated = defineWebhookEvent(
  "test_matrix.updated",
  TestMatrixSchema,
  "A plan's test matrix was saved (PUT /v1/plans/{id}/test-matrix).",
);

export const testMatrixRunRecorded = defineWebhookEvent(
  "test_matrix.run_recorded",
  TestMatrixRunSchema,
  "A plan's test matrix ran on a version (submitted for approval, or on request): which expected invoices change.",
);

export const testMatrixWebhookEvents = [testMatrixUpdated, testMatrixRunRecorded];
