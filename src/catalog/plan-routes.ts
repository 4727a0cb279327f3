// HTTP routes for plans and plan versions: /v1/plans.
import type { Static, TObject } from "typebox";
import type { Permission } from "../platform/auth/roles.ts";
import type { RequestContext } from "../platform/context.ts";
import { PagedQuery, PageOf } from "../platform/http/pagination.ts";
import { ReasonOnlyBody, withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams, ListOf } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { tagDimensionalChargesOfPlanBodies } from "./dimensional-charge-bodies.ts";
import {
  ApprovalStepSchema,
  ApprovePlanVersionBody,
  CreatePlanBody,
  CreatePlanVersionBody,
  PlanSchema,
  type PlanVersion,
  PlanVersionCommentBody,
  PlanVersionDiffParams,
  PlanVersionDiffSchema,
  PlanVersionParams,
  PlanVersionSchema,
  PublishPlanVersionBody,
  RollbackPlanBody,
  SubmitPlanVersionBody,
  UpdatePlanBody,
  UpdatePlanVersionBody,
} from "./plan-schemas.ts";
import {
  approvePlanVersion,
  commentOnPlanVersion,
  listPlanVersionReview,
  publishPlanVersion,
  rejectPlanVersion,
  retirePlanVersion,
  rollbackPlan,
  submitPlanVersion,
} from "./plan-version-workflow.ts";
import {
  createPlanVersion,
  diffPlanVersionsOf,
  discardPlanVersion,
  getPlanVersion,
  listPlanVersions,
  updatePlanVersion,
} from "./plan-versions.ts";
import { createPlan, getPlan, listPlans, updatePlan } from "./plans.ts";

export function registerPlanRoutes(app: FairbillApp): void {
  tagDimensionalChargesOfPlanBodies(app);
  const routes = defineRoutes(app, { tags: ["Plans"], read: "catalog:read", write: "catalog:write" });

  // The changes to one version (a draft's edit, the steps of its workflow):
  // each takes the version's params and a body with a reason, and answers
  // the version.
  const versionChange = <Body extends TObject>(
    spec: `${"PATCH" | "POST"} /plans/:id/versions/:version${string}`,
    definition: { operationId: string; summary: string; permission?: Permission; body: Body },
    change: (
      context: RequestContext,
      planId: string,
      version: number,
      body: Static<Body>,
    ) => Promise<PlanVersion>,
  ) =>
    routes.write(
      spec,
      { ...definition, params: PlanVersionParams, response: PlanVersionSchema },
      ({ context, params, body }) => {
        // Validated against `definition.body`, whose fields include the reason.
        const input = body as Static<Body> & { reason?: string };
        return change(withReason(context, input.reason), params.id, params.version, input);
      },
    );

  routes.write(
    "POST /plans",
    {
      operationId: "createPlan",
      summary: "Create a plan with its version 1 as a draft",
      body: CreatePlanBody,
      response: PlanSchema,
      status: 201,
    },
    ({ context, body }) => createPlan(withReason(context, body.reason), body),
  );

  routes.list(
    "GET /plans",
    {
      operationId: "listPlans",
      summary: "List plans, newest first, each with its versions' states",
      item: PlanSchema,
    },
    ({ context }, _filters, page) => listPlans(context, page),
  );

  routes.readById(
    "GET /plans/:id",
    {
      operationId: "getPlan",
      summary: "Read a plan and the states of its versions",
      response: PlanSchema,
    },
    getPlan,
  );

  routes.writeById(
    "PATCH /plans/:id",
    {
      operationId: "updatePlan",
      summary: "Rename a plan or change its description (pricing changes go through a new version)",
      body: UpdatePlanBody,
      response: PlanSchema,
    },
    (context, id, body) => updatePlan(withReason(context, body.reason), id, body),
  );

  routes.read(
    "GET /plans/:id/versions",
    {
      operationId: "listPlanVersions",
      summary: "List a plan's versions, newest first; published ones show as scheduled, active or superseded",
      params: IdParams,
      query: PagedQuery(),
      response: PageOf(PlanVersionSchema),
    },
    ({ context, params, query: { limit = 20, cursor } }) =>
      listPlanVersions(context, params.id, { limit, cursor }),
  );

  routes.writeById(
    "POST /plans/:id/versions",
    {
      operationId: "createPlanVersion",
      summary: "Open a new draft: a copy of the latest (or a given) version with the fields you send changed",
      body: CreatePlanVersionBody,
      response: PlanVersionSchema,
      status: 201,
    },
    (context, id, body) => createPlanVersion(withReason(context, body.reason), id, body),
  );

  routes.read(
    "GET /plans/:id/versions/:version",
    {
      operationId: "getPlanVersion",
      summary: "Read one version of a plan",
      params: PlanVersionParams,
      response: PlanVersionSchema,
    },
    ({ context, params }) => getPlanVersion(context, params.id, params.version),
  );

  versionChange(
    "PATCH /plans/:id/versions/:version",
    {
      operationId: "updatePlanVersion",
      summary: "Edit a draft version; a published version answers 409 plan_version_immutable",
      body: UpdatePlanVersionBody,
    },
    updatePlanVersion,
  );

  routes.write(
    "DELETE /plans/:id/versions/:version",
    {
      operationId: "discardPlanVersion",
      summary: "Discard a draft version; published versions are kept forever",
      params: PlanVersionParams,
      response: PlanVersionSchema,
    },
    ({ context, params }) => discardPlanVersion(context, params.id, params.version),
  );

  versionChange(
    "POST /plans/:id/versions/:version/submit",
    {
      operationId: "submitPlanVersion",
      summary: "Submit a draft for approval, optionally with the date it should take effect",
      body: SubmitPlanVersionBody,
    },
    submitPlanVersion,
  );

  versionChange(
    "POST /plans/:id/versions/:version/approve",
    {
      operationId: "approvePlanVersion",
      summary: "Approve a version pending approval, which publishes it; the submitter's key cannot approve",
      permission: "catalog:approve",
      body: ApprovePlanVersionBody,
    },
    approvePlanVersion,
  );

  versionChange(
    "POST /plans/:id/versions/:version/reject",
    {
      operationId: "rejectPlanVersion",
      summary: "Reject a version pending approval, with a comment; it goes back to draft",
      permission: "catalog:approve",
      body: PlanVersionCommentBody,
    },
    rejectPlanVersion,
  );

  routes.write(
    "POST /plans/:id/versions/:version/comments",
    {
      operationId: "commentOnPlanVersion",
      summary: "Comment on a draft or on a version under review",
      params: PlanVersionParams,
      body: PlanVersionCommentBody,
      response: ApprovalStepSchema,
      status: 201,
    },
    ({ context, params, body }) =>
      commentOnPlanVersion(withReason(context, body.reason), params.id, params.version, body.comment),
  );

  routes.read(
    "GET /plans/:id/versions/:version/review",
    {
      operationId: "getPlanVersionReview",
      summary: "The review trail of a version: submissions, approvals, rejections and comments, oldest first",
      params: PlanVersionParams,
      response: ListOf(ApprovalStepSchema),
    },
    async ({ context, params }) => ({
      data: await listPlanVersionReview(context, params.id, params.version),
    }),
  );

  versionChange(
    "POST /plans/:id/versions/:version/publish",
    {
      operationId: "publishPlanVersion",
      summary:
        "Publish a version without review where the approval policy allows it (409 approval_required otherwise); an admin may break glass with a reason",
      body: PublishPlanVersionBody,
    },
    publishPlanVersion,
  );

  versionChange(
    "POST /plans/:id/versions/:version/retire",
    {
      operationId: "retirePlanVersion",
      summary: "Retire a published version: its content stays, it is no longer in effect for anything new",
      body: ReasonOnlyBody,
    },
    retirePlanVersion,
  );

  routes.read(
    "GET /plans/:id/versions/:version/diff/:other_version",
    {
      operationId: "diffPlanVersions",
      summary: "What changed from one version to another, field by field, in words",
      params: PlanVersionDiffParams,
      response: PlanVersionDiffSchema,
    },
    ({ context, params }) => diffPlanVersionsOf(context, params.id, params.version, params.other_version),
  );

  routes.writeById(
    "POST /plans/:id/rollback",
    {
      operationId: "rollbackPlan",
      summary:
        "Open a new draft with an earlier published version's pricing, to submit and approve like any other",
      body: RollbackPlanBody,
      response: PlanVersionSchema,
      status: 201,
    },
    (context, id, body) => rollbackPlan(withReason(context, body.reason), id, body),
  );
}
