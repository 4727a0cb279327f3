// HTTP routes for plans and plan versions: /v1/plans.
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  ApprovalStepSchema,
  ApprovePlanVersionBody,
  CreatePlanBody,
  CreatePlanVersionBody,
  PlanIdParams,
  PlanSchema,
  PlanVersionCommentBody,
  PlanVersionDiffParams,
  PlanVersionDiffSchema,
  PlanVersionParams,
  PlanVersionSchema,
  PublishPlanVersionBody,
  ReasonOnlyBody,
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
  const tags = ["Plans"];
  const read = { permission: "catalog:read" as const };
  const write = { permission: "catalog:write" as const };
  const approve = { permission: "catalog:approve" as const };
  const versionResponse = { 200: PlanVersionSchema, ...standardErrorResponses };

  app.post(
    "/plans",
    {
      config: write,
      schema: {
        tags,
        summary: "Create a plan with its version 1 as a draft",
        body: CreatePlanBody,
        response: { 201: PlanSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPlan(withReason(request.context, request.body.reason), request.body)),
  );

  app.get(
    "/plans",
    {
      config: read,
      schema: {
        tags,
        summary: "List plans, newest first, each with its versions' states",
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(PlanSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      const plans = await listPlans(request.context, { limit, afterId: decodeCursor(cursor) });
      return toPage(plans, limit, (plan) => plan);
    },
  );

  app.get(
    "/plans/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a plan and the states of its versions",
        params: PlanIdParams,
        response: { 200: PlanSchema, ...standardErrorResponses },
      },
    },
    async (request) => getPlan(request.context, request.params.id),
  );

  app.patch(
    "/plans/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Rename a plan or change its description (pricing changes go through a new version)",
        params: PlanIdParams,
        body: UpdatePlanBody,
        response: { 200: PlanSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      updatePlan(withReason(request.context, request.body.reason), request.params.id, request.body),
  );

  app.get(
    "/plans/:id/versions",
    {
      config: read,
      schema: {
        tags,
        summary:
          "List a plan's versions, newest first; published ones show as scheduled, active or superseded",
        params: PlanIdParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(PlanVersionSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      return listPlanVersions(request.context, request.params.id, { limit, cursor });
    },
  );

  app.post(
    "/plans/:id/versions",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Open a new draft: a copy of the latest (or a given) version with the fields you send changed",
        params: PlanIdParams,
        body: CreatePlanVersionBody,
        response: { 201: PlanVersionSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createPlanVersion(
            withReason(request.context, request.body.reason),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.get(
    "/plans/:id/versions/:version",
    {
      config: read,
      schema: {
        tags,
        summary: "Read one version of a plan",
        params: PlanVersionParams,
        response: versionResponse,
      },
    },
    async (request) => getPlanVersion(request.context, request.params.id, request.params.version),
  );

  app.patch(
    "/plans/:id/versions/:version",
    {
      config: write,
      schema: {
        tags,
        summary: "Edit a draft version; a published version answers 409 plan_version_immutable",
        params: PlanVersionParams,
        body: UpdatePlanVersionBody,
        response: versionResponse,
      },
    },
    async (request) =>
      updatePlanVersion(
        withReason(request.context, request.body.reason),
        request.params.id,
        request.params.version,
        request.body,
      ),
  );

  app.delete(
    "/plans/:id/versions/:version",
    {
      config: write,
      schema: {
        tags,
        summary: "Discard a draft version; published versions are kept forever",
        params: PlanVersionParams,
        response: versionResponse,
      },
    },
    async (request) => discardPlanVersion(request.context, request.params.id, request.params.version),
  );

  app.post(
    "/plans/:id/versions/:version/submit",
    {
      config: write,
      schema: {
        tags,
        summary: "Submit a draft for approval, optionally with the date it should take effect",
        params: PlanVersionParams,
        body: SubmitPlanVersionBody,
        response: versionResponse,
      },
    },
    async (request) =>
      submitPlanVersion(
        withReason(request.context, request.body.reason),
        request.params.id,
        request.params.version,
        request.body,
      ),
  );

  app.post(
    "/plans/:id/versions/:version/approve",
    {
      config: approve,
      schema: {
        tags,
        summary: "Approve a version pending approval, which publishes it; the submitter's key cannot approve",
        params: PlanVersionParams,
        body: ApprovePlanVersionBody,
        response: versionResponse,
      },
    },
    async (request) =>
      approvePlanVersion(
        withReason(request.context, request.body.reason),
        request.params.id,
        request.params.version,
        request.body,
      ),
  );

  app.post(
    "/plans/:id/versions/:version/reject",
    {
      config: approve,
      schema: {
        tags,
        summary: "Reject a version pending approval, with a comment; it goes back to draft",
        params: PlanVersionParams,
        body: PlanVersionCommentBody,
        response: versionResponse,
      },
    },
    async (request) =>
      rejectPlanVersion(
        withReason(request.context, request.body.reason),
        request.params.id,
        request.params.version,
        request.body,
      ),
  );

  app.post(
    "/plans/:id/versions/:version/comments",
    {
      config: write,
      schema: {
        tags,
        summary: "Comment on a draft or on a version under review",
        params: PlanVersionParams,
        body: PlanVersionCommentBody,
        response: { 201: ApprovalStepSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await commentOnPlanVersion(
            withReason(request.context, request.body.reason),
            request.params.id,
            request.params.version,
            request.body.comment,
          ),
        ),
  );

  app.get(
    "/plans/:id/versions/:version/review",
    {
      config: read,
      schema: {
        tags,
        summary:
          "The review trail of a version: submissions, approvals, rejections and comments, oldest first",
        params: PlanVersionParams,
        response: { 200: Type.Object({ data: Type.Array(ApprovalStepSchema) }), ...standardErrorResponses },
      },
    },
    async (request) => ({
      data: await listPlanVersionReview(request.context, request.params.id, request.params.version),
    }),
  );

  app.post(
    "/plans/:id/versions/:version/publish",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Publish a version without review, where the approval policy allows it (409 approval_required otherwise)",
        params: PlanVersionParams,
        body: PublishPlanVersionBody,
        response: versionResponse,
      },
    },
    async (request) =>
      publishPlanVersion(
        withReason(request.context, request.body.reason),
        request.params.id,
        request.params.version,
        request.body,
      ),
  );

  app.post(
    "/plans/:id/versions/:version/retire",
    {
      config: write,
      schema: {
        tags,
        summary: "Retire a published version: its content stays, it is no longer in effect for anything new",
        params: PlanVersionParams,
        body: ReasonOnlyBody,
        response: versionResponse,
      },
    },
    async (request) =>
      retirePlanVersion(
        withReason(request.context, request.body.reason),
        request.params.id,
        request.params.version,
      ),
  );

  app.get(
    "/plans/:id/versions/:version/diff/:other_version",
    {
      config: read,
      schema: {
        tags,
        summary: "What changed from one version to another, field by field, in words",
        params: PlanVersionDiffParams,
        response: { 200: PlanVersionDiffSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      diffPlanVersionsOf(
        request.context,
        request.params.id,
        request.params.version,
        request.params.other_version,
      ),
  );

  app.post(
    "/plans/:id/rollback",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Open a new draft with an earlier published version's pricing, to submit and approve like any other",
        params: PlanIdParams,
        body: RollbackPlanBody,
        response: { 201: PlanVersionSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await rollbackPlan(
            withReason(request.context, request.body.reason),
            request.params.id,
            request.body,
          ),
        ),
  );
}
