// HTTP routes of test matrices (/v1/plans/{id}/test-matrix, runs per version)
// and of the approval view of a plan version.
import { ReasonOnlyBody, withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { ListOf } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  approvalView,
  getTestMatrix,
  listTestMatrixRuns,
  putTestMatrix,
  runTestMatrix,
} from "./test-matrices.ts";
import {
  ApprovalViewSchema,
  PlanVersionParams,
  PutTestMatrixBody,
  TestMatrixRunSchema,
  TestMatrixSchema,
} from "./test-matrix-schemas.ts";

export function registerTestMatrixRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Test matrices"], read: "catalog:read", write: "catalog:write" });

  routes.readById(
    "GET /plans/:id/test-matrix",
    {
      operationId: "getTestMatrix",
      summary: "The plan's test matrix: its saved scenarios with their expected invoices",
      response: TestMatrixSchema,
    },
    getTestMatrix,
  );

  routes.writeById(
    "PUT /plans/:id/test-matrix",
    {
      operationId: "putTestMatrix",
      summary:
        "Save the plan's test matrix (replacing it): scenarios with expected invoices, run on every version submitted",
      body: PutTestMatrixBody,
      response: TestMatrixSchema,
    },
    (context, id, body) => putTestMatrix(withReason(context, body.reason), id, body),
  );

  routes.write(
    "POST /plans/:id/versions/:version/test-matrix-runs",
    {
      operationId: "runTestMatrix",
      summary: "Run the plan's test matrix on a version now: which expected invoices change and by how much",
      params: PlanVersionParams,
      body: ReasonOnlyBody,
      response: TestMatrixRunSchema,
      status: 201,
    },
    ({ context, params, body }) => runTestMatrix(withReason(context, body.reason), params.id, params.version),
  );

  routes.read(
    "GET /plans/:id/versions/:version/test-matrix-runs",
    {
      operationId: "listTestMatrixRuns",
      summary: "The runs of the plan's test matrix on a version, newest first",
      params: PlanVersionParams,
      response: ListOf(TestMatrixRunSchema),
    },
    async ({ context, params }) => ({ data: await listTestMatrixRuns(context, params.id, params.version) }),
  );

  routes.read(
    "GET /plans/:id/versions/:version/approval-view",
    {
      operationId: "getPlanVersionApprovalView",
      summary:
        "What an approver weighs, side by side: the version's diff, its test matrix run and its latest backtest",
      params: PlanVersionParams,
      response: ApprovalViewSchema,
    },
    ({ context, params }) => approvalView(context, params.id, params.version),
  );
}
