// HTTP routes of plan version migrations (/v1/plans/{id}/migrations).
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  CreatePlanMigrationBody,
  PlanMigrationParams,
  PlanMigrationSchema,
} from "./plan-migration-schemas.ts";
import { createPlanMigration, listPlanMigrations } from "./plan-migrations.ts";

export function registerPlanMigrationRoutes(app: FairbillApp): void {
  const read = { permission: "billing:read" as const };
  const write = { permission: "billing:write" as const };
  const migrationTags = ["Plan migrations"];
  app.post(
    "/plans/:id/migrations",
    {
      config: write,
      schema: {
        tags: migrationTags,
        summary:
          "Move the subscribers of one version of the plan to another version (dry_run: preview only); " +
          "subscriptions left out keep their version",
        params: PlanMigrationParams,
        body: CreatePlanMigrationBody,
        response: { 200: PlanMigrationSchema, 201: PlanMigrationSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      const migration = await createPlanMigration(
        withReason(request.context, request.body.reason),
        request.params.id,
        request.body,
      );
      return reply.code(migration.dry_run ? 200 : 201).send(migration);
    },
  );

  app.get(
    "/plans/:id/migrations",
    {
      config: read,
      schema: {
        tags: migrationTags,
        summary: "List the plan's version migrations, newest first, each with the subscriptions it moved",
        params: PlanMigrationParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(PlanMigrationSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      const migrations = await listPlanMigrations(request.context, request.params.id, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(migrations, limit, (migration) => migration);
    },
  );
}
