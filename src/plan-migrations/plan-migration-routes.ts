// HTTP routes of plan version migrations (/v1/plans/{id}/migrations).
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { CreatePlanMigrationBody, PlanMigrationSchema } from "./plan-migration-schemas.ts";
import { createPlanMigration, listPlanMigrations } from "./plan-migrations.ts";

export function registerPlanMigrationRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, {
    tags: ["Plan migrations"],
    read: "billing:read",
    write: "billing:write",
  });

  routes.writeById(
    "POST /plans/:id/migrations",
    {
      operationId: "createPlanMigration",
      summary:
        "Move the subscribers of one version of the plan to another version (dry_run: preview only); " +
        "subscriptions left out keep their version",
      body: CreatePlanMigrationBody,
      response: PlanMigrationSchema,
      status: [200, 201],
      statusOf: (migration) => (migration.dry_run ? 200 : 201),
    },
    (context, id, body) => createPlanMigration(withReason(context, body.reason), id, body),
  );

  routes.listById(
    "GET /plans/:id/migrations",
    {
      operationId: "listPlanMigrations",
      summary: "List the plan's version migrations, newest first, each with the subscriptions it moved",
      item: PlanMigrationSchema,
    },
    (context, id, _filters, page) => listPlanMigrations(context, id, page),
  );
}
